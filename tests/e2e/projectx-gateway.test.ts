/**
 * Our ProjectX client against the real in-process gateway (loopback, ephemeral port): REST, contract
 * resolution, history paging, both SignalR hubs, orders and brackets, auth failures, reconnects and
 * `pxt download` (twice, and killed midway).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom, type Observable } from 'rxjs';
import { startGateway, type RunningGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import { ProjectXRestClient } from '../../framework/adapters/projectx/rest-client.ts';
import { ContractResolver } from '../../framework/adapters/projectx/contracts.ts';
import { MarketHubClient } from '../../framework/adapters/projectx/market-hub.ts';
import { UserHubClient } from '../../framework/adapters/projectx/user-hub.ts';
import type { VenueOrder } from '../../framework/adapters/projectx/venue-types.ts';
import { ApiError, ConnectionError } from '../../framework/core/errors.ts';
import { loadConnectionConfig } from '../../framework/config/connection-config.ts';
import { runDownload } from '../../framework/cli/download-command.ts';
import { HistoryStore } from '../../framework/store/history-store.ts';
import type { ConnectionStatus } from '../../framework/model/events.ts';

let gw: RunningGateway;
let client: ProjectXRestClient;
let mnqId: string;
let accountId: number;
const dataDir = mkdtempSync(join(tmpdir(), 'pxt-e2e-px-'));
const hubs: Array<{ stop(): Promise<void> }> = [];

/** First value matching `pred`, failing after a generous deadline (a hang guard, not a timing assertion). */
function next<T>(obs: Observable<T>, pred: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([firstValueFrom(obs.pipe(filter(pred))), guard]).finally(() => clearTimeout(timer));
}

test.before(async () => {
  gw = await startGateway({ seed: 11, quoteIntervalMs: 50 });
  client = new ProjectXRestClient({ baseUrl: gw.url, userName: 'demo', apiKey: 'demo-key' });
  mnqId = gw.config.markets.find((m) => m.symbol === 'MNQ')!.contractId;
});

