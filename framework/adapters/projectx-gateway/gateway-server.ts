import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer } from 'ws';
import { ConfigError } from '../../core/errors.ts';
import type { BarColumns } from '../../model/bar-columns.ts';
import { resolveGatewayConfig, type GatewayConfig, type ResolvedGatewayConfig } from './gateway-config.ts';
import { GatewayFaults, normalizeEndpoint } from './gateway-faults.ts';
import { GatewayState } from './gateway-state.ts';
import { MarketSimulator } from './market-simulator.ts';
import { OrderEngine } from './order-engine.ts';
import { SlidingWindowLimiter } from './rate-limiter.ts';
import { replayBaseMs, runReplay } from './replay-driver.ts';
import { BadRequest, restHandlers, type RestReply } from './rest-api.ts';
import { SignalRHub } from './signalr-hub.ts';
import { TokenStore } from './token-store.ts';
import { UserHub } from './user-hub.ts';

export interface GatewayOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Seeds the market walk; default 1. */
  seed?: number;
  config?: GatewayConfig;
  /** Replay stored bars into the market of `symbol` instead of the random walk. */
  replay?: { columns: BarColumns; symbol: string; speed: number | 'max' };
  /** Per subscribed contract, default 200. 0 = fast mode (bursts every event-loop turn; for benchmarks). */
  quoteIntervalMs?: number;
  /** Injectable clock (tokens, simulated market time), default Date.now. */
  nowMs?: () => number;
}

export interface RunningGateway {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** url + '/hubs/market' */
  readonly marketHubUrl: string;
  readonly userHubUrl: string;
  readonly faults: GatewayFaults;
  /** Accounts, orders, positions, trades, for test assertions. */
  readonly state: GatewayState;
  /** The simulated markets; `market.printTrade(contractId, price)` moves a market (tests, with pauseMarket). */
  readonly market: MarketSimulator;
  /** The resolved configuration (contracts with their front-month ids, users, accounts). */
  readonly config: ResolvedGatewayConfig;
  /** Resolves when the replay has played every bar (at once when there is no replay). */
  readonly replayDone: Promise<void>;
  close(): Promise<void>;
}

const HUB_PATHS = new Set(['/hubs/market', '/hubs/user']);

