/**
 * The HTTP half of the REST client: token lifecycle, rate limits, timeouts, retries and the response
 * envelope check. Typed endpoints live in rest-client.ts.
 *
 * Retry policy (projectx-api.md §2.5, §6):
 * - reads and auth calls retry network errors, timeouts and 5xx with capped exponential backoff;
 * - mutations (place/cancel/modify/close) are NEVER retried after a network error, timeout or 5xx:
 *   the venue may have acted, so SubmissionUncertainError is thrown and the caller reconciles;
 * - 401 refreshes the token once and retries (the venue refused before acting, so this is safe for
 *   mutations too); 429 waits Retry-After and retries (also a refusal before acting).
 * Secrets: the api key and tokens are redacted from every message and log line this file produces.
 */
import { ApiError, ConnectionError } from '../../core/errors.ts';
import { LiveClock, type Clock } from '../../core/clock.ts';
import { MS_PER_HOUR } from '../../core/time.ts';
import { errorCodeName } from './error-codes.ts';
import { num } from './parse-values.ts';
import { SlidingWindowRateLimiter, realSleep, type RateLimit, type Sleep } from './rate-limiter.ts';
import type { WireEnvelope, WireLoginResponse, WireValidateResponse } from './wire-types.ts';

export type RequestKind = 'auth' | 'read' | 'mutation';

/** A mutation whose outcome is unknown (timeout, network error, 5xx): it may or may not have executed. */
export class SubmissionUncertainError extends ConnectionError {
  readonly endpoint: string;
  constructor(endpoint: string, detail: string) {
    super(`${endpoint}: outcome unknown (${detail}); not retried blindly`, {
      where: endpoint,
      hint: 'reconcile with Order/search (customTag) or Order/searchOpen before sending again',
    });
    this.endpoint = endpoint;
  }
}

export interface HttpSessionOptions {
  baseUrl: string;
  userName: string;
  apiKey: string;
  fetch?: typeof fetch;
  clock?: Clock;
  /** Injected wait (tests pass one that advances a fake clock). */
  sleep?: Sleep;
  /** Per-request timeout, ms. Default 15 000. */
  timeoutMs?: number;
  rateLimits?: { general?: RateLimit; bars?: RateLimit };
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Token lifetime when the JWT carries no `exp` (docs: 24 h). */
  tokenLifetimeMs?: number;
  /** Refresh this long before expiry. Default 1 h. */
  refreshBeforeMs?: number;
  /** Wait when a 429 has no usable Retry-After. Default 5 s. */
  defaultRetryAfterMs?: number;
  log?: (line: string) => void;
}

const BARS_ENDPOINT = '/api/History/retrieveBars';

export class ProjectXHttpSession {
  readonly baseUrl: string;
  private readonly userName: string;
  private readonly apiKey: string;
  private readonly fetchFn: typeof fetch;
  readonly clock: Clock;
  readonly sleep: Sleep;
  private readonly timeoutMs: number;
  private readonly general: SlidingWindowRateLimiter;
  private readonly bars: SlidingWindowRateLimiter;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly tokenLifetimeMs: number;
  private readonly refreshBeforeMs: number;
  private readonly defaultRetryAfterMs: number;
  private readonly logFn: (line: string) => void;
  private token: string | undefined;
  private expiresAtMs = 0;
  /** Every token we have held, so redaction also catches old ones. */
  private readonly secrets = new Set<string>();
  private pendingAuth: Promise<string> | undefined;