test.after(async () => {
  for (const h of hubs) await h.stop().catch(() => undefined);
  await gw.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('login, accounts, ping', async () => {
  const accounts = await client.searchAccounts(true);
  const demo = accounts.find((a) => a.name === 'PRAC-DEMO-1');
  assert.ok(demo, 'PRAC-DEMO-1 listed');
  accountId = demo!.accountId;
  assert.ok(demo!.canTrade);
  assert.is(await client.ping(), 'pong');
});

test('contract search through the resolver: MNQ and ES (EP root)', async () => {
  const r = new ContractResolver(client);
  const mnq = await r.resolve('MNQ');
  assert.is(mnq.contract.contractId, mnqId);
  assert.is(mnq.instrument.symbol, 'MNQ');
  assert.is(mnq.instrument.tickValue, 0.5);
  const es = await r.resolve('ES');
  assert.ok(es.contract.contractId.startsWith('CON.F.US.EP.'));
  assert.is(es.instrument.symbol, 'ES');
  assert.is(es.instrument.gatewayRoot, 'EP');
  assert.is(es.instrument.tickValue, 12.5);
  assert.is((await r.resolve(mnqId)).instrument.symbol, 'MNQ');
});

test('retrieveBars: oldest first, pages line up without overlap', async () => {
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
  const start = end - 6 * 3_600_000;
  const all = await client.retrieveBars({ contractId: mnqId, symbol: 'MNQ', startMs: start, endMs: end - 1, unit: 'minute', unitNumber: 1 });
  assert.ok(all.length > 100, `got ${all.length} bars`);
  for (let i = 1; i < all.length; i++) assert.ok(all[i].tsMs > all[i - 1].tsMs);
  const mid = start + 3 * 3_600_000;
  const a = await client.retrieveBars({ contractId: mnqId, symbol: 'MNQ', startMs: start, endMs: mid - 1, unit: 'minute', unitNumber: 1 });
  const b = await client.retrieveBars({ contractId: mnqId, symbol: 'MNQ', startMs: mid, endMs: end - 1, unit: 'minute', unitNumber: 1 });
  assert.is(a.length + b.length, all.length);
  assert.is(a[a.length - 1].tsMs < b[0].tsMs, true);
});

test('market hub: quotes, trades and depth as model events; reconnect restores subscriptions', async () => {
  const hub = new MarketHubClient({ url: gw.marketHubUrl, accessToken: () => client.token(), reconnect: { baseDelayMs: 50, maxDelayMs: 500 } });
  hubs.push(hub);
  const statuses: ConnectionStatus[] = [];
  hub.status$.subscribe((s) => statuses.push(s));
  await hub.start();
  const quote = next(hub.quotes$, (q) => q.symbol === 'MNQ' && Number.isFinite(q.bid) && Number.isFinite(q.ask), 'a quote');
  const trade = next(hub.trades$, (t) => t.symbol === 'MNQ', 'a trade');
  const depth = next(hub.depth$, (d) => d.symbol === 'MNQ' && d.levels.length > 0, 'depth');
  await hub.subscribe(mnqId, { quotes: true, trades: true, depth: true });
  const q = await quote;
  assert.ok(q.ask >= q.bid);
  assert.ok(q.receivedMs > 0);
  assert.ok((await trade).price > 0);
  await depth;

  gw.faults.dropConnections();
  await next(hub.status$, (s) => s.state === 'connected', 'reconnected');
  assert.ok(statuses.some((s) => s.state === 'reconnecting' || s.state === 'disconnected'), 'saw the drop');
  const afterMs = Date.now();
  const q2 = await next(hub.quotes$, (x) => x.receivedMs >= afterMs, 'a quote after the reconnect');
  assert.is(q2.symbol, 'MNQ');
  await hub.stop();
});

test('stale watchdog: a silent feed while subscribed -> stale status, forced reconnect, feed resumes', async () => {
  const hub = new MarketHubClient({ url: gw.marketHubUrl, accessToken: () => client.token(), staleAfterMs: 400, watchdogEveryMs: 50, reconnect: { baseDelayMs: 50, maxDelayMs: 500 } });
  hubs.push(hub);
  await hub.start();
  await hub.subscribe(mnqId, { quotes: true });
  await next(hub.quotes$, () => true, 'first quote');
  gw.faults.pauseMarket();
  const stale = await next(hub.status$, (s) => s.state === 'stale', 'stale status');
  assert.is(stale.component, 'market-hub');
  await next(hub.status$, (s) => s.state === 'connected', 'reconnected after stale');
  gw.faults.resumeMarket();
  await next(hub.quotes$, (q) => q.symbol === 'MNQ', 'quotes again');
  await hub.stop();
});

test('a bad token is refused: REST 401 -> ApiError, hub start -> ConnectionError', async () => {
  const bad = new ProjectXRestClient({ baseUrl: gw.url, userName: 'demo', apiKey: 'not-the-key' });
  try {
    await bad.searchAccounts();
    assert.unreachable('login should fail');
  } catch (e) {
    assert.ok(e instanceof ApiError, String(e));
    assert.not.ok((e as Error).message.includes('not-the-key'));
  }
  const res = await fetch(`${gw.url}/api/Account/search`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer bogus' }, body: '{"onlyActiveAccounts":true}' });
  assert.is(res.status, 401);
  const hub = new MarketHubClient({ url: gw.marketHubUrl, accessToken: async () => 'bogus-token' });
  try {
    await hub.start();
    assert.unreachable('hub should refuse');
  } catch (e) {
    assert.ok(e instanceof ConnectionError, String(e));
    assert.not.ok((e as Error).message.includes('bogus-token'));
  }
  await hub.stop();
});

test('expired tokens: the client refreshes once and carries on', async () => {
  gw.faults.expireTokens();
  const accounts = await client.searchAccounts(true);
  assert.ok(accounts.length > 0);
});

test('orders: place/modify/cancel with user-hub events; a bracket fills and cancels its sibling', async () => {
  const user = new UserHubClient({ url: gw.userHubUrl, accessToken: () => client.token(), reconnect: { baseDelayMs: 50, maxDelayMs: 500 } });
  hubs.push(user);
  const seen: VenueOrder[] = [];
  user.orders$.subscribe((o) => seen.push(o));
  await user.start(accountId);
  gw.faults.pauseMarket();
  gw.market.printTrade(mnqId, 20000, { side: 1 }); // bid 20000 / ask 20000.25

  const working = next(user.orders$, (o) => o.customTag === 'e2e-lim-1' && o.status === 'working', 'working limit');
  const orderId = await client.placeOrder({ accountId, contractId: mnqId, type: 'limit', side: 'buy', size: 1, limitPrice: 19990, customTag: 'e2e-lim-1' });
  const w = await working;
  assert.is(w.venueOrderId, orderId);
  assert.is(w.limitPrice, 19990);
  assert.ok(w.receivedMs! > 0);

  const modified = next(user.orders$, (o) => o.venueOrderId === orderId && o.limitPrice === 19995, 'modified limit');
  await client.modifyOrder({ accountId, orderId, limitPrice: 19995 });
  await modified;
  const cancelled = next(user.orders$, (o) => o.venueOrderId === orderId && o.status === 'cancelled', 'cancelled');
  await client.cancelOrder(accountId, orderId);
  await cancelled;
  assert.is((await client.searchOpenOrders(accountId)).filter((o) => o.venueOrderId === orderId).length, 0);

  // Bracket: market buy, stop 8 ticks below, target 8 ticks above (signed ticks, as the gateway wants).
  const entryFilled = next(user.orders$, (o) => o.customTag === 'e2e-brk-1' && o.status === 'filled', 'entry fill');
  const opened = next(user.positions$, (p) => p.contractId === mnqId && p.netContracts === 1, 'position opened');
  const entryId = await client.placeOrder({
    accountId,
    contractId: mnqId,
    type: 'market',
    side: 'buy',
    size: 1,
    customTag: 'e2e-brk-1',
    stopLossBracket: { ticks: -8, type: 'stop' },
    takeProfitBracket: { ticks: 8, type: 'limit' },
  });
  const entry = await entryFilled;
  assert.is(entry.venueOrderId, entryId);
  assert.is(entry.avgFillPrice, 20000.25);
  await opened;
  const children = (await client.searchOpenOrders(accountId)).filter((o) => o.side === 'sell');
  const target = children.find((o) => o.type === 'limit');
  const stop = children.find((o) => o.type === 'stop');
  assert.ok(target && stop, 'both bracket legs working');

  const targetFilled = next(user.orders$, (o) => o.venueOrderId === target!.venueOrderId && o.status === 'filled', 'target fill');
  const stopCancelled = next(user.orders$, (o) => o.venueOrderId === stop!.venueOrderId && o.status === 'cancelled', 'stop cancelled');
  const flat = next(user.positions$, (p) => p.contractId === mnqId && p.side === 'flat', 'flat position');
  const closingTrade = next(user.trades$, (t) => t.venueOrderId === target!.venueOrderId, 'closing trade');
  gw.market.printTrade(mnqId, 20002.5, { side: 0 });
  await targetFilled;
  await stopCancelled;
  await flat;
  const t = await closingTrade;
  assert.is(t.side, 'sell');
  assert.ok(t.pnl !== null && t.pnl > 0, `pnl ${t.pnl}`);
  assert.ok(t.fees > 0);
  gw.faults.resumeMarket();

  // User hub survives a drop and keeps delivering.
  gw.faults.dropConnections();
  await next(user.status$, (s) => s.state === 'connected', 'user hub reconnected');
  const afterDrop = next(user.orders$, (o) => o.customTag === 'e2e-lim-2' && o.status === 'working', 'order event after reconnect');
  const id2 = await client.placeOrder({ accountId, contractId: mnqId, type: 'limit', side: 'buy', size: 1, limitPrice: 19000, customTag: 'e2e-lim-2' });
  await afterDrop;
  await client.cancelOrder(accountId, id2);
  await user.stop();
});

test('a 500 on place is reconciled by customTag, never duplicated', async () => {
  gw.faults.failNext('Order/place', 500, 1);
  const id = await client.placeOrder({ accountId, contractId: mnqId, type: 'limit', side: 'buy', size: 1, limitPrice: 19000, customTag: 'e2e-rec-1' });
  const tagged = (await client.searchOrders({ accountId, startMs: Date.now() - 3_600_000 })).filter((o) => o.customTag === 'e2e-rec-1');
  assert.is(tagged.length, 1);
  assert.is(tagged[0].venueOrderId, id);
  await client.cancelOrder(accountId, id);
});

const toMs = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
const fromMs = toMs - 24 * 3_600_000;

test('pxt download: killed midway leaves a loadable store; re-runs fetch only what is missing', async () => {
  const connection = loadConnectionConfig({ flags: { apiUrl: gw.url }, env: {}, envFile: join(dataDir, 'none.env') });
  gw.faults.delayMs = 150;
  const args = { symbol: 'MNQ', timeframe: '1m', from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), 'data-dir': dataDir, live: false, 'api-url': gw.url, 'env-file': join(dataDir, 'none.env'), 'page-bars': 60 };
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'projectx-download-child.ts'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`child made no progress: ${err}`)), 60_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if ((err.match(/window \d+\//g) ?? []).length >= 3) {
        clearTimeout(t);
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
  await new Promise((r) => child.once('close', r));
  gw.faults.delayMs = 0;
  assert.not.ok(err.includes('demo-key'));
  const store = new HistoryStore(dataDir);
  assert.ok(store.has('MNQ', '1m'), 'something was saved before the kill');
  const partial = store.load('MNQ', '1m');
  assert.ok(partial.length >= 60 && partial.length < 24 * 60, `partial ${partial.length}`);

  const lines: string[] = [];
  const sink = { write: (s: string) => lines.push(s), isTTY: false };
  const first = await runDownload({ symbol: 'MNQ', timeframe: '1m', fromMs, toMs, dataDir, live: false, connection }, { stderr: sink, maxBarsPerRequest: 2000 });
  assert.ok(first.requests > 0);
  assert.ok(first.newBars > 0);
  const full = store.load('MNQ', '1m', { fromMs, toMs });
  assert.is(full.length, first.storedBars);
  for (let i = 1; i < full.length; i++) assert.ok(full.tsMs[i] > full.tsMs[i - 1]);
  assert.ok(full.tsMs[0] < fromMs + 10 * 60_000 && full.tsMs[full.length - 1] >= toMs - 10 * 60_000, 'range covered');

  const second = await runDownload({ symbol: 'MNQ', timeframe: '1m', fromMs, toMs, dataDir, live: false, connection }, { stderr: sink });
  assert.is(second.requests, 0);
  assert.is(second.newBars, 0);
  assert.is(second.storedBars, first.storedBars);
});

test.run();
