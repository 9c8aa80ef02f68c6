import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeMetrics } from '../../framework/analytics/compute-metrics.ts';
import { TradeTally } from '../../framework/analytics/trade-tally.ts';
import { runBacktest } from '../../framework/suite/backtest.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { syntheticBars } from '../../framework/store/synthetic-bars.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';
import { writeJsonFileAtomic } from '../../framework/store/results-writer.ts';
import { tradeColumns } from '../../framework/model/trade-columns.ts';
import { Strategy, type Bar, type StrategyContext } from '../../framework/index.ts';
import type { ResultsFile } from '../../framework/model/results.ts';

/** Market flips and brackets (trades with a defined risk, for the R-multiples), on every instrument. */
class Mixed extends Strategy<Record<string, never>> {
  static override defaults = {};
  private i = 0;
  override onBar(_bar: Bar, ctx: StrategyContext): void {
    const k = this.i++ % 40;
    if (k === 0 && ctx.position.isFlat) ctx.bracket({ side: 'buy', size: 1, stopTicks: 8, targetTicks: 12 });
    else if (k === 20) ctx.flatten('flat');
    else if (k === 25 && ctx.position.isFlat) ctx.market('sell', 2);
    else if (k === 35) ctx.flatten('flat');
  }
}

test('the metrics the engine computes from its trade journal equal those recomputed from the written file', async () => {
  const series = ['MNQ', 'ES', 'MGC'].map((sym, k) => {
    const ins = resolveInstrument(sym);
    return { columns: syntheticBars({ symbol: sym, bars: 4000, seed: 11 + k, startMs: Date.parse('2024-03-03T23:00:00Z'), tickSize: ins.tickSize, startPrice: [18000, 5200, 2300][k], session: CME_GLOBEX_SESSION }), instrument: ins };
  });
  const out = await runBacktest({ strategy: { cls: Mixed as never, name: 'mixed', params: {} }, series, startingCash: 1e6, fill: { commissionPerContract: 0.5, slippageTicks: 1 }, wallClock: () => 0, log: () => {} });
  const dir = mkdtempSync(join(tmpdir(), 'pxt-metrics-'));
  try {
    const file = join(dir, 'r.json');
    writeJsonFileAtomic(file, out.results as unknown as Record<string, unknown>);
    const back = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
    assert.ok(back.trades.length > 200, `${back.trades.length} trades`);
    assert.ok(back.trades.some((t) => t.riskAmount !== null) && back.trades.some((t) => t.riskAmount === null), 'trades with and without a risk');
    assert.is(new Set(back.trades.map((t) => t.symbol)).size, 3);
    // Same numbers to the last bit: the engine's metrics come from the trade tally summed as each
    // trade closed, the recomputed ones from the file's records, through the same tallies.
    assert.ok(out.suite.tradeTally.matches(back.instruments, back.trades.length), 'the engine used its tally');
    assert.is(JSON.stringify(computeMetrics(back)), JSON.stringify(back.metrics));
    assert.is(JSON.stringify(computeMetrics(back, { tally: out.suite.tradeTally })), JSON.stringify(back.metrics));
    // A tally of other trades or instruments is not used.
    assert.is(JSON.stringify(computeMetrics(back, { tally: new TradeTally(back.instruments) })), JSON.stringify(back.metrics));
    assert.not.ok(out.suite.tradeTally.matches(back.instruments.slice(1), back.trades.length));
    // The journal's columns are the records' columns.
    const fromJournal = out.suite.orders.positions.trades.columns();
    const fromRecords = tradeColumns(back.trades);
    assert.equal(fromJournal.symbols, fromRecords.symbols);
    for (const k of ['symbol', 'entryMs', 'exitMs', 'pnl', 'fees', 'mae', 'mfe', 'riskAmount'] as const) assert.equal(Array.from(fromJournal[k]), Array.from(fromRecords[k]), k);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
