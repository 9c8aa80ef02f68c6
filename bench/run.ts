/**
 * `npm run bench`: every scenario in its own Node process (so peak RSS is the scenario's own), one
 * JSON line each: {"scenario","bars","seconds","barsPerSec","peakRssMb", ...extras}.
 * `npm run bench -- backtest` runs only scenarios whose name contains "backtest".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKTEST_SCENARIOS, prepareBenchStore } from './backtest-scenarios.ts';

const here = import.meta.dirname;
const filter = process.argv[2];

interface Job {
  readonly name: string;
  readonly file: string;
  readonly args: string[];
}

const store = mkdtempSync(join(tmpdir(), 'pxt-bench-store-'));
const jobs: Job[] = [
  ...BACKTEST_SCENARIOS.map((s) => ({ name: s, file: 'backtest-scenarios.ts', args: [s, store] })),
  { name: 'portfolio', file: 'portfolio.ts', args: [] },
  { name: 'indicators', file: 'indicators.ts', args: [] },
  { name: 'aggregate', file: 'aggregator.ts', args: [] },
  { name: 'gateway', file: 'gateway.ts', args: [] },
  { name: 'live latency', file: 'latency.ts', args: [] },
  { name: 'report', file: 'report.ts', args: [] },
].filter((j) => existsSync(join(here, j.file)) && (filter === undefined || j.name.includes(filter) || j.file.includes(filter)));

try {
  if (jobs.some((j) => j.file === 'backtest-scenarios.ts')) prepareBenchStore(store);
  for (const job of jobs) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, job.file), ...job.args], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('{') && l.includes('"scenario"'));
    for (const l of lines) console.log(l);
    if (r.status !== 0 || lines.length === 0) console.error(`bench ${job.name} failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
} finally {
  rmSync(store, { recursive: true, force: true });
}
