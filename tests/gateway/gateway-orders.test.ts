import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startGateway, type RunningGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import { login, mnq, post } from './gateway-helpers.ts';

let gw: RunningGateway;
let token: string;
let id: string;
const ACCT = 1001;

test.before(async () => {
  gw = await startGateway({ seed: 3 });
  token = await login(gw);
  id = mnq(gw);
  gw.faults.pauseMarket(); // prices move only when a test prints a trade
  gw.market.printTrade(id, 20000, { side: 1 }); // bid 20000, ask 20000.25
});
test.after(async () => {
  await gw.close();
});

const place = (body: Record<string, unknown>) => post(gw, 'Order/place', { accountId: ACCT, contractId: id, ...body }, token);

test('limit: place, searchOpen, modify, cancel', async () => {
  const r = await place({ type: 1, side: 0, size: 1, limitPrice: 19990, customTag: 'lim-1' });
  assert.is(r.body.success, true);
  const orderId = r.body.orderId as number;
  const open = await post(gw, 'Order/searchOpen', { accountId: ACCT }, token);
  const o = open.body.orders.find((x: { id: number }) => x.id === orderId);
  assert.is(o.status, 1);
  assert.is(o.limitPrice, 19990);
  assert.is(o.customTag, 'lim-1');
  const mod = await post(gw, 'Order/modify', { accountId: ACCT, orderId, limitPrice: 19995, size: 2 }, token);
  assert.is(mod.body.success, true);
  assert.is(gw.state.orders.get(orderId)!.size, 2);
  const off = await post(gw, 'Order/modify', { accountId: ACCT, orderId, limitPrice: 19995.1 }, token);
  assert.is(off.body.success, false);
  const c = await post(gw, 'Order/cancel', { accountId: ACCT, orderId }, token);
  assert.is(c.body.success, true);
  assert.is(gw.state.orders.get(orderId)!.status, 3);
  const again = await post(gw, 'Order/cancel', { accountId: ACCT, orderId }, token);
  assert.is(again.body.success, false);
  const missing = await post(gw, 'Order/cancel', { accountId: ACCT, orderId: 99999 }, token);
  assert.is(missing.body.errorCode, 2);
  const search = await post(gw, 'Order/search', { accountId: ACCT, startTimestamp: '2000-01-01T00:00:00Z' }, token);
  assert.ok(search.body.orders.some((x: { id: number; status: number }) => x.id === orderId && x.status === 3));
});

test('duplicate customTag and rejectOrders are rejected', async () => {
  const dup = await place({ type: 1, side: 0, size: 1, limitPrice: 19990, customTag: 'lim-1' });
  assert.is(dup.body.success, false);
  assert.is(dup.body.errorCode, 2);
  gw.faults.rejectOrders = 'risk: daily loss';
  const rej = await place({ type: 2, side: 0, size: 1 });
  assert.is(rej.body.success, false);
  assert.is(rej.body.errorMessage, 'risk: daily loss');
  assert.is(gw.state.orders.get(rej.body.orderId)!.status, 5);
  gw.faults.rejectOrders = false;
  const bad = await place({ type: 1, side: 0, size: 1 });
  assert.is(bad.body.success, false);
  const badContract = await post(gw, 'Order/place', { accountId: ACCT, contractId: 'CON.F.US.NOPE.Z25', type: 2, side: 0, size: 1 }, token);
  assert.is(badContract.body.errorCode, 8);
});