  constructor(o: HttpSessionOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.userName = o.userName;
    this.apiKey = o.apiKey;
    if (o.apiKey) this.secrets.add(o.apiKey);
    this.fetchFn = o.fetch ?? globalThis.fetch;
    this.clock = o.clock ?? new LiveClock();
    this.sleep = o.sleep ?? realSleep;
    this.timeoutMs = o.timeoutMs ?? 15_000;
    this.general = new SlidingWindowRateLimiter(o.rateLimits?.general ?? { maxRequests: 200, windowMs: 60_000 }, this.clock, this.sleep);
    this.bars = new SlidingWindowRateLimiter(o.rateLimits?.bars ?? { maxRequests: 30, windowMs: 30_000 }, this.clock, this.sleep);
    this.maxAttempts = o.retry?.maxAttempts ?? 4;
    this.baseDelayMs = o.retry?.baseDelayMs ?? 500;
    this.maxDelayMs = o.retry?.maxDelayMs ?? 10_000;
    this.tokenLifetimeMs = o.tokenLifetimeMs ?? 24 * MS_PER_HOUR;
    this.refreshBeforeMs = o.refreshBeforeMs ?? MS_PER_HOUR;
    this.defaultRetryAfterMs = o.defaultRetryAfterMs ?? 5_000;
    this.logFn = o.log ?? (() => undefined);
  }