function bearer(req: IncomingMessage, url: URL): string | undefined {
  const h = req.headers.authorization;
  if (typeof h === 'string' && /^bearer /i.test(h)) return h.slice(7).trim();
  return url.searchParams.get('access_token') ?? undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Starts the local ProjectX-compatible gateway: REST under /api, SignalR hubs under /hubs. */
export async function startGateway(opts: GatewayOptions = {}): Promise<RunningGateway> {
  const nowMs = opts.nowMs ?? Date.now;
  const config = resolveGatewayConfig(opts.config, nowMs());
  let replayContractId: string | undefined;
  if (opts.replay !== undefined) {
    const sym = opts.replay.symbol.toUpperCase();
    const spec = config.markets.find((m) => m.symbol === sym || m.root === sym || m.contractId === opts.replay!.symbol);
    if (spec === undefined) throw new ConfigError(`replay symbol '${opts.replay.symbol}' is not a gateway market`, { where: '--replay', hint: `use one of ${config.markets.map((m) => m.symbol).join(', ')} or add it under "markets" in --config` });
    replayContractId = spec.contractId;
  }
  const markets = new MarketSimulator(config.markets, opts.seed ?? 1, nowMs, opts.quoteIntervalMs ?? 200, config.historyDays, replayContractId === undefined ? undefined : { contractId: replayContractId, baseMs: replayBaseMs(opts.replay!.columns) });
  let replayEndMs = Number.NaN;
  const marketNowMs = (contractId: string): number => {
    if (contractId !== replayContractId) return nowMs();
    if (!Number.isNaN(replayEndMs)) return replayEndMs;
    const m = markets.get(contractId)!;
    return m.lastTsMs > 0 ? m.lastTsMs : opts.replay!.columns.tsMs[0] ?? 0;
  };
  const state = new GatewayState(config);
  const marketHub = new SignalRHub('market');
  const userHubCore = new SignalRHub('user');
  const userHub = new UserHub(userHubCore, state);
  const engine = new OrderEngine(state, (id) => markets.get(id), userHub, (m) => marketNowMs(m.spec.contractId));
  markets.attachHub(marketHub);
  markets.onUpdate = (m) => engine.onMarket(m);
  markets.hasWorkingOrders = (id) => engine.hasWorking(id);
  const tokens = new TokenStore(nowMs);
  const rl = config.rateLimits;
  const generalLimiter = new SlidingWindowLimiter(rl.generalPerWindow, rl.generalWindowSeconds * 1000, nowMs);
  const barsLimiter = new SlidingWindowLimiter(rl.barsPerWindow, rl.barsWindowSeconds * 1000, nowMs);
  const handlers = restHandlers({ config, state, markets, engine, tokens, marketNowMs });
  const faults = new GatewayFaults({
    dropConnections: () => {
      marketHub.dropAll();
      userHubCore.dropAll();
    },
    expireTokens: () => tokens.expireAll(),
    pauseMarket: () => markets.pause(),
    resumeMarket: () => markets.resume(),
    setRejectOrders: (v) => (engine.rejectOrders = v),
    getRejectOrders: () => engine.rejectOrders,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'GET' && path.toLowerCase() === '/api/status/ping') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('pong');
      return;
    }
    const negotiate = /^(\/hubs\/(?:market|user))\/negotiate$/.exec(path);
    if (negotiate !== null && req.method === 'POST') {
      if (tokens.userOf(bearer(req, url)) === undefined) return sendJson(res, 401, undefined);
      const id = `neg-${Math.floor(nowMs()).toString(36)}-${Math.floor(performance.now() * 1000).toString(36)}`;
      return sendJson(res, 200, { connectionId: id, connectionToken: id, negotiateVersion: 1, availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }] });
    }
    if (req.method !== 'POST' || !path.toLowerCase().startsWith('/api/')) return sendJson(res, 404, undefined);
    const endpoint = normalizeEndpoint(path);
    const handler = handlers.get(endpoint);
    if (handler === undefined) return sendJson(res, 404, undefined);
    if (faults.delayMs > 0) await sleep(faults.delayMs);
    const injected = faults.take(endpoint);
    if (injected !== undefined) {
      const headers: Record<string, string> = injected.status === 429 ? { 'retry-after': String(injected.retryAfterSeconds) } : {};
      return sendJson(res, injected.status, { success: false, errorCode: 0, errorMessage: injected.status === 429 ? 'Too many requests' : 'Internal server error (injected)' }, headers);
    }
    let ctx = { userName: '', token: '' };
    if (endpoint !== 'auth/loginkey') {
      const token = bearer(req, url);
      const userName = tokens.userOf(token);
      if (userName === undefined || token === undefined) return sendJson(res, 401, undefined);
      ctx = { userName, token };
      const retryAfter = (endpoint === 'history/retrievebars' ? barsLimiter : generalLimiter).check(token);
      if (retryAfter > 0) return sendJson(res, 429, { success: false, errorCode: 0, errorMessage: 'Too many requests' }, { 'retry-after': String(retryAfter) });
    }
    let body: Record<string, unknown>;
    try {
      const text = await readBody(req);
      const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadRequest('body must be a JSON object');
      body = parsed as Record<string, unknown>;
    } catch (e) {
      return sendJson(res, 400, { success: false, errorCode: 0, errorMessage: e instanceof BadRequest ? e.message : 'malformed JSON body' });
    }
    let reply: RestReply;
    try {
      reply = handler(body, ctx);
    } catch (e) {
      if (e instanceof BadRequest) return sendJson(res, 400, { success: false, errorCode: 0, errorMessage: e.message });
      throw e;
    }
    sendJson(res, reply.status ?? 200, reply.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { success: false, errorCode: 0, errorMessage: e instanceof Error ? e.message : 'internal error' });
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const userName = tokens.userOf(bearer(req, url));
    if (!HUB_PATHS.has(url.pathname) || userName === undefined) {
      socket.end(`HTTP/1.1 ${userName === undefined ? '401 Unauthorized' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      (url.pathname === '/hubs/market' ? marketHub : userHubCore).accept(ws, userName);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const base = `http://${host}:${addr.port}`;

  markets.start();
  let closed = false;
  const replayDone =
    opts.replay === undefined || replayContractId === undefined
      ? Promise.resolve()
      : runReplay(opts.replay.columns, replayContractId, markets, opts.replay.speed, () => closed).then(() => {
          const c = opts.replay!.columns;
          if (c.length > 0) replayEndMs = c.tsMs[c.length - 1] + replayBaseMs(c);
          markets.get(replayContractId!)!.bars.closePartial();
        });

  return {
    url: base,
    marketHubUrl: `${base}/hubs/market`,
    userHubUrl: `${base}/hubs/user`,
    faults,
    state,
    market: markets,
    config,
    replayDone,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      markets.stop();
      marketHub.close();
      userHubCore.close();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
