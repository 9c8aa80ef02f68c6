import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runBacktest } from '../../framework/suite/backtest.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { barsOf } from './fixtures.ts';
import { scripted } from './scripted-strategy.ts';

async function run(symbol: string, rows: Parameters<typeof barsOf>[1], script: Parameters<typeof scripted>[0], opts: { commission?: number; slippage?: number; closeAtEnd?: boolean } = {}) {
  const out = await runBacktest({
    strategy: { cls: scripted(script), name: 'scripted', params: {} },
    series: [{ columns: barsOf(symbol, rows), instrument: resolveInstrument(symbol) }],
    startingCash: 10_000,
    fill: { commissionPerContract: opts.commission ?? 0, slippageTicks: opts.slippage ?? 0 },
    closeAtEnd: opts.closeAtEnd,
  });
  await out.suite.cleanup();
  return out.results;
}

test('ES long round trip: PnL = ticks × 12.50 × contracts − commission both sides', async () => {
  // buy 2 at the open of bar 1 (4000), sell 2 at the open of bar 3 (4002.5): +10 ticks
  const r = await run('ES', [4000, [4000, 4001, 3999, 4001], 4002, [4002.5, 4003, 4002, 4003], 4003], {
    0: (c) => c.market('buy', 2),
    2: (c) => c.market('sell', 2),
  }, { commission: 2.25 });
  assert.is(r.trades.length, 1);
  const t = r.trades[0];
  // gross = 10 ticks × 12.5 × 2 = 250; fees = 2 × 2 × 2.25 = 9
  assert.equal([t.side, t.size, t.entryPrice, t.exitPrice, t.pnlTicks, t.fees, t.pnl], ['long', 2, 4000, 4002.5, 10, 9, 241]);
  assert.is(r.final.equity, 10_241);
  assert.is(r.final.cash, 10_241);
});

test('MNQ short with slippage: fills 1 tick worse each side, $0.50 a tick', async () => {
  const r = await run('MNQ', [21000, 21000, 20990, 20990], { 0: (c) => c.market('sell', 1), 2: (c) => c.market('buy', 1) }, { slippage: 1 });
  const t = r.trades[0];
  // sell at 21000 − 0.25, buy back at 20990 + 0.25 = 9.5 points = 38 ticks × 0.5 = 19
  assert.equal([t.side, t.entryPrice, t.exitPrice, t.pnlTicks, t.pnl], ['short', 20999.75, 20990.25, 38, 19]);
});

test('equity is marked to market at every bar close; open position reported, not closed', async () => {
  const r = await run('MES', [5000, 5000, 5010, 5020], { 0: (c) => c.market('buy', 1) });
  // MES: 0.25 tick = $1.25 -> $5 a point; bought 5000 at bar 1, last close 5020: +100 open
  assert.is(r.trades.length, 0);
  assert.equal(r.final.openPositions, [{ symbol: 'MES', size: 1, avgPrice: 5000, markPrice: 5020, unrealizedPnl: 100 }]);
  assert.is(r.final.equity, 10_100);
  assert.is(r.final.cash, 10_000);
});

test('--close-at-end closes at the last close and books the trade', async () => {
  const r = await run('MES', [5000, 5000, 5010, 5020], { 0: (c) => c.market('buy', 1) }, { closeAtEnd: true, commission: 0.5 });
  assert.is(r.final.openPositions.length, 0);
  assert.equal(r.trades.map((t) => [t.entryPrice, t.exitPrice, t.pnl]), [[5000, 5020, 99]]);
});

test('partial close and reversal: realized PnL on the closed part, a new trip on the reversal', async () => {
  const r = await run('MNQ', [100, 100, 104, 104, 96, 96, 100], {
    0: (c) => c.market('buy', 2), // fills 100
    2: (c) => c.market('sell', 1), // fills 104: +4 pts × 1 × $2 = 8 (trip still open)
    3: (c) => c.market('sell', 3), // fills 104 (bar 4 open? no: bar 4 opens 96) -> closes 1 at 96, opens short 2 at 96
    5: (c) => c.flatten(), // buys 2 at 100
  });
  // bar opens: b1 100, b3 104, b4 96, b6 100
  assert.equal(r.trades.map((t) => [t.side, t.size, t.entryPrice, t.exitPrice, t.pnl]), [
    ['long', 2, 100, 100, 0], // exits: 1 @ 104 (+8), 1 @ 96 (−8)
    ['short', 2, 96, 100, -16],
  ]);
  assert.is(r.final.equity, 10_000 - 16);
});

test.run();
