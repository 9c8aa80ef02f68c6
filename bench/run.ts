/**
 * `npm run bench`: every scenario in its own Node process (so peak RSS is the scenario's own), one
 * JSON line each: {"scenario","bars","seconds","barsPerSec","peakRssMb", ...extras}.
 * `npm run bench -- backtest` runs only scenarios whose name contains "backtest".
 *
 * The engine scenarios (backtests, portfolio) run BENCH_RUNS times (default 5), each in a fresh
 * process, and print the run with the median time, with `runs` and `secondsRange` [fastest, slowest]
 * and the highest peak RSS of all runs: one run on a machine shared with other VMs can be 25% off
 * either way, and a median of fresh processes still pays every cold start (loading, JIT warm-up).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { BACKTEST_SCENARIOS, prepareBenchStore } from './backtest-scenarios.ts';
import { medianLine } from './median-line.ts';

const here = import.meta.dirname;
const filter = process.argv[2];

interface Job {
  readonly name: string;
  readonly file: string;
  readonly args: string[];
  /** Run the file bundled into one JS module by plain Node (the backtests), instead of under tsx. */
  readonly bundled?: boolean;
  /** Fresh processes to run; the median one is printed (see medianLine). */
  readonly runs?: number;
}

const RUNS = benchRuns(process.env.BENCH_RUNS);

function benchRuns(v: string | undefined): number {
  if (v === undefined || v === '') return 5;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`error: BENCH_RUNS=${v} is not a whole number >= 1 — e.g. BENCH_RUNS=9 npm run bench`);
    process.exit(2);
  }
  return n;
}

/**
 * The backtest scenarios run the engine as JavaScript, the way a deployment runs it: one esbuild
 * bundle (packages stay external) started by plain Node. Under tsx the same process also hosts tsx's
 * module loader (an extra thread with its own heap, ~70 MB before any work) and source maps; the
 * `:tsx` scenario keeps that number visible.
 */
/**
 * Node settings for the backtest processes (`npm start` and `npm run pxt` use them too):
 * - `--initial-old-space-size=256`: a backtest's heap only grows (the journals of orders, fills and
 *   trades), and with V8's small default starting limit it ran marking cycles over it while it grew.
 *   With room to grow no marking cycle runs: ~0.07 s less on the 1M-bar run, same peak RSS.
 * - `--v8-pool-size=2`: V8's helper threads (optimizing compiler, parallel scavenges). Node starts
 *   four whatever the machine; a 1M-bar run keeps them busy with ~0.3-0.5 s of optimizing-compiler
 *   work, and on a 2-core machine up to four concurrent compile jobs pushed the JavaScript thread
 *   off its core: it waited ~0.066 s for one in a 1M-bar run (wall minus its CPU time, the bench's
 *   cpuSeconds), ~0.01-0.02 s with two. 1M-bar median 0.459 -> 0.426 s, 0.556 -> 0.508, 0.604 ->
 *   0.572, 0.575 -> 0.525, 0.486 -> 0.471 (12-30 alternating rounds each; one 12-round comparison
 *   went the other way, 0.499 -> 0.532); equal with another CPU-bound process running (0.650 /
 *   0.640). One helper was faster still alone (0.412, 0.493) but 15% slower beside another process.
 * - `--min-semi-space-size=16` (MB): a run allocates ~270 MB of short-lived objects (a Bar a bar,
 *   ~140 bytes with its boxed prices, and an order's records), and V8's young generation starts
 *   small and grows to 8 MB: ~45 scavenges of ~0.8 ms each, mostly a fixed cost per scavenge. Started
 *   at 16 MB it runs 19 (trace-gc, whole process: 47 scavenges and 46 ms -> 19 and 32 ms). 1M-bar median 0.582 -> 0.568,
 *   0.418 -> 0.398, 0.443 -> 0.420 s (13-15 alternating rounds each), main-thread CPU -0.03 s; peak
 *   RSS +7 MB.
 */
const BACKTEST_NODE_FLAGS = ['--initial-old-space-size=256', '--v8-pool-size=2', '--min-semi-space-size=16'];

function bundle(file: string): string {
  // Inside node_modules so the bundle's package imports resolve from the project.
  const out = join(here, '..', 'node_modules', '.cache', 'pxt-bench', file.replace(/\.ts$/, '.mjs'));
  buildSync({ entryPoints: [join(here, file)], bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', outfile: out, logLevel: 'warning' });
  return out;
}

const store = mkdtempSync(join(tmpdir(), 'pxt-bench-store-'));
const jobs: Job[] = [
  ...BACKTEST_SCENARIOS.map((s) => ({ name: s, file: 'backtest-scenarios.ts', args: [s, store], bundled: true, runs: RUNS })),
  { name: `${BACKTEST_SCENARIOS[0]}:tsx`, file: 'backtest-scenarios.ts', args: [`${BACKTEST_SCENARIOS[0]}:tsx`, store] },
  { name: 'portfolio', file: 'portfolio.ts', args: ['1000000', store], bundled: true, runs: RUNS },
  { name: 'indicators', file: 'indicators.ts', args: [] },
  { name: 'aggregate', file: 'aggregator.ts', args: [] },
  { name: 'gateway', file: 'gateway.ts', args: [] },
  { name: 'live latency', file: 'latency.ts', args: [] },
  { name: 'report', file: 'report.ts', args: [] },
].filter((j) => existsSync(join(here, j.file)) && (filter === undefined || j.name.includes(filter) || j.file.includes(filter)));

try {
  if (jobs.some((j) => j.file === 'backtest-scenarios.ts' || j.file === 'portfolio.ts')) prepareBenchStore(store);
  const bundles = new Map<string, string>();
  for (const job of jobs) {
    let argv: string[];
    if (job.bundled === true) {
      let b = bundles.get(job.file);
      if (b === undefined) bundles.set(job.file, (b = bundle(job.file)));
      argv = [...BACKTEST_NODE_FLAGS, b, ...job.args];
    } else argv = [...(job.file === 'backtest-scenarios.ts' ? BACKTEST_NODE_FLAGS : []), '--import', 'tsx', join(here, job.file), ...job.args];
    // Each run's lines, by scenario (a file may print several scenarios).
    const byScenario = new Map<string, string[]>();
    for (let k = 0; k < (job.runs ?? 1); k++) {
      const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 64 << 20 });
      const lines = r.stdout.split('\n').filter((l) => l.startsWith('{') && l.includes('"scenario"'));
      if (r.status !== 0 || lines.length === 0) {
        console.error(`bench ${job.name} failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        break;
      }
      for (const l of lines) {
        const name = (JSON.parse(l) as { scenario: string }).scenario;
        const runs = byScenario.get(name);
        if (runs === undefined) byScenario.set(name, [l]);
        else runs.push(l);
      }
    }
    for (const lines of byScenario.values()) console.log(medianLine(lines));
  }
} finally {
  rmSync(store, { recursive: true, force: true });
}
