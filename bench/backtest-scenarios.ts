/**
 * End-to-end backtest scenarios (issue 2): seeded synthetic 1-minute series stored in the native
 * Arrow store, then timed from load to results file: load, replay, indicators, strategy, broker,
 * results. Each scenario prints one JSON line {scenario, bars, seconds, barsPerSec, peakRssMb}.
 * Run one: npx tsx bench/backtest-scenarios.ts <scenario>
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../framework/store/history-store.ts';
import { syntheticBars } from '../framework/store/synthetic-bars.ts';
import { resolveInstrument } from '../framework/model/instrument-registry.ts';
import { CME_GLOBEX_SESSION } from '../framework/model/session-calendar.ts';
import { runBacktest } from '../framework/suite/backtest.ts';
import { loadStrategy } from '../framework/suite/load-strategy.ts';
import { writeFileAtomic } from '../framework/store/atomic-write.ts';

const SCENARIOS: Record<string, { symbols: string[]; bars: number; strategy: string }> = {
  'backtest:sma-cross:1M:1-instrument': { symbols: ['MNQ'], bars: 1_000_000, strategy: 'sma-cross' },
  'backtest:sma-cross:1M:3-instruments': { symbols: ['MNQ', 'ES', 'MGC'], bars: 1_000_000, strategy: 'sma-cross' },
};

const START_PRICE: Record<string, number> = { MNQ: 21000, ES: 6000, MGC: 2650 };

export async function runBacktestScenario(name: string): Promise<void> {
  const sc = SCENARIOS[name];
  if (sc === undefined) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'pxt-bench-'));
  try {
    const store = new HistoryStore(dir);
    sc.symbols.forEach((sym, k) => {
      const ins = resolveInstrument(sym);
      store.save(
        syntheticBars({ symbol: sym, bars: sc.bars, seed: 42 + k, startMs: Date.parse('2020-01-05T23:00:00Z'), tickSize: ins.tickSize, startPrice: START_PRICE[sym] ?? 1000, session: CME_GLOBEX_SESSION }),
        { source: 'synthetic', tickSize: ins.tickSize },
      );
    });
    const { cls, name: sname } = await loadStrategy(sc.strategy);
    const t0 = performance.now();
    const series = sc.symbols.map((sym) => ({ columns: store.load(sym, '1m'), instrument: resolveInstrument(sym) }));
    const out = await runBacktest({ strategy: { cls, name: sname, params: { ...cls.defaults } }, series, startingCash: 100_000, fill: { commissionPerContract: 0.37, slippageTicks: 1 } });
    writeFileAtomic(join(dir, 'results.json'), JSON.stringify(out.results));
    const seconds = (performance.now() - t0) / 1000;
    await out.suite.cleanup();
    const bars = out.bars;
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(JSON.stringify({ scenario: name, bars, seconds: Number(seconds.toFixed(4)), barsPerSec: Math.round(bars / seconds), peakRssMb, trades: out.results.trades.length }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const BACKTEST_SCENARIOS = Object.keys(SCENARIOS);

if (process.argv[1]?.endsWith('backtest-scenarios.ts')) {
  await runBacktestScenario(process.argv[2] ?? BACKTEST_SCENARIOS[0]);
}
