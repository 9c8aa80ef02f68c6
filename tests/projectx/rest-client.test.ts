import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ApiError, ConnectionError } from '../../framework/core/errors.ts';
import { BacktestClock } from '../../framework/core/clock.ts';
import { ProjectXRestClient, SubmissionUncertainError, type RestClientOptions } from '../../framework/adapters/projectx/rest-client.ts';
import { ok, startFakeServer, type FakeServer, type Handler } from './fake-http-server.ts';

const KEY = 'secret-api-key-123';
const TOKEN1 = 'tok-AAAA-first';
const TOKEN2 = 'tok-BBBB-second';

interface Rig {
  server: FakeServer;
  client: ProjectXRestClient;
  clock: BacktestClock;
  sleeps: number[];
  logs: string[];
}

async function rig(routes: Record<string, Handler>, opts: Partial<RestClientOptions> = {}): Promise<Rig> {
  const server = await startFakeServer({
    '/api/Auth/loginKey': (b) => (b.apiKey === KEY ? ok({ token: TOKEN1 }) : { body: { success: false, errorCode: 3, errorMessage: `bad key ${b.apiKey}`, token: null } }),
    '/api/Auth/validate': () => ok({ newToken: TOKEN2 }),
    ...routes,
  });
  const clock = new BacktestClock(Date.UTC(2025, 0, 2));
  const sleeps: number[] = [];
  const logs: string[] = [];
  const client = new ProjectXRestClient({
    baseUrl: server.url,
    userName: 'demo',
    apiKey: KEY,
    clock,
    // Waiting is simulated: the fake clock jumps, no real time passes.
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(clock.nowMs() + ms);
    },
    timeoutMs: 300,
    log: (l) => logs.push(l),
    ...opts,
  });
  return { server, client, clock, sleeps, logs };
}

function noSecrets(text: string): void {
  for (const s of [KEY, TOKEN1, TOKEN2]) assert.not.ok(text.includes(s), `secret leaked: ${text}`);
}

