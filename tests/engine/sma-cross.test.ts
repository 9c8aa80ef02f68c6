import { test } from 'uvu';
import * as assert from 'uvu/assert';
import SmaCross from '../../strategies/sma-cross.ts';
import { runBacktest } from '../../framework/suite/backtest.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { barsOf } from './fixtures.ts';

async function run(closes: number[], params = { fast: 2, slow: 3, size: 1 }) {
  const out = await runBacktest({
    strategy: { cls: SmaCross, name: 'sma-cross', params },
    series: [{ columns: barsOf('MNQ', closes), instrument: resolveInstrument('MNQ') }],
    startingCash: 100_000,
  });
  await out.suite.cleanup();
  // index of the bar on which each order was created (bars are one minute apart)
  const t0 = out.results.period.fromMs;
  return out.results.orders.map((o) => ({ side: o.side, bar: (o.createdMs - t0) / 60_000, status: o.status }));
}

// fast = SMA(2), slow = SMA(3) of closes; diff = fast − slow.
test('the first bar with both averages only seeds the difference; a cross signals on a later bar', async () => {
  // closes 10,10,10 -> bar 2: fast 10, slow 10, diff 0 (seed, even if zero)
  // bar 3: close 12 -> fast 11, slow 10.667 -> diff > 0, but last non-zero diff is the seed 0 -> no cross
  const orders = await run([10, 10, 10, 12, 13]);
  assert.equal(orders, [], 'a zero seed is not negative: no cross up');
});

test('cross up after a negative difference buys; cross down sells to flat', async () => {
  // bar2: closes 12,11,10 -> fast 10.5, slow 11 -> diff −0.5 (seed)
  // bar3: close 13 -> fast 11.5, slow 11.333 -> diff > 0 and last < 0 -> buy (created on bar 3)
  // bar4: close 13 -> fast 13, slow 12 -> +; bar5: close 9 -> fast 11, slow 11.667 -> − -> sell
  const orders = await run([12, 11, 10, 13, 13, 9, 9]);
  assert.equal(orders, [
    { side: 'buy', bar: 3, status: 'filled' },
    { side: 'sell', bar: 5, status: 'filled' },
  ]);
});

test('a touch (difference exactly 0) followed by a cross still counts', async () => {
  // bar2 seed: 12,11,10 -> −0.5; bar3 close 11.5: fast 10.75, slow 10.833 -> −
  // bar4 close 11: fast 11.25, slow 10.833 -> + cross up (buy at bar 4)
  // touch: bar5 close 10.5: fast 10.75, slow 11 -> − (cross down, sell at bar 5)
  const a = await run([12, 11, 10, 11.5, 11, 10.5, 10.5]);
  assert.equal(a.map((o) => [o.side, o.bar]), [['buy', 4], ['sell', 5]]);
  // diff goes −, 0, + : bar2 12,11,10 seed −0.5; bar3 close 11: fast 10.5 slow 11 −0.5;
  // bar4 close 11: fast 11, slow 10.667 -> + (buy). Now a zero in between: use closes giving 0 exactly.
  // 10,10,10 after a negative: bar2 seed (12,11,10) −; bar3 close 10.5: fast 10.25, slow 10.5 −;
  // bar4 close 10.5 -> fast 10.5, slow 10.333 + -> buy
  const b = await run([12, 11, 10, 10.5, 10.5]);
  assert.equal(b.map((o) => [o.side, o.bar]), [['buy', 4]]);
  // exact tie then up: seed −; bar3: closes 10,12,11 -> fast 11.5 slow 11 (+) buy at 3
  const c = await run([13, 12, 10, 12, 11, 11, 11]);
  // bar2 seed: fast 11, slow 11.667 (−); bar3: 10,12 -> fast 11, slow 11.333 (−); bar4: 12,11 -> 11.5 vs 11 (+) buy;
  // bar5: 11,11 -> 11 vs 11.333 (−) sell; bar6: 11 vs 11 -> 0 (tie, ignored)
  assert.equal(c.map((o) => [o.side, o.bar]), [['buy', 4], ['sell', 5]]);
});

test('params: size is traded', async () => {
  const orders = await runBacktest({
    strategy: { cls: SmaCross, name: 'sma-cross', params: { fast: 2, slow: 3, size: 3 } },
    series: [{ columns: barsOf('MNQ', [12, 11, 10, 13, 13, 9, 9]), instrument: resolveInstrument('MNQ') }],
    startingCash: 100_000,
  });
  await orders.suite.cleanup();
  assert.equal(orders.results.fills.map((f) => [f.side, f.size]), [['buy', 3], ['sell', 3]]);
});

test.run();
