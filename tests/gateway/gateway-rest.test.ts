import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startGateway, type RunningGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import { login, mnq, post } from './gateway-helpers.ts';

const T0 = Date.UTC(2025, 10, 3, 15, 0, 0); // Monday 3 Nov 2025, 15:00 UTC
let gw: RunningGateway;
let token: string;
let clockMs = T0;

test.before(async () => {
  gw = await startGateway({ seed: 7, nowMs: () => clockMs, config: { rateLimits: { barsPerWindow: 3, barsWindowSeconds: 30 } } });
  token = await login(gw);
});
test.after(async () => {
  await gw.close();
});

test('login: good key gives a token, bad key 200 + success:false', async () => {
  const bad = await post(gw, 'Auth/loginKey', { userName: 'demo', apiKey: 'nope' });
  assert.is(bad.status, 200);
  assert.is(bad.body.success, false);
  assert.is(bad.body.errorCode, 3);
  assert.is(bad.body.token, null);
  assert.type(token, 'string');
  const malformed = await post(gw, 'Auth/loginKey', { userName: 'demo' });
  assert.is(malformed.status, 400);
});

test('ping is pong without a token; 401 without or with a bad token', async () => {
  const res = await fetch(`${gw.url}/api/Status/ping`);
  assert.is(await res.text(), 'pong');
  assert.is((await post(gw, 'Account/search', { onlyActiveAccounts: true })).status, 401);
  assert.is((await post(gw, 'Account/search', { onlyActiveAccounts: true }, 'garbage')).status, 401);
});

test('account search envelope', async () => {
  const r = await post(gw, 'Account/search', { onlyActiveAccounts: true }, token);
  assert.is(r.status, 200);
  assert.equal(Object.keys(r.body).sort(), ['accounts', 'errorCode', 'errorMessage', 'success']);
  assert.equal(r.body.accounts, [{ id: 1001, name: 'PRAC-DEMO-1', balance: 50000, canTrade: true, isVisible: true, simulated: true }]);
});

test('contracts: front-month ids, text search, searchById', async () => {
  assert.is(mnq(gw), 'CON.F.US.MNQ.Z25');
  const es = gw.config.markets.find((m) => m.symbol === 'ES')!;
  assert.is(es.contractId, 'CON.F.US.EP.Z25');
  assert.is(gw.config.markets.find((m) => m.symbol === 'CL')!.contractId, 'CON.F.US.CL.Z25');
  const r = await post(gw, 'Contract/search', { searchText: 'NQ', live: false }, token);
  const names = r.body.contracts.map((c: { name: string }) => c.name).sort();
  assert.equal(names, ['ENQZ25', 'MNQZ25']);
  const byId = await post(gw, 'Contract/searchById', { contractId: 'CON.F.US.MNQ.Z25' }, token);
  assert.equal(byId.body.contract, { id: 'CON.F.US.MNQ.Z25', name: 'MNQZ25', description: 'Micro E-mini Nasdaq-100', tickSize: 0.25, tickValue: 0.5, activeContract: true, symbolId: 'F.US.MNQ' });
  const missing = await post(gw, 'Contract/searchById', { contractId: 'CON.F.US.XXX.Z25' }, token);
  assert.is(missing.body.success, false);
  assert.is(missing.body.errorCode, 1);
  const avail = await post(gw, 'Contract/available', { live: false }, token);
  assert.is(avail.body.contracts.length, 15);
});

test('retrieveBars: newest first, paging back, aggregation, limit error, then 429 past the bars limit', async () => {
  const id = mnq(gw);
  const end = new Date(T0).toISOString();
  const req = { contractId: id, live: false, startTime: new Date(T0 - 3 * 3_600_000).toISOString(), endTime: end, unit: 2, unitNumber: 1, limit: 100, includePartialBar: false };
  const page1 = await post(gw, 'History/retrieveBars', req, token);
  assert.is(page1.body.success, true);
  const bars = page1.body.bars as Array<{ t: string; o: number; h: number; l: number; c: number; v: number }>;
  assert.is(bars.length, 100);
  assert.ok(Date.parse(bars[0].t) > Date.parse(bars[1].t), 'newest first');
  assert.is(bars[0].t, new Date(T0 - 60_000).toISOString().replace('Z', '+00:00'));
  for (const b of bars) assert.ok(b.l <= Math.min(b.o, b.c) && b.h >= Math.max(b.o, b.c));
  const page2 = await post(gw, 'History/retrieveBars', { ...req, endTime: bars[bars.length - 1].t }, token);
  assert.is(Date.parse(page2.body.bars[0].t), Date.parse(bars[bars.length - 1].t) - 60_000);
  const tooMany = await post(gw, 'History/retrieveBars', { ...req, limit: 20001 }, token);
  assert.is(tooMany.body.success, false);
  assert.is(tooMany.body.errorCode, 4);
  const limited = await post(gw, 'History/retrieveBars', req, token);
  assert.is(limited.status, 429);
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  clockMs += 31_000; // the window slides
  const hourly = await post(gw, 'History/retrieveBars', { ...req, unit: 3, unitNumber: 1, endTime: new Date(T0).toISOString() }, token);
  assert.is(hourly.body.bars.length, 3);
  assert.is(hourly.body.bars[0].t, new Date(T0 - 3_600_000).toISOString().replace('Z', '+00:00'));
});

test('failNext: injected 429 with Retry-After and 500, then normal again', async () => {
  gw.faults.failNext('Account/search', 429, 1, 7);
  const r = await post(gw, 'Account/search', { onlyActiveAccounts: true }, token);
  assert.is(r.status, 429);
  assert.is(r.headers.get('retry-after'), '7');
  gw.faults.failNext('*', 500, 1);
  assert.is((await post(gw, 'Contract/available', { live: false }, token)).status, 500);
  assert.is((await post(gw, 'Account/search', { onlyActiveAccounts: true }, token)).status, 200);
});

test('validate gives a new token; tokens expire after 24 h and on expireTokens()', async () => {
  const v = await post(gw, 'Auth/validate', {}, token);
  assert.is(v.body.success, true);
  const fresh = v.body.newToken as string;
  assert.is((await post(gw, 'Account/search', { onlyActiveAccounts: true }, fresh)).status, 200);
  clockMs += 25 * 3_600_000;
  assert.is((await post(gw, 'Account/search', { onlyActiveAccounts: true }, fresh)).status, 401);
  token = await login(gw);
  gw.faults.expireTokens();
  assert.is((await post(gw, 'Account/search', { onlyActiveAccounts: true }, token)).status, 401);
  token = await login(gw);
  const out = await post(gw, 'Auth/logout', {}, token);
  assert.is(out.body.success, true);
  assert.is((await post(gw, 'Account/search', { onlyActiveAccounts: true }, token)).status, 401);
  token = await login(gw);
});

test('general rate limit: 429 after the configured count', async () => {
  const small = await startGateway({ config: { rateLimits: { generalPerWindow: 2, generalWindowSeconds: 60 }, markets: [{ symbol: 'MNQ' }], replaceMarkets: true } });
  try {
    const t = await login(small);
    assert.is((await post(small, 'Account/search', {}, t)).status, 200);
    assert.is((await post(small, 'Account/search', {}, t)).status, 200);
    const r = await post(small, 'Account/search', {}, t);
    assert.is(r.status, 429);
    assert.ok(Number(r.headers.get('retry-after')) > 0);
  } finally {
    await small.close();
  }
});

test.run();
