/**
 * End-to-end backtest scenarios (issue 2): seeded synthetic 1-minute series stored in the native
 * Arrow store, then timed from load to results file: load, replay, indicators, strategy, broker,
 * results. Each scenario prints one JSON line {scenario, bars, seconds, barsPerSec, peakRssMb}.
 * Run one: npx tsx bench/backtest-scenarios.ts <scenario>
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../framework/store/history-store.ts';
import { arrow } from '../framework/store/arrow-store.ts';
import { syntheticBars } from '../framework/store/synthetic-bars.ts';
import { resolveInstrument } from '../framework/model/instrument-registry.ts';
import { CME_GLOBEX_SESSION } from '../framework/model/session-calendar.ts';
import { runBacktest } from '../framework/suite/backtest.ts';
import { writeJsonFileAtomic } from '../framework/store/results-writer.ts';
import type { StrategyClass } from '../framework/strategy/strategy.ts';
// Imported, not looked up by name: bench/run.ts runs this file as one bundled JS module (no TypeScript loader).
import SmaCross from '../strategies/sma-cross.ts';

const STRATEGIES: Record<string, StrategyClass> = { 'sma-cross': SmaCross as unknown as StrategyClass };

const SCENARIOS: Record<string, { symbols: string[]; bars: number; strategy: string }> = {
  'backtest:sma-cross:1M:1-instrument': { symbols: ['MNQ'], bars: 1_000_000, strategy: 'sma-cross' },
  'backtest:sma-cross:1M:3-instruments': { symbols: ['MNQ', 'ES', 'MGC'], bars: 1_000_000, strategy: 'sma-cross' },
};

/** Where a scenario runs: plain Node on the bundled engine (what bench/run.ts does), or under tsx. */
function runtime(): string {
  return process.argv[1]?.endsWith('.mjs') ? 'node' : 'tsx';
}

/**
 * CPU seconds used so far by this thread and by the whole process (Linux: /proc schedstat, ns),
 * undefined elsewhere. Wall time on a shared machine varies with the neighbours; CPU time shows how
 * much work the run itself was, and the gap between the two threads' share and the wall time shows
 * V8's helper threads (optimizing compiler, parallel GC) competing with the JavaScript thread.
 */
function cpuSeconds(): { main: number; total: number } | undefined {
  try {
    const ns = (path: string): number => Number(readFileSync(path, 'utf8').split(' ')[0]);
    const main = ns('/proc/thread-self/schedstat');
    let total = 0;
    for (const tid of readdirSync('/proc/self/task')) total += ns(`/proc/self/task/${tid}/schedstat`);
    return { main: main / 1e9, total: total / 1e9 };
  } catch {
    return undefined;
  }
}

const START_PRICE: Record<string, number> = { MNQ: 21000, ES: 6000, MGC: 2650 };

/** Write the seeded synthetic series every scenario reads into a native store under `dir`. */
export function prepareBenchStore(dir: string, symbols: readonly string[] = ['MNQ', 'ES', 'MGC'], bars = 1_000_000): void {
  const store = new HistoryStore(dir);
  symbols.forEach((sym, k) => {
    if (store.has(sym, '1m')) return;
    const ins = resolveInstrument(sym);
    store.save(
      syntheticBars({ symbol: sym, bars, seed: 42 + k, startMs: Date.parse('2020-01-05T23:00:00Z'), tickSize: ins.tickSize, startPrice: START_PRICE[sym] ?? 1000, session: CME_GLOBEX_SESSION }),
      { source: 'synthetic', tickSize: ins.tickSize },
    );
  });
}

/**
 * Time one scenario. With `storeDir` (prepared by prepareBenchStore in another process) this process
 * only loads and runs, so peakRssMb is the scenario's own.
 */
export async function runBacktestScenario(name: string, storeDir?: string): Promise<void> {
  const sc = SCENARIOS[name.replace(/:tsx$/, '')];
  if (sc === undefined) throw new Error(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const dir = storeDir ?? mkdtempSync(join(tmpdir(), 'pxt-bench-'));
  try {
    if (storeDir === undefined) prepareBenchStore(dir, sc.symbols, sc.bars);
    const store = new HistoryStore(dir);
    const cls = STRATEGIES[sc.strategy];
    // The Arrow module loads on first use (store/arrow-store.ts); load it before the clock starts, as
    // the static import it replaced did: module loading is process startup, not the run.
    arrow();
    const cpu0 = cpuSeconds();
    const t0 = performance.now();
    // Streamed from the store batch by batch (memory grows with the batch, not the history).
    const series = sc.symbols.map((sym) => ({ columns: store.open(sym, '1m'), instrument: resolveInstrument(sym) }));
    const out = await runBacktest({ strategy: { cls, name: sc.strategy, params: { ...cls.defaults } }, series, startingCash: 100_000, fill: { commissionPerContract: 0.37, slippageTicks: 1 } });
    const tWrite = performance.now();
    writeJsonFileAtomic(join(dir, `results-${process.pid}.json`), out.results as unknown as Record<string, unknown>);
    const writeSeconds = (performance.now() - tWrite) / 1000;
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = cpuSeconds();
    const cpu = cpu0 !== undefined && cpu1 !== undefined ? { main: Number((cpu1.main - cpu0.main).toFixed(4)), all: Number((cpu1.total - cpu0.total).toFixed(4)) } : undefined;
    await out.suite.cleanup();
    const bars = out.bars;
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(JSON.stringify({ scenario: name, bars, seconds: Number(seconds.toFixed(4)), barsPerSec: Math.round(bars / seconds), peakRssMb, runtime: runtime(), trades: out.suite.orders.positions.trades.length, phases: { replay: out.results.run.timing.replaySeconds, results: out.results.run.timing.resultsSeconds, write: Number(writeSeconds.toFixed(4)) }, cpuSeconds: cpu }));
  } finally {
    if (storeDir === undefined) rmSync(dir, { recursive: true, force: true });
    else rmSync(join(dir, `results-${process.pid}.json`), { force: true });
  }
}

export const BACKTEST_SCENARIOS = Object.keys(SCENARIOS);

if (/backtest-scenarios\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  await runBacktestScenario(process.argv[2] ?? BACKTEST_SCENARIOS[0], process.argv[3]);
}