async function rejects(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

test('login then a typed read with the bearer token', async () => {
  const r = await rig({ '/api/Account/search': (b) => ok({ accounts: [{ id: 1, name: 'PRAC-DEMO-1', balance: 50000, canTrade: true, isVisible: true, simulated: true, onlyActive: b.onlyActiveAccounts }] }) });
  const accounts = await r.client.searchAccounts(true);
  assert.is(accounts[0].name, 'PRAC-DEMO-1');
  assert.is(r.server.requests[0].path, '/api/Auth/loginKey');
  assert.equal(r.server.requests[1].body, { onlyActiveAccounts: true });
  assert.is(r.server.requests[1].auth, `Bearer ${TOKEN1}`);
  for (const l of r.logs) noSecrets(l);
  await r.server.close();
});

test('success:false -> ApiError with endpoint, code name and message', async () => {
  const r = await rig({ '/api/Order/place': () => ({ body: { success: false, errorCode: 3, errorMessage: 'Insufficient funds', orderId: null } }) });
  const err = await rejects(r.client.placeOrder({ accountId: 1, contractId: 'CON.F.US.MNQ.Z25', type: 'market', side: 'buy', size: 1, customTag: 'c1' }));
  assert.ok(err instanceof ApiError);
  const e = err as ApiError;
  assert.is(e.endpoint, '/api/Order/place');
  assert.is(e.errorCode, 3);
  assert.is(e.errorName, 'InsufficientFunds');
  assert.ok(e.message.includes('Insufficient funds'));
  assert.is(r.server.count('/api/Order/place'), 1);
  await r.server.close();
});

test('same code number, different names per endpoint', async () => {
  const r = await rig({ '/api/Order/cancel': () => ({ body: { success: false, errorCode: 2, errorMessage: null } }) });
  const e = (await rejects(r.client.cancelOrder(1, 77))) as ApiError;
  assert.is(e.errorName, 'OrderNotFound');
  await r.server.close();
});

test('login rejected -> ApiError naming the code, never the key', async () => {
  const r = await rig({}, { apiKey: 'wrong-key-999' });
  const e = (await rejects(r.client.searchAccounts())) as ApiError;
  assert.ok(e instanceof ApiError);
  assert.is(e.errorName, 'InvalidCredentials');
  assert.not.ok(e.message.includes('wrong-key-999'));
  await r.server.close();
});

test('401 -> refresh once via validate -> retry with the new token', async () => {
  const r = await rig({
    '/api/Order/searchOpen': (_b, h) => (h.authorization === `Bearer ${TOKEN2}` ? ok({ orders: [] }) : { status: 401, body: '' }),
  });
  const orders = await r.client.searchOpenOrders(1);
  assert.equal(orders, []);
  assert.is(r.server.count('/api/Auth/validate'), 1);
  assert.is(r.server.count('/api/Order/searchOpen'), 2);
  await r.server.close();
});

test('401 again after the refresh -> ApiError 401, no loop, no token in the message', async () => {
  const r = await rig({ '/api/Order/searchOpen': () => ({ status: 401, body: `expired ${TOKEN1}` }) });
  const e = (await rejects(r.client.searchOpenOrders(1))) as ApiError;
  assert.is(e.status, 401);
  assert.is(r.server.count('/api/Order/searchOpen'), 2);
  noSecrets(e.message);
  await r.server.close();
});

test('validate failing falls back to a full login', async () => {
  let logins = 0;
  const r = await rig({
    '/api/Auth/loginKey': () => ok({ token: ++logins === 1 ? TOKEN1 : TOKEN2 }),
    '/api/Auth/validate': () => ({ body: { success: false, errorCode: 3, errorMessage: 'ExpiredToken' } }),
    '/api/Position/searchOpen': (_b, h) => (h.authorization === `Bearer ${TOKEN2}` ? ok({ positions: [] }) : { status: 401 }),
  });
  await r.client.searchOpenPositions(1);
  assert.is(logins, 2);
  await r.server.close();
});

test('token refreshed before its 24 h expiry (clock-driven)', async () => {
  const r = await rig({ '/api/Account/search': () => ok({ accounts: [] }) });
  await r.client.searchAccounts();
  r.clock.advance(r.clock.nowMs() + 22 * 3_600_000);
  await r.client.searchAccounts();
  assert.is(r.server.count('/api/Auth/validate'), 0);
  r.clock.advance(r.clock.nowMs() + 1.5 * 3_600_000);
  await r.client.searchAccounts();
  assert.is(r.server.count('/api/Auth/validate'), 1);
  assert.is(r.server.requests.at(-1)!.auth, `Bearer ${TOKEN2}`);
  await r.server.close();
});

test('429 honours Retry-After then retries', async () => {
  let n = 0;
  const r = await rig({ '/api/Contract/search': () => (++n === 1 ? { status: 429, headers: { 'retry-after': '7' }, body: '' } : ok({ contracts: [] })) });
  await r.client.searchContracts('MNQ', false);
  assert.ok(r.sleeps.includes(7000), `sleeps ${r.sleeps}`);
  assert.is(n, 2);
  await r.server.close();
});

test('5xx on a read is retried with capped exponential backoff', async () => {
  let n = 0;
  const r = await rig({ '/api/Trade/search': () => (++n < 3 ? { status: 503, body: 'busy' } : ok({ trades: [] })) }, { retry: { baseDelayMs: 100, maxDelayMs: 150, maxAttempts: 4 } });
  await r.client.searchTrades({ accountId: 1, startMs: 0 });
  assert.is(n, 3);
  assert.equal(r.sleeps, [100, 150]);
  await r.server.close();
});

test('5xx on a read gives up after maxAttempts with ApiError', async () => {
  const r = await rig({ '/api/Trade/search': () => ({ status: 500, body: 'down' }) }, { retry: { baseDelayMs: 1, maxAttempts: 3 } });
  const e = (await rejects(r.client.searchTrades({ accountId: 1, startMs: 0 }))) as ApiError;
  assert.is(e.status, 500);
  assert.is(r.server.count('/api/Trade/search'), 3);
  await r.server.close();
});

test('5xx on place is NOT resent blindly: reconciled by customTag (found)', async () => {
  const r = await rig({
    '/api/Order/place': () => ({ status: 502, body: 'bad gateway' }),
    '/api/Order/search': () => ok({ orders: [{ id: 9, customTag: 'other' }, { id: 4242, status: 1, customTag: 'cid-1', accountId: 1, contractId: 'CON.F.US.MNQ.Z25', side: 0, size: 1, type: 2 }] }),
  });
  const id = await r.client.placeOrder({ accountId: 1, contractId: 'CON.F.US.MNQ.Z25', type: 'market', side: 'buy', size: 1, customTag: 'cid-1' });
  assert.is(id, '4242');
  assert.is(r.server.count('/api/Order/place'), 1);
  assert.is(r.server.count('/api/Order/search'), 1);
  await r.server.close();
});

test('5xx on place, provably absent -> resent exactly once', async () => {
  let n = 0;
  const r = await rig({
    '/api/Order/place': () => (++n === 1 ? { status: 500 } : ok({ orderId: 77 })),
    '/api/Order/search': () => ok({ orders: [] }),
  });
  const id = await r.client.placeOrder({ accountId: 1, contractId: 'C', type: 'limit', side: 'sell', size: 2, limitPrice: 100.25, customTag: 'cid-2' });
  assert.is(id, '77');
  assert.is(n, 2);
  const sent = r.server.requests.filter((q) => q.path === '/api/Order/place')[1].body;
  assert.equal(sent, { accountId: 1, contractId: 'C', type: 1, side: 1, size: 2, limitPrice: 100.25, customTag: 'cid-2' });
  await r.server.close();
});

test('uncertain place without customTag -> SubmissionUncertainError, never resent', async () => {
  const r = await rig({ '/api/Order/place': () => ({ status: 500 }) });
  const e = await rejects(r.client.placeOrder({ accountId: 1, contractId: 'C', type: 'market', side: 'buy', size: 1 }));
  assert.ok(e instanceof SubmissionUncertainError);
  assert.is(r.server.count('/api/Order/place'), 1);
  await r.server.close();
});

test('cancel/modify/close 5xx are not retried', async () => {
  const r = await rig({ '/api/Order/modify': () => ({ status: 500 }), '/api/Position/closeContract': () => ({ status: 503 }) });
  assert.ok((await rejects(r.client.modifyOrder({ accountId: 1, orderId: 5, limitPrice: 10 }))) instanceof SubmissionUncertainError);
  assert.ok((await rejects(r.client.closePosition(1, 'C'))) instanceof SubmissionUncertainError);
  assert.is(r.server.count('/api/Order/modify'), 1);
  assert.is(r.server.count('/api/Position/closeContract'), 1);
  await r.server.close();
});

test('timeouts: a read retries then fails with ConnectionError; a place times out uncertain and reconciles', async () => {
  const r = await rig(
    {
      '/api/Position/searchOpen': () => 'hang',
      '/api/Order/place': () => 'hang',
      '/api/Order/search': () => ok({ orders: [{ id: 5, customTag: 'cid-t' }] }),
    },
    { timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } },
  );
  const e = await rejects(r.client.searchOpenPositions(1));
  assert.ok(e instanceof ConnectionError);
  assert.ok(e.message.includes('timed out'));
  assert.is(r.server.count('/api/Position/searchOpen'), 2);
  const id = await r.client.placeOrder({ accountId: 1, contractId: 'C', type: 'market', side: 'buy', size: 1, customTag: 'cid-t' });
  assert.is(id, '5');
  assert.is(r.server.count('/api/Order/place'), 1);
  await r.server.close();
});