  /** Mask the api key and every token we hold in `text`. */
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (s.length >= 4) out = out.split(s).join('***');
    return out;
  }

  private log(line: string): void {
    this.logFn(this.redact(line));
  }

  /** A valid token: logs in on first use, refreshes ahead of expiry. Concurrent callers share one auth call. */
  async currentToken(): Promise<string> {
    if (this.token !== undefined && this.clock.nowMs() < this.expiresAtMs - this.refreshBeforeMs) return this.token;
    return this.authOnce(() => (this.token === undefined ? this.login() : this.refresh()));
  }

  /** Full login with the api key (Auth/loginKey). */
  async login(): Promise<string> {
    const res = await this.request<WireLoginResponse>('/api/Auth/loginKey', { userName: this.userName, apiKey: this.apiKey }, 'auth');
    if (typeof res.token !== 'string' || res.token === '') throw new ApiError('login returned no token', { endpoint: '/api/Auth/loginKey', status: 200 });
    this.setToken(res.token);
    this.log(`projectx: logged in as ${this.userName}`);
    return res.token;
  }

  /** Auth/validate for a fresh token (newToken); a full re-login when that fails. */
  async refresh(): Promise<string> {
    if (this.token !== undefined) {
      try {
        const res = await this.request<WireValidateResponse>('/api/Auth/validate', undefined, 'auth', this.token);
        const fresh = typeof res.newToken === 'string' && res.newToken !== '' ? res.newToken : res.token;
        if (typeof fresh === 'string' && fresh !== '') {
          this.setToken(fresh);
          this.log('projectx: session token refreshed');
          return fresh;
        }
      } catch (err) {
        this.log(`projectx: validate failed (${err instanceof Error ? err.message : String(err)}); logging in again`);
      }
    }
    return this.login();
  }

  private authOnce(fn: () => Promise<string>): Promise<string> {
    if (this.pendingAuth === undefined) {
      this.pendingAuth = fn().finally(() => {
        this.pendingAuth = undefined;
      });
    }
    return this.pendingAuth;
  }

  private setToken(token: string): void {
    this.token = token;
    this.secrets.add(token);
    this.expiresAtMs = jwtExpiryMs(token) ?? this.clock.nowMs() + this.tokenLifetimeMs;
  }

  /**
   * One call with auth, limits, timeout, retries and envelope check. `body` undefined sends no body;
   * GET is used only for Status/ping (returns the raw text in `{ text }`).
   */
  async request<T extends WireEnvelope>(endpoint: string, body: unknown, kind: RequestKind, bearer?: string): Promise<T> {
    let attempt = 0;
    let refreshed = false;
    let throttled = 0;
    for (;;) {
      attempt++;
      const token = bearer ?? (kind === 'auth' ? undefined : await this.currentToken());
      await (endpoint === BARS_ENDPOINT ? this.bars : this.general).acquire();
      let res: Response;
      let text: string;
      try {
        ({ res, text } = await this.send(endpoint, body, token));
      } catch (err) {
        const detail = isAbort(err) ? `timed out after ${this.timeoutMs} ms` : `network error: ${errMessage(err)}`;
        if (kind === 'mutation') throw new SubmissionUncertainError(endpoint, this.redact(detail));
        if (attempt < this.maxAttempts) {
          await this.backoff(endpoint, attempt, detail);
          continue;
        }
        throw new ConnectionError(this.redact(`${endpoint}: ${detail} (after ${attempt} attempts)`), { where: this.baseUrl, hint: 'check the API URL and your network' });
      }
      if (res.status === 401 && kind !== 'auth' && !refreshed && bearer === undefined) {
        refreshed = true;
        this.log(`projectx: ${endpoint} returned 401; refreshing the session once`);
        await this.authOnce(() => this.refresh());
        continue;
      }
      if (res.status === 429 && throttled < this.maxAttempts) {
        throttled++;
        const waitMs = retryAfterMs(res.headers.get('retry-after'), this.clock.nowMs()) ?? this.defaultRetryAfterMs;
        this.log(`projectx: ${endpoint} rate limited (429); waiting ${waitMs} ms`);
        await this.sleep(waitMs);
        continue;
      }
      if (res.status >= 500) {
        const detail = `HTTP ${res.status}`;
        if (kind === 'mutation') throw new SubmissionUncertainError(endpoint, detail);
        if (attempt < this.maxAttempts) {
          await this.backoff(endpoint, attempt, detail);
          continue;
        }
      }
      if (res.status < 200 || res.status >= 300) {
        throw new ApiError(this.redact(`${endpoint} failed: HTTP ${res.status}${shortBody(text)}`), {
          endpoint,
          status: res.status,
          hint: res.status === 401 ? 'the session was refused: check PROJECTX_USERNAME / PROJECTX_API_KEY' : undefined,
          retryAfterMs: res.status === 429 ? (retryAfterMs(res.headers.get('retry-after'), this.clock.nowMs()) ?? undefined) : undefined,
        });
      }
      return this.checkEnvelope<T>(endpoint, res.status, text);
    }
  }

  private checkEnvelope<T extends WireEnvelope>(endpoint: string, status: number, text: string): T {
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      // Status/ping answers plain text ("pong").
      return { success: true, text } as unknown as T;
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return { success: true, value: json } as unknown as T;
    const env = json as WireEnvelope;
    const code = num(env.errorCode);
    if (env.success === false || (!Number.isNaN(code) && code !== 0)) {
      const c = Number.isNaN(code) ? -1 : code;
      const name = errorCodeName(endpoint, c);
      const msg = typeof env.errorMessage === 'string' && env.errorMessage !== '' ? `: ${env.errorMessage}` : '';
      throw new ApiError(this.redact(`${endpoint} refused: ${name} (errorCode ${c})${msg}`), {
        endpoint,
        status,
        errorCode: c,
        errorName: name,
        hint: endpoint.startsWith('/api/Auth/') ? 'check PROJECTX_USERNAME / PROJECTX_API_KEY' : undefined,
      });
    }
    return env as T;
  }

  private async send(endpoint: string, body: unknown, token: string | undefined): Promise<{ res: Response; text: string }> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'application/json, text/plain' };
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      const isGet = endpoint === '/api/Status/ping';
      if (!isGet) headers['content-type'] = 'application/json';
      const res = await this.fetchFn(`${this.baseUrl}${endpoint}`, {
        method: isGet ? 'GET' : 'POST',
        headers,
        body: isGet ? undefined : JSON.stringify(body ?? {}),
        signal: ctrl.signal,
      });
      // The body read is inside the timeout too: a stalled body is as uncertain as a stalled header.
      const text = await res.text();
      return { res, text };
    } finally {
      clearTimeout(timer);
    }
  }

  private async backoff(endpoint: string, attempt: number, detail: string): Promise<void> {
    const waitMs = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    this.log(`projectx: ${endpoint} ${detail}; retry ${attempt}/${this.maxAttempts - 1} in ${waitMs} ms`);
    await this.sleep(waitMs);
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

function errMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}

function shortBody(text: string): string {
  const t = text.trim();
  return t === '' ? '' : `: ${t.length > 200 ? `${t.slice(0, 200)}…` : t}`;
}

/** Retry-After: delta seconds or an HTTP date; capped at 2 minutes. undefined when absent/unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.min(120_000, Math.max(0, secs * 1000));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.min(120_000, Math.max(0, at - nowMs));
}

/** `exp` claim of a JWT in ms, when the token is a readable JWT. */
export function jwtExpiryMs(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
