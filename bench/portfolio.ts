/**
 * Portfolio scenario (issue 6): 3 instruments (MNQ, ES, MGC) of seeded synthetic 1-minute bars,
 * the portfolio-level pairs-spread strategy (legs MNQ/ES, MGC carried for correlation and VaR),
 * timed end to end: suite composition, replay (k-way merge), venue, contexts, onBars grouping,
 * portfolio correlation, strategy, results file (built and serialized). Data generation is not timed.
 * Prints one JSON line {scenario, bars, seconds, barsPerSec, peakRssMb} where bars = events replayed.
 * Run: npx tsx bench/portfolio.ts [barsPerInstrument]   (default 1,000,000)
 */
import { resolveInstrument } from '../framework/model/instrument-registry.ts';
import { CME_GLOBEX_SESSION } from '../framework/model/session-calendar.ts';
import { syntheticBars } from '../framework/store/synthetic-bars.ts';
import { runBacktest } from '../framework/suite/backtest.ts';
import { loadStrategy } from '../framework/suite/load-strategy.ts';
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

export async function runPortfolioBench(barsPerInstrument = 1_000_000): Promise<PortfolioBenchResult> {
  const series = SYMBOLS.map((sym, k) => {
    const instrument = resolveInstrument(sym);
    const columns = syntheticBars({ symbol: sym, bars: barsPerInstrument, seed: 42 + k, startMs: Date.parse('2020-01-05T23:00:00Z'), tickSize: instrument.tickSize, startPrice: START_PRICE[sym], session: CME_GLOBEX_SESSION });
    return { columns, instrument };
  });
  const { cls, name } = await loadStrategy('pairs-spread');
  const t0 = performance.now();
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

if (process.argv[1]?.endsWith('portfolio.ts')) {
  const n = process.argv[2] !== undefined ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await runPortfolioBench(n)));
}
