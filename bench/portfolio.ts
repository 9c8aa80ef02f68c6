/**
 * Portfolio scenario (issue 6): 3 instruments (MNQ, ES, MGC) of seeded synthetic 1-minute bars,
 * the portfolio-level pairs-spread strategy (legs MNQ/ES, MGC carried for correlation and VaR),
 * timed end to end: suite composition, replay (k-way merge), venue, contexts, onBars grouping,
 * portfolio correlation, strategy, results file (built and serialized). Data generation is not timed.
 * Prints one JSON line {scenario, bars, seconds, barsPerSec, peakRssMb} where bars = events replayed.
 *
 * With a store folder (prepared by backtest-scenarios.ts' prepareBenchStore, as `npm run bench`
 * does) the bars are streamed from it, as `pxt backtest` reads them, and peak RSS is the run's own;
 * without one they are generated into memory first (3M bars: ~150 MB of columns in the RSS).
 * Run: npx tsx bench/portfolio.ts [barsPerInstrument] [storeDir]   (default 1,000,000, in memory)
 */
import { resolveInstrument } from '../framework/model/instrument-registry.ts';
import { CME_GLOBEX_SESSION } from '../framework/model/session-calendar.ts';
import { syntheticBars } from '../framework/store/synthetic-bars.ts';
import { runBacktest } from '../framework/suite/backtest.ts';
import { HistoryStore } from '../framework/store/history-store.ts';
import { arrow } from '../framework/store/arrow-store.ts';
import type { StrategyClass } from '../framework/strategy/strategy.ts';
// Imported, not looked up by name: bench/run.ts runs this file as one bundled JS module.
import PairsSpread from '../strategies/pairs-spread.ts';
import { writeJsonFileAtomic } from '../framework/store/results-writer.ts';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SYMBOLS = ['MNQ', 'ES', 'MGC'];
const START_PRICE: Record<string, number> = { MNQ: 21000, ES: 6000, MGC: 2650 };

export interface PortfolioBenchResult {
  readonly scenario: string;
  readonly bars: number;
  readonly seconds: number;
  readonly barsPerSec: number;
  readonly peakRssMb: number;
  readonly trades: number;
}

export async function runPortfolioBench(barsPerInstrument = 1_000_000, storeDir?: string): Promise<PortfolioBenchResult> {
  const store = storeDir === undefined ? undefined : new HistoryStore(storeDir);
  const generated =
    store === undefined
      ? SYMBOLS.map((sym, k) => {
          const instrument = resolveInstrument(sym);
          const columns = syntheticBars({ symbol: sym, bars: barsPerInstrument, seed: 42 + k, startMs: Date.parse('2020-01-05T23:00:00Z'), tickSize: instrument.tickSize, startPrice: START_PRICE[sym], session: CME_GLOBEX_SESSION });
          return { columns, instrument };
        })
      : undefined;
  const cls = PairsSpread as unknown as StrategyClass;
  const name = 'pairs-spread';
  // The Arrow module loads on first use (store/arrow-store.ts); load it before the clock starts, as
  // the static import it replaced did: module loading is process startup, not the run.
  if (store !== undefined) arrow();
  const t0 = performance.now();
  // Streamed from the store batch by batch, or the generated columns.
  const series = generated ?? SYMBOLS.map((sym) => ({ columns: store!.open(sym, '1m'), instrument: resolveInstrument(sym) }));
  const out = await runBacktest({ strategy: { cls, name, params: { ...cls.defaults } }, series, startingCash: 100_000, fill: { commissionPerContract: 0.37, slippageTicks: 1 } });
  // The results file as `pxt backtest` writes it (streamed from the journals, not JSON.stringify).
  const dir = mkdtempSync(join(tmpdir(), 'pxt-bench-portfolio-'));
  const file = join(dir, 'results.json');
  writeJsonFileAtomic(file, out.results as unknown as Record<string, unknown>);
  const seconds = (performance.now() - t0) / 1000;
  const size = statSync(file).size;
  rmSync(dir, { recursive: true, force: true });
  await out.suite.cleanup();
  if (size === 0) throw new Error('empty results');
  const result: PortfolioBenchResult = {
    scenario: 'portfolio:3-instruments',
    bars: out.bars,
    seconds: Number(seconds.toFixed(4)),
    barsPerSec: Math.round(out.bars / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    trades: out.suite.orders.positions.trades.length,
  };
  return result;
}

if (/portfolio\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  const n = process.argv[2] !== undefined ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await runPortfolioBench(n, process.argv[3])));
}
