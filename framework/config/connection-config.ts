/**
 * ProjectX connection configuration. Precedence, highest first:
 *   flags  >  config file (JSON)  >  .env file  >  process environment  >  defaults.
 * Variables: PROJECTX_API_URL, PROJECTX_MARKET_HUB_URL, PROJECTX_USER_HUB_URL, PROJECTX_USERNAME,
 * PROJECTX_API_KEY, PROJECTX_ACCOUNT. Config file keys: apiUrl, marketHubUrl, userHubUrl, userName,
 * apiKey, account.
 * Defaults point at the local gateway (http://127.0.0.1:8787, hubs under /hubs/market and /hubs/user).
 * The demo credentials (`demo` / `demo-key`) are used only when the API URL is a loopback address (the
 * local gateway, on its default or a test port): against any other host a missing key is a
 * ConfigError naming the variable. Hub URLs default from the API URL: loopback -> same origin
 * `/hubs/...`; `https://api.<x>` -> `https://rtc.<x>/hubs/...` (the ProjectX host pattern, §1).
 */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import { readEnvFile } from './env-file.ts';

export const LOCAL_GATEWAY_URL = 'http://127.0.0.1:8787';
export const DEMO_USER = 'demo';
export const DEMO_API_KEY = 'demo-key';

export interface ConnectionConfig {
  readonly apiUrl: string;
  readonly marketHubUrl: string;
  readonly userHubUrl: string;
  readonly userName: string;
  /** Secret: never print it (describeConnection / redact). */
  readonly apiKey: string;
  /** Account name or id to trade; undefined = the first active account. */
  readonly account: string | undefined;
  /** True when the API URL is a loopback address (local gateway). */
  readonly local: boolean;
}

export interface ConnectionFlags {
  apiUrl?: string;
  marketHubUrl?: string;
  userHubUrl?: string;
  userName?: string;
  apiKey?: string;
  account?: string;
}

export interface LoadConnectionOptions {
  flags?: ConnectionFlags;
  /** JSON config file; a `projectx` object inside it is used when present. */
  configFile?: string;
  /** .env file; default `.env` in the working directory (ignored when missing). */
  envFile?: string;
  /** Environment; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

const ENV = {
  apiUrl: 'PROJECTX_API_URL',
  marketHubUrl: 'PROJECTX_MARKET_HUB_URL',
  userHubUrl: 'PROJECTX_USER_HUB_URL',
  userName: 'PROJECTX_USERNAME',
  apiKey: 'PROJECTX_API_KEY',
  account: 'PROJECTX_ACCOUNT',
} as const;
type Key = keyof typeof ENV;

export function loadConnectionConfig(opts: LoadConnectionOptions = {}): ConnectionConfig {
  const flags = opts.flags ?? {};
  const file = opts.configFile ? readConfigFile(opts.configFile) : {};
  const dotenv = readEnvFile(opts.envFile ?? '.env');
  const env = opts.env ?? process.env;
  const pick = (k: Key): string | undefined => nonEmpty(flags[k]) ?? nonEmpty(file[k]) ?? nonEmpty(dotenv[ENV[k]]) ?? nonEmpty(env[ENV[k]]);

  const apiUrl = trimSlash(pick('apiUrl') ?? LOCAL_GATEWAY_URL);
  checkUrl(apiUrl, ENV.apiUrl);
  const local = isLoopback(apiUrl);
  const marketHubUrl = pick('marketHubUrl') ?? defaultHub(apiUrl, 'market', local);
  const userHubUrl = pick('userHubUrl') ?? defaultHub(apiUrl, 'user', local);
  checkUrl(marketHubUrl, ENV.marketHubUrl);
  checkUrl(userHubUrl, ENV.userHubUrl);
  const userName = pick('userName') ?? (local ? DEMO_USER : undefined);
  const apiKey = pick('apiKey') ?? (local ? DEMO_API_KEY : undefined);
  if (userName === undefined) throw missing(ENV.userName, apiUrl);
  if (apiKey === undefined) throw missing(ENV.apiKey, apiUrl);
  return { apiUrl, marketHubUrl, userHubUrl, userName, apiKey, account: pick('account'), local };
}

/** One line for logs and the CLI: URLs, user, account. Never the key. */
export function describeConnection(cfg: ConnectionConfig): string {
  return `ProjectX ${cfg.apiUrl} (market hub ${cfg.marketHubUrl}, user hub ${cfg.userHubUrl}) as ${cfg.userName}, account ${cfg.account ?? '(first active)'}${cfg.local ? ' [local gateway]' : ''}`;
}

export function isLoopback(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return h === '127.0.0.1' || h === 'localhost' || h === '[::1]' || h === '::1';
  } catch {
    return false;
  }
}

function defaultHub(apiUrl: string, hub: 'market' | 'user', local: boolean): string {
  const u = new URL(apiUrl);
  if (local) return `${u.origin}/hubs/${hub}`;
  if (u.hostname.startsWith('api.')) return `${u.protocol}//rtc.${u.hostname.slice(4)}/hubs/${hub}`;
  throw new ConfigError(`cannot derive the ${hub} hub URL from ${u.origin}`, {
    where: hub === 'market' ? ENV.marketHubUrl : ENV.userHubUrl,
    hint: `set ${hub === 'market' ? ENV.marketHubUrl : ENV.userHubUrl}`,
  });
}

function missing(variable: string, apiUrl: string): ConfigError {
  return new ConfigError(`${variable} is not set (required for ${new URL(apiUrl).origin})`, {
    where: variable,
    hint: `set ${variable} in the environment or .env, or pass it as a flag`,
  });
}

function readConfigFile(path: string): Partial<Record<Key, string>> {
  if (!existsSync(path)) throw new ConfigError(`config file not found`, { where: path, hint: 'check the --config path' });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`config file is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { where: path });
  }
  const root = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  const px = root.projectx !== null && typeof root.projectx === 'object' ? (root.projectx as Record<string, unknown>) : root;
  const out: Partial<Record<Key, string>> = {};
  for (const k of Object.keys(ENV) as Key[]) {
    const v = px[k];
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number') out[k] = String(v);
  }
  return out;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function trimSlash(u: string): string {
  return u.replace(/\/+$/, '');
}

function checkUrl(u: string, variable: string): void {
  try {
    const p = new URL(u).protocol;
    if (p === 'http:' || p === 'https:' || p === 'ws:' || p === 'wss:') return;
  } catch {
    /* fall through */
  }
  throw new ConfigError(`not a valid http(s) URL: ${u}`, { where: variable, hint: 'e.g. https://api.topstepx.com' });
}
