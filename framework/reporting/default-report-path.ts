import { join } from 'node:path';
import type { ResultsFile } from '../model/results.ts';

/**
 * Where a report goes by default: `<reportsDir>/<strategy>-<symbols joined by _>-<YYYYMMDD-HHMMSS>.html`,
 * the time being the run's start (run.timing.startedAt, UTC) or, when absent, the end of the data
 * period (deterministic). A comparison is named `compare-<strategy>-<strategy>...-<time>.html` after its
 * first run's time. Names are reduced to [A-Za-z0-9._-].
 */
export function defaultReportPath(results: ResultsFile | readonly ResultsFile[], reportsDir = 'reports'): string {
  const list: readonly ResultsFile[] = Array.isArray(results) ? results : [results as ResultsFile];
  const first = list[0];
  const stamp = runStamp(first);
  if (list.length > 1) return join(reportsDir, `compare-${list.map((r) => safe(r.run.strategy)).join('-')}-${stamp}.html`);
  const symbols = first.instruments.map((i) => safe(i.symbol)).join('_') || 'none';
  return join(reportsDir, `${safe(first.run.strategy)}-${symbols}-${stamp}.html`);
}

function runStamp(r: ResultsFile): string {
  const started = r.run.timing?.startedAt;
  const ms = started !== undefined && Number.isFinite(Date.parse(started)) ? Date.parse(started) : r.period.toMs;
  const iso = new Date(Number.isFinite(ms) ? ms : 0).toISOString(); // 2025-03-04T15:06:07.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
}