test('bracket: market entry fills at the ask, target fills and cancels the stop, PnL and fees booked', async () => {
  const r = await place({ type: 2, side: 0, size: 2, stopLossBracket: { ticks: -8, type: 4 }, takeProfitBracket: { ticks: 8, type: 1 } });
  assert.is(r.body.success, true);
  const entry = gw.state.orders.get(r.body.orderId)!;
  assert.is(entry.status, 2);
  assert.is(entry.filledPrice, 20000.25);
  const children = [...gw.state.orders.values()].filter((o) => o.parentOrderId === entry.id);
  assert.is(children.length, 2);
  const stop = children.find((o) => o.type === 4)!;
  const target = children.find((o) => o.type === 1)!;
  assert.is(stop.stopTicks * 0.25, 19998.25);
  assert.is(target.limitTicks * 0.25, 20002.25);
  assert.is(stop.linkedOrderId, target.id);
  const pos = await post(gw, 'Position/searchOpen', { accountId: ACCT }, token);
  assert.equal(pos.body.positions.map((p: { type: number; size: number; averagePrice: number }) => [p.type, p.size, p.averagePrice]), [[1, 2, 20000.25]]);
  gw.market.printTrade(id, 20002.5, { side: 0 });
  assert.is(target.status, 2);
  assert.is(target.filledPrice, 20002.25);
  assert.is(stop.status, 3);
  assert.is(gw.state.positions.size, 0);
  const trades = await post(gw, 'Trade/search', { accountId: ACCT, startTimestamp: '2000-01-01T00:00:00Z' }, token);
  const [open, close] = trades.body.trades;
  assert.is(open.profitAndLoss, null);
  assert.is(open.fees, 0.74);
  assert.is(close.profitAndLoss, 8); // 8 ticks x $0.50 x 2
  assert.is(gw.state.accounts.get(ACCT)!.balance, 50000 + 8 - 1.48);
});

test('position close and partial close', async () => {
  // bid 20002.25 / ask 20002.5 now
  await place({ type: 2, side: 0, size: 3 });
  const partial = await post(gw, 'Position/partialCloseContract', { accountId: ACCT, contractId: id, size: 1 }, token);
  assert.is(partial.body.success, true);
  assert.is(gw.state.openPositions(ACCT)[0].netContracts, 2);
  const tooBig = await post(gw, 'Position/partialCloseContract', { accountId: ACCT, contractId: id, size: 5 }, token);
  assert.is(tooBig.body.errorCode, 5);
  const close = await post(gw, 'Position/closeContract', { accountId: ACCT, contractId: id }, token);
  assert.is(close.body.success, true);
  assert.is(gw.state.positions.size, 0);
  const none = await post(gw, 'Position/closeContract', { accountId: ACCT, contractId: id }, token);
  assert.is(none.body.errorCode, 2);
  const last = gw.state.trades[gw.state.trades.length - 1];
  assert.is(last.profitAndLoss, -1); // bought 20002.5, sold at the bid 20002.25: 1 tick x 0.5 x 2
});

test('stop triggers on the last trade; trailing stop ratchets only in favour', async () => {
  gw.market.printTrade(id, 20000, { side: 1 }); // bid 20000 / ask 20000.25
  const s = await place({ type: 4, side: 0, size: 1, stopPrice: 20001 });
  const stop = gw.state.orders.get(s.body.orderId)!;
  assert.is(stop.status, 1);
  gw.market.printTrade(id, 20001, { side: 0 }); // ask 20001
  assert.is(stop.status, 2);
  assert.is(stop.filledPrice, 20001);
  const t = await place({ type: 5, side: 1, size: 1, trailPrice: 1 }); // 4 ticks below last
  const trail = gw.state.orders.get(t.body.orderId)!;
  assert.is(trail.stopTicks * 0.25, 20000);
  gw.market.printTrade(id, 20003, { side: 0 });
  assert.is(trail.stopTicks * 0.25, 20002);
  gw.market.printTrade(id, 20002.5, { side: 1 });
  assert.is(trail.stopTicks * 0.25, 20002, 'no ratchet against the holder');
  assert.is(trail.status, 1);
  gw.market.printTrade(id, 20002, { side: 1 });
  assert.is(trail.status, 2);
  assert.is(trail.filledPrice, 20002);
  assert.is(gw.state.positions.size, 0);
});

test('limit rests until the opposite side trades through; JoinBid joins the bid', async () => {
  gw.market.printTrade(id, 20000, { side: 1 }); // bid 20000
  const j = await place({ type: 6, side: 0, size: 1 });
  const join = gw.state.orders.get(j.body.orderId)!;
  assert.is(join.limitTicks * 0.25, 20000);
  assert.is(join.status, 1);
  gw.market.printTrade(id, 20000, { side: 1 }); // touch, not through
  assert.is(join.status, 1);
  gw.market.printTrade(id, 19999.75, { side: 1 });
  assert.is(join.status, 2);
  assert.is(join.filledPrice, 20000);
  await post(gw, 'Position/closeContract', { accountId: ACCT, contractId: id }, token);
});

test.run();
