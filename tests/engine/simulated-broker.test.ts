import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { venue } from './venue-harness.ts';

// DESIGN.md §5, bar mode. MNQ: tick 0.25.

test('an order placed while bar t is processed fills from bar t+1 on, not on bar t', () => {
  const v = venue();
  v.bar(100, 101, 99, 100);
  const id = v.submit({ side: 'buy', type: 'market', size: 1 });
  assert.is(v.fillOf(id).length, 0, 'nothing fills before the next bar');
  v.bar(100.5, 102, 100, 101);
  assert.equal(v.fillOf(id).map((f) => f.price), [100.5], 'market fills at the next open');
});

test('market order: next open plus slippage ticks against you', () => {
  const v = venue({ slippageTicks: 2 });
  v.bar(100, 101, 99, 100);
  const buy = v.submit({ side: 'buy', type: 'market', size: 1 });
  const sell = v.submit({ side: 'sell', type: 'market', size: 1 });
  v.bar(100, 101, 99, 100);
  assert.is(v.fillOf(buy)[0].price, 100.5, 'buy: open + 2 × 0.25');
  assert.is(v.fillOf(sell)[0].price, 99.5, 'sell: open − 2 × 0.25');
});

test('limit buy fills only when low trades strictly through, at min(open, L)', () => {
  const v = venue();
  v.bar(100, 101, 99, 100);
  const touchOnly = v.submit({ side: 'buy', type: 'limit', size: 1, limitPrice: 99 });
  v.bar(100, 100.5, 99, 99.5); // low == L: a touch, not through
  assert.is(v.fillOf(touchOnly).length, 0, 'a touch does not fill by default');
  v.bar(99.5, 100, 98.75, 99); // low < L
  assert.equal(v.fillOf(touchOnly).map((f) => f.price), [99], 'fills at the limit');
  const gap = v.submit({ side: 'buy', type: 'limit', size: 1, limitPrice: 99 });
  v.bar(97, 98, 96, 97.5); // gap down through the limit
  assert.equal(v.fillOf(gap).map((f) => f.price), [97], 'gap: fills at the better open');
});

test('limit touch option fills when low == L', () => {
  const v = venue({ limitFill: 'touch' });
  v.bar(100, 101, 99, 100);
  const id = v.submit({ side: 'buy', type: 'limit', size: 1, limitPrice: 99 });
  v.bar(100, 100.5, 99, 99.5);
  assert.equal(v.fillOf(id).map((f) => f.price), [99]);
});

test('limit sell mirrors: high strictly above L, at max(open, L)', () => {
  const v = venue();
  v.bar(100, 101, 99, 100);
  const id = v.submit({ side: 'sell', type: 'limit', size: 1, limitPrice: 101 });
  v.bar(100, 101, 99.5, 100.5);
  assert.is(v.fillOf(id).length, 0);
  v.bar(102, 103, 101.5, 102); // gap up
  assert.equal(v.fillOf(id).map((f) => f.price), [102]);
});

test('stop buy triggers when high >= S, fills at max(open, S) plus slippage; gaps fill at the open', () => {
  const v = venue({ slippageTicks: 1 });
  v.bar(100, 101, 99, 100);
  const inBar = v.submit({ side: 'buy', type: 'stop', size: 1, stopPrice: 101 });
  v.bar(100, 101, 99.5, 100.5); // high == S triggers
  assert.equal(v.fillOf(inBar).map((f) => f.price), [101.25], 'S + 1 tick');
  const gap = v.submit({ side: 'buy', type: 'stop', size: 1, stopPrice: 102 });
  v.bar(103, 104, 102.5, 103.5);
  assert.equal(v.fillOf(gap).map((f) => f.price), [103.25], 'gap above S: open + 1 tick');
});

test('stop sell mirrors', () => {
  const v = venue();
  v.bar(100, 101, 99, 100);
  const id = v.submit({ side: 'sell', type: 'stop', size: 1, stopPrice: 98 });
  v.bar(99, 99.5, 98.5, 99);
  assert.is(v.fillOf(id).length, 0);
  v.bar(97, 97.5, 96, 96.5);
  assert.equal(v.fillOf(id).map((f) => f.price), [97]);
});

test('stop-limit triggers as a stop then rests as a limit', () => {
  const v = venue();
  v.bar(100, 101, 99, 100);
  // buy stop 101 limit 101.5: gap open at 102 triggers but is above the limit -> rests
  const id = v.submit({ side: 'buy', type: 'stop-limit', size: 1, stopPrice: 101, limitPrice: 101.5 });
  v.bar(102, 103, 101.75, 102.5);
  assert.is(v.fillOf(id).length, 0, 'triggered, but never traded through the limit');
  assert.ok(v.events.some((e) => e.type === 'triggered' && e.clientOrderId === id), 'a triggered event');
  v.bar(102, 102.25, 101, 101.25);
  assert.equal(v.fillOf(id).map((f) => f.price), [101.5], 'then fills as a limit at L');
});

test('stop-limit triggered inside the bar fills at once when the trigger price is inside the limit', () => {
  const v = venue();
  v.bar(100, 101, 99, 100);
  const id = v.submit({ side: 'buy', type: 'stop-limit', size: 1, stopPrice: 100.5, limitPrice: 101 });
  v.bar(100, 101.5, 99.75, 101);
  assert.equal(v.fillOf(id).map((f) => f.price), [100.5]);
});

