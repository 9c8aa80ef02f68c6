/**
 * One SignalR hub connection that stays up: what the market and user hub clients share.
 * - Official connection recipe (projectx-api.md §2.4, §7.1): `skipNegotiation`, WebSockets only,
 *   `accessTokenFactory`, and the token also as `access_token` in the URL query. In Node the client
 *   additionally sends the factory's token as a Bearer header on every (re)connect, so automatic
 *   reconnects carry a fresh token; a forced restart rebuilds the URL with a fresh query token too.
 * - Automatic reconnect with NeverGiveUpRetryPolicy; if the connection still closes (server close
 *   without reconnect, failed handshake) and we did not stop it, the session rebuilds and restarts
 *   itself with the same backoff, forever.
 * - `onConnected` runs after every (re)connect so the owner can restore its subscriptions.
 * - Status changes go out on `status$`. SignalR's own log lines are forwarded with tokens masked.
 */
import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection, type ILogger } from '@microsoft/signalr';
import { Subject } from 'rxjs';
import { ConnectionError } from '../../core/errors.ts';
import { LiveClock, type Clock } from '../../core/clock.ts';
import type { ConnectionStatus } from '../../model/events.ts';
import { NeverGiveUpRetryPolicy, type BackoffOptions } from './reconnect-policy.ts';

export interface HubSessionOptions {
  /** Hub URL without the token, e.g. https://rtc.topstepx.com/hubs/market. */
  url: string;
  /** A valid session token (ProjectXRestClient.token). */
  accessToken: () => Promise<string>;
  clock?: Clock;
  reconnect?: BackoffOptions;
  /** SignalR server timeout, ms (official sample: 10 000). */
  serverTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface HubSessionHooks {
  component: string;
  /** Attach `.on(...)` handlers to a freshly built connection. */
  register(conn: HubConnection): void;
  /** After every (re)connect: (re)subscribe. */
  onConnected(conn: HubConnection): Promise<void>;
}

const TOKEN_IN_TEXT = /(access_token=)[^&\s"']+|(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** Mask tokens in a line SignalR logs (it prints URLs with access_token). */
export function maskTokens(text: string): string {
  return text.replace(TOKEN_IN_TEXT, (_m, q: string | undefined, b: string | undefined) => `${q ?? b}***`);
}

export class HubSession {
  readonly status$ = new Subject<ConnectionStatus>();
  private conn: HubConnection | undefined;
  private stopped = true;
  private restarting = false;
  private readonly policy: NeverGiveUpRetryPolicy;
  readonly clock: Clock;
  private readonly logFn: (line: string) => void;
  private wake: (() => void) | undefined;

  constructor(
    private readonly opts: HubSessionOptions,
    private readonly hooks: HubSessionHooks,
  ) {
    this.clock = opts.clock ?? new LiveClock();
    this.policy = new NeverGiveUpRetryPolicy(opts.reconnect);
    this.logFn = opts.log ?? (() => undefined);
  }

  get connected(): boolean {
    return this.conn?.state === HubConnectionState.Connected;
  }

  /** Connect once; rejects with ConnectionError when the first connect fails (bad URL, bad token). */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.connect();
    } catch (err) {
      this.stopped = true;
      throw new ConnectionError(`${this.hooks.component}: could not connect to ${this.opts.url}: ${maskTokens(err instanceof Error ? err.message : String(err))}`, {
        where: this.opts.url,
        hint: 'check the hub URL and credentials',
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const c = this.conn;
    this.conn = undefined;
    if (c) await c.stop().catch(() => undefined);
    this.emit('disconnected', 'stopped');
  }

  /** Drop the current connection and build a new one (fresh URL token), retrying until it is up. */
  async restart(reason: string): Promise<void> {
    if (this.stopped || this.restarting) return;
    this.restarting = true;
    try {
      this.emit('reconnecting', reason);
      const old = this.conn;
      this.conn = undefined; // its onclose must not trigger another restart
      if (old) await old.stop().catch(() => undefined);
      for (let attempt = 0; !this.stopped; attempt++) {
        try {
          await this.connect();
          return;
        } catch (err) {
          const delayMs = this.policy.delayForAttempt(attempt);
          this.log(`${this.hooks.component}: reconnect attempt ${attempt + 1} failed (${err instanceof Error ? err.message : String(err)}); next in ${delayMs} ms`);
          await this.pause(delayMs);
        }
      }
    } finally {
      this.restarting = false;
    }
  }

  /** Invoke a hub method when connected; false when not connected (the owner resubscribes on connect). */
  async invoke(method: string, ...args: unknown[]): Promise<boolean> {
    const c = this.conn;
    if (!c || c.state !== HubConnectionState.Connected) return false;
    await c.invoke(method, ...args);
    return true;
  }

  private async connect(): Promise<void> {
    this.emit('connecting');
    const token = await this.opts.accessToken();
    const sep = this.opts.url.includes('?') ? '&' : '?';
    const conn = new HubConnectionBuilder()
      .withUrl(`${this.opts.url}${sep}access_token=${encodeURIComponent(token)}`, {
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
        accessTokenFactory: () => this.opts.accessToken(),
      })
      .withAutomaticReconnect(this.policy)
      .configureLogging(this.signalrLogger())
      .build();
    conn.serverTimeoutInMilliseconds = this.opts.serverTimeoutMs ?? 30_000;
    this.hooks.register(conn);
    conn.onreconnecting((err) => {
      if (conn === this.conn) this.emit('reconnecting', err ? maskTokens(err.message) : undefined);
    });
    conn.onreconnected(() => {
      if (conn !== this.conn) return;
      // 'connected' is announced once the subscriptions are back, so listeners can rely on events.
      this.hooks
        .onConnected(conn)
        .then(() => this.emit('connected', 'reconnected'))
        .catch((err: unknown) => {
          this.log(`${this.hooks.component}: resubscribe failed (${maskTokens(String(err))}); rebuilding the connection`);
          void this.restart('resubscribe failed');
        });
    });
    conn.onclose((err) => {
      if (conn !== this.conn || this.stopped) return;
      this.emit('disconnected', err ? maskTokens(err.message) : 'closed');
      void this.restart('connection closed');
    });
    this.conn = conn;
    try {
      await conn.start();
      if (this.stopped) {
        await conn.stop().catch(() => undefined);
        return;
      }
      await this.hooks.onConnected(conn);
      this.emit('connected');
    } catch (err) {
      if (this.conn === conn) this.conn = undefined;
      await conn.stop().catch(() => undefined);
      throw err;
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  emit(state: ConnectionStatus['state'], detail?: string): void {
    const s: ConnectionStatus = detail === undefined ? { tsMs: this.clock.nowMs(), component: this.hooks.component, state } : { tsMs: this.clock.nowMs(), component: this.hooks.component, state, detail };
    this.status$.next(s);
  }

  log(line: string): void {
    this.logFn(maskTokens(line));
  }

  private signalrLogger(): ILogger {
    return {
      log: (level: LogLevel, message: string) => {
        if (level >= LogLevel.Warning) this.log(`${this.hooks.component}: signalr: ${message}`);
      },
    };
  }
}