test('secrets echoed by the server never reach an error message or a log', async () => {
  const r = await rig({ '/api/Contract/searchById': (_b, h) => ({ body: { success: false, errorCode: 1, errorMessage: `not found for ${h.authorization} key=${KEY}` } }), '/api/Order/searchOpen': () => ({ status: 400, body: `bad ${KEY} ${TOKEN1}` }) });
  assert.is(await r.client.contractById('CON.F.US.X.Z25'), undefined);
  const e = await rejects(r.client.searchOpenOrders(1));
  noSecrets(e.message);
  noSecrets(String(e.stack));
  for (const l of r.logs) noSecrets(l);
  await r.server.close();
});

test('retrieveBars: request body, oldest-first bars, limit capped at 20 000', async () => {
  const r = await rig({
    '/api/History/retrieveBars': () =>
      ok({ bars: [{ t: '2025-01-02T14:31:00+00:00', o: 2, h: 3, l: 1, c: 2.5, v: 10 }, { t: '2025-01-02T14:30:00+00:00', o: 1, h: 2, l: 1, c: 2, v: 5 }] }),
  });
  const bars = await r.client.retrieveBars({ contractId: 'CON.F.US.MNQ.H25', symbol: 'MNQ', startMs: Date.UTC(2025, 0, 2), endMs: Date.UTC(2025, 0, 3), unit: 'minute', unitNumber: 1, limit: 50_000 });
  assert.equal(bars.map((b) => b.close), [2, 2.5]);
  assert.is(bars[0].symbol, 'MNQ');
  const body = r.server.requests.find((q) => q.path === '/api/History/retrieveBars')!.body;
  assert.equal(body, { contractId: 'CON.F.US.MNQ.H25', live: false, startTime: '2025-01-02T00:00:00.000Z', endTime: '2025-01-03T00:00:00.000Z', unit: 2, unitNumber: 1, limit: 20000, includePartialBar: false });
  await r.server.close();
});

test('client-side bars limit waits instead of failing', async () => {
  const r = await rig({ '/api/History/retrieveBars': () => ok({ bars: [] }) }, { rateLimits: { bars: { maxRequests: 2, windowMs: 30_000 } } });
  const q = { contractId: 'C', startMs: 0, endMs: 1, unit: 'minute' as const, unitNumber: 1 };
  await r.client.retrieveBars(q);
  await r.client.retrieveBars(q);
  assert.equal(r.sleeps, []);
  await r.client.retrieveBars(q);
  assert.is(r.sleeps.length, 1);
  assert.ok(r.sleeps[0] > 29_000 && r.sleeps[0] <= 30_000);
  assert.is(r.server.count('/api/History/retrieveBars'), 3);
  await r.server.close();
});

test('ping returns the plain text', async () => {
  const r = await rig({ '/api/Status/ping': () => ({ body: 'pong', headers: { 'content-type': 'text/plain' } }) });
  assert.is(await r.client.ping(), 'pong');
  await r.server.close();
});

test.run();