test('trailing stop ratchets only in your favour and fills when price comes back', () => {
  const v = venue();
  v.bar(100, 100, 100, 100);
  const id = v.submit({ side: 'sell', type: 'trailing-stop', size: 1, trailTicks: 8 }); // 2 points
  v.bar(100, 103, 100, 103); // anchor 103 -> stop 101
  assert.is(v.fillOf(id).length, 0);
  v.bar(103, 103, 101.5, 102); // dips to 101.5 > 101: no fill; anchor stays 103
  assert.is(v.fillOf(id).length, 0, 'the trail never moves against you');
  v.bar(102, 102.5, 100, 100.5);
  assert.equal(v.fillOf(id).map((f) => f.price), [101], 'stop at 103 − 2');
});

test('trailing stop moves are reported to the client (trail-moved), once per bar', () => {
  const v = venue();
  v.bar(100, 100, 100, 100);
  const id = v.submit({ side: 'sell', type: 'trailing-stop', size: 1, trailTicks: 8 });
  v.bar(100, 103, 100, 103);
  v.bar(103, 103, 102, 102.5);
  const moves = v.events.filter((e) => e.type === 'trail-moved' && e.clientOrderId === id).map((e) => (e as { stopPrice: number }).stopPrice);
  assert.equal(moves, [98, 101], 'initial stop from the last price, then the ratchet; nothing on the bar that did not move it');
});

test('bracket exits reachable in one bar: pessimistic (default) takes the stop first', () => {
  const v = venue();
  v.bar(100, 100, 100, 100);
  const entry = v.submit({ side: 'buy', type: 'market', size: 1 });
  v.bar(100, 100.5, 99.5, 100);
  assert.equal(v.fillOf(entry).map((f) => f.price), [100]);
  // position long 1; a stop below and a target above, both inside the next bar
  const sl = v.submit({ side: 'sell', type: 'stop', size: 1, stopPrice: 98, ocoGroup: 'g', reduceOnly: true });
  const tp = v.submit({ side: 'sell', type: 'limit', size: 1, limitPrice: 102, ocoGroup: 'g', reduceOnly: true });
  v.bar(100, 103, 97, 101); // open nearer neither; long -> low first
  assert.equal(v.fillOf(sl).map((f) => f.price), [98], 'the stop fills first');
  // The venue has no OCO (the OrderManager cancels the sibling); left alone, the target fills after.
  assert.equal(v.fills().map((f) => f.clientOrderId).slice(-2), [sl, tp], 'stop, then target');
});

test('ohlc-path takes the nearer extreme first', () => {
  const v = venue({ intrabarPath: 'ohlc-path' });
  v.bar(100, 100, 100, 100);
  v.submit({ side: 'buy', type: 'market', size: 1 });
  v.bar(100, 100, 100, 100);
  const sl = v.submit({ side: 'sell', type: 'stop', size: 1, stopPrice: 97, clientOrderId: 'sl' });
  const tp = v.submit({ side: 'sell', type: 'limit', size: 1, limitPrice: 101, clientOrderId: 'tp' });
  v.bar(100, 102, 96, 99); // high is nearer (2 vs 4)
  assert.equal(v.fillOf(tp).map((f) => f.price), [101], 'the target is met on the way to the nearer high');
  // without OCO at the venue, the stop also fills later in the bar on the way down
  assert.equal(v.fillOf(sl).map((f) => f.price), [97]);
});

test('commission per contract per side on every fill', () => {
  const v = venue({ commissionPerContract: 0.37 });
  v.bar(100, 100, 100, 100);
  const id = v.submit({ side: 'buy', type: 'market', size: 3 });
  v.bar(100, 100, 100, 100);
  assert.is(v.fillOf(id)[0].fee, 1.11);
});

test('volume cap splits a fill across bars (partial fills)', () => {
  const v = venue({ volumeCapFraction: 0.1 });
  v.bar(100, 100, 100, 100, 1000);
  const id = v.submit({ side: 'buy', type: 'market', size: 5 });
  v.bar(100, 100.5, 99.5, 100, 20); // cap 2
  v.bar(100.25, 100.5, 99.5, 100, 20); // cap 2
  v.bar(100.5, 100.5, 99.5, 100, 20); // cap 2 -> last 1
  assert.equal(v.fillOf(id).map((f) => [f.size, f.price]), [[2, 100], [2, 100.25], [1, 100.5]]);
});

test('invalid orders are rejected as events with a reason, never thrown', () => {
  const v = venue();
  const a = v.submit({ side: 'buy', type: 'limit', size: 1, limitPrice: 100.1 });
  const b = v.submit({ side: 'buy', type: 'market', size: 0 });
  const c = v.submit({ side: 'buy', type: 'stop', size: 1 });
  const rej = v.events.filter((e) => e.type === 'rejected') as { clientOrderId: string; reason: string }[];
  assert.equal(rej.map((r) => r.clientOrderId), [a, b, c]);
  assert.match(rej[0].reason, /tick grid/);
  assert.match(rej[1].reason, /positive whole number/);
  assert.match(rej[2].reason, /stop price/);
});

test('cancel and modify are acknowledged by events', () => {
  const v = venue();
  v.bar(100, 100, 100, 100);
  const id = v.submit({ side: 'buy', type: 'limit', size: 1, limitPrice: 99 });
  v.broker.modify({ clientOrderId: id, limitPrice: 98 });
  v.bar(100, 100, 98.75, 99); // would have filled the old limit (through 99), not the new one
  assert.is(v.fillOf(id).length, 0);
  v.broker.cancel(id);
  v.bar(100, 100, 90, 95);
  assert.is(v.fillOf(id).length, 0);
  assert.equal(v.events.filter((e) => ('clientOrderId' in e && e.clientOrderId === id) || ('change' in e && e.change.clientOrderId === id)).map((e) => e.type), ['accepted', 'modified', 'cancelled']);
});

test.run();
