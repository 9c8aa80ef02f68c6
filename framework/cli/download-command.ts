/**
 * `pxt download --symbol MNQ --timeframe 1m --from 2025-01-02 --to 2025-03-01 [--data-dir ./data]
 *   [--live] [--api-url ...] [--config file.json] [--env-file .env] [--username ...] [--account ...]`
 *
 * Downloads ProjectX bars into the native history store.
 * - The symbol is resolved to the active contract (ContractResolver: ES -> EP, NQ -> ENQ).
 * - `--from` / `--to` are dates (UTC) or ISO times; a bare `--to` date is inclusive (the whole day).
 *   The end is clamped to the last complete bar (no partial bars are stored).
 * - Paging: retrieveBars returns at most 20 000 bars, newest first. The missing span is cut into
 *   windows of ≤ 20 000 bar starts (bar-windows.ts); a span before the stored data is walked
 *   backwards, a span after it forwards, so every finished window touches what is covered.
 * - Re-runs fetch only what is missing: the covered span (including empty weekends) is kept in
 *   `<SYMBOL>/<tf>.coverage.json` beside the series; without it the stored bars' span is used.
 * - Each window is merged (mergeBars) and saved (atomic write) before the next, so an interrupted
 *   run leaves a valid store and a coverage record that never claims more than was saved.
 * - The REST client's limiter keeps to the venue limits (retrieveBars 30 / 30 s) by waiting.
 * - Progress goes to stderr (a bar on a TTY, plain lines otherwise); the summary and gaps to stdout.
 * Caveat (projectx-api.md §4.3): the venue keeps sub-hour bars only for live contract months; older
 * intraday history needs the expired contract id (`--symbol CON.F.US.MNQ.H25`) and may be absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { LiveClock, type Clock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { MS_PER_DAY, isoUtc, parseTimestamp, timeframeToMs } from '../core/time.ts';
import { allocBarColumns, type BarColumns } from '../model/bar-columns.ts';
import type { Bar } from '../model/market-data.ts';
import { describeConnection, loadConnectionConfig, type ConnectionConfig } from '../config/connection-config.ts';
import { ContractResolver } from '../adapters/projectx/contracts.ts';
import { planWindows, timeframeToBarUnit, type BarWindow } from '../adapters/projectx/bar-windows.ts';
import { MAX_BARS_PER_REQUEST, ProjectXRestClient } from '../adapters/projectx/rest-client.ts';
import { HistoryStore } from '../store/history-store.ts';
import { mergeBars } from '../store/merge-bars.ts';
import { missingRanges, type TimeRange } from '../store/missing-ranges.ts';
import { findGaps, summarizeGaps, type Gap, type GapSummary } from '../store/gaps.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { PxtCommand } from './command.ts';

export interface DownloadArgs {
  symbol: string;
  timeframe: string;
  from: string;
  to: string;
  'data-dir': string;
  live: boolean;
  'api-url'?: string;
  config?: string;
  'env-file'?: string;
  username?: string;
  account?: string;
  'page-bars': number;
}

export interface DownloadOptions {
  symbol: string;
  timeframe: string;
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  dataDir: string;
  live: boolean;
  connection: ConnectionConfig;
}

export interface DownloadDeps {
  client?: ProjectXRestClient;
  clock?: Clock;
  stderr?: { write(s: string): unknown; isTTY?: boolean };
  /** Bars per request (tests use small pages); default and cap 20 000. */
  maxBarsPerRequest?: number;
}

export interface DownloadReport {
  readonly symbol: string;
  readonly contractId: string;
  readonly timeframe: string;
  readonly requests: number;
  readonly newBars: number;
  readonly storedBars: number;
  /** Spans that were missing and fetched. */
  readonly fetched: readonly TimeRange[];
  readonly gaps: GapSummary;
  /** In-session holes (missing data) inside the requested range. */
  readonly holes: readonly Gap[];
}

interface Coverage {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
  contractId: string;
}

export async function runDownload(o: DownloadOptions, deps: DownloadDeps = {}): Promise<DownloadReport> {
  const clock = deps.clock ?? new LiveClock();
  const err = deps.stderr ?? process.stderr;
  const tfMs = timeframeToMs(o.timeframe);
  const { unit, unitNumber } = timeframeToBarUnit(o.timeframe);
  const c = o.connection;
  const client = deps.client ?? new ProjectXRestClient({ baseUrl: c.apiUrl, userName: c.userName, apiKey: c.apiKey, clock });
  const { contract, instrument } = await new ContractResolver(client, { live: o.live, clock }).resolve(o.symbol);
  const symbol = instrument.symbol;
  const store = new HistoryStore(o.dataDir, { nowMs: () => clock.nowMs() });
  const coveragePath = store.arrowPath(symbol, o.timeframe).replace(/\.arrow$/, '.coverage.json');

  const endMs = Math.min(o.toMs, Math.floor(clock.nowMs() / tfMs) * tfMs);
  let existing: BarColumns | undefined = store.has(symbol, o.timeframe) ? store.load(symbol, o.timeframe) : undefined;
  let coverage = existing ? readCoverage(coveragePath, existing, tfMs) : undefined;
  const missing = missingRanges(coverage && { fromMs: coverage.fromMs, toMs: coverage.toMs - tfMs }, o.fromMs, endMs, tfMs);

  const maxBars = Math.min(deps.maxBarsPerRequest ?? MAX_BARS_PER_REQUEST, MAX_BARS_PER_REQUEST);
  const plan: BarWindow[] = [];
  for (const r of missing) plan.push(...planWindows(r.fromMs, r.toMs, tfMs, maxBars, coverage && r.toMs <= coverage.fromMs ? 'backward' : 'forward'));
  const progress = new Progress(err, `${symbol} ${o.timeframe}`, plan.length);
  let newBars = 0;
  for (let i = 0; i < plan.length; i++) {
    const w = plan[i];
    // endTime 1 ms before the window end: a full window is exactly maxBars bars, so no page truncates.
    const bars = (await client.retrieveBars({ contractId: contract.contractId, symbol, live: o.live, startMs: w.fromMs, endMs: w.toMs - 1, unit, unitNumber, limit: maxBars })).filter(
      (b) => b.tsMs >= w.fromMs && b.tsMs < w.toMs,
    );
    if (bars.length > 0) {
      const before = existing?.length ?? 0;
      existing = mergeBars(existing, toColumns(symbol, o.timeframe, bars));
      store.save(existing, { source: `projectx:${contract.contractId}`, tickSize: instrument.tickSize });
      newBars += existing.length - before;
    }
    if (existing) {
      // The coverage record follows the saved data: it never claims a window that was not saved.
      coverage = coverage ? { fromMs: Math.min(coverage.fromMs, w.fromMs), toMs: Math.max(coverage.toMs, w.toMs), contractId: contract.contractId } : { fromMs: w.fromMs, toMs: w.toMs, contractId: contract.contractId };
      writeFileAtomic(coveragePath, `${JSON.stringify(coverage)}\n`);
    }
    progress.step(i + 1, w, bars.length);
  }
  progress.done();

  const inRange = existing ? sliceRange(store, symbol, o.timeframe, o.fromMs, o.toMs) : undefined;
  const gaps = inRange ? findGaps(inRange) : [];
  return {
    symbol,
    contractId: contract.contractId,
    timeframe: o.timeframe,
    requests: plan.length,
    newBars,
    storedBars: existing?.length ?? 0,
    fetched: missing,
    gaps: summarizeGaps(gaps),
    holes: gaps.filter((g) => g.kind === 'hole'),
  };
}

function sliceRange(store: HistoryStore, symbol: string, tf: string, fromMs: number, toMs: number): BarColumns | undefined {
  const c = store.load(symbol, tf, { fromMs, toMs });
  return c.length > 0 ? c : undefined;
}

function readCoverage(path: string, existing: BarColumns, tfMs: number): Coverage {
  const stored = { fromMs: existing.tsMs[0], toMs: existing.tsMs[existing.length - 1] + tfMs, contractId: '' };
  if (!existsSync(path)) return stored;
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as Coverage;
    if (Number.isFinite(c.fromMs) && Number.isFinite(c.toMs)) {
      // Never narrower than the bars actually stored.
      return { fromMs: Math.min(c.fromMs, stored.fromMs), toMs: Math.max(c.toMs, stored.toMs), contractId: c.contractId };
    }
  } catch {
    // A broken record only costs a refetch.
  }
  return stored;
}

function toColumns(symbol: string, timeframe: string, bars: readonly Bar[]): BarColumns {
  const c = allocBarColumns(symbol, timeframe, bars.length);
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i];
    c.tsMs[i] = b.tsMs;
    c.open[i] = b.open;
    c.high[i] = b.high;
    c.low[i] = b.low;
    c.close[i] = b.close;
    c.volume[i] = b.volume;
  }
  return c;
}

class Progress {
  constructor(
    private readonly out: { write(s: string): unknown; isTTY?: boolean },
    private readonly label: string,
    private readonly total: number,
  ) {}

  step(n: number, w: BarWindow, bars: number): void {
    const span = `${isoUtc(w.fromMs).slice(0, 16)}..${isoUtc(w.toMs).slice(0, 16)}`;
    if (this.out.isTTY) {
      const width = 30;
      const filled = Math.round((n / Math.max(1, this.total)) * width);
      this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${this.total} ${this.label} ${span} +${bars} bars   `);
    } else {
      this.out.write(`download ${this.label}: window ${n}/${this.total} ${span}: ${bars} bars\n`);
    }
  }

  done(): void {
    if (this.out.isTTY && this.total > 0) this.out.write('\n');
  }
}

/** `--from`/`--to` -> epoch ms; a bare date `--to` means the end of that day. */
export function parseRange(from: string, to: string): { fromMs: number; toMs: number } {
  const fromMs = parseTimestamp(from);
  let toMs = parseTimestamp(to);
  if (Number.isNaN(fromMs)) throw new ConfigError(`invalid --from "${from}"`, { where: '--from', hint: 'use YYYY-MM-DD or an ISO time with offset' });
  if (Number.isNaN(toMs)) throw new ConfigError(`invalid --to "${to}"`, { where: '--to', hint: 'use YYYY-MM-DD or an ISO time with offset' });
  if (/^\d{4}-\d{2}-\d{2}$/.test(to.trim())) toMs += MS_PER_DAY;
  if (!(toMs > fromMs)) throw new ConfigError(`--to must be after --from`, { where: '--to' });
  return { fromMs, toMs };
}

export const downloadCommand: PxtCommand<DownloadArgs> = {
  name: 'download',
  describe: 'Download ProjectX history bars into the local store (fetches only what is missing)',
  builder(y: Argv): Argv<DownloadArgs> {
    return y
      .option('symbol', { type: 'string', demandOption: true, describe: 'MNQ, ES, NQ, ... or a contract id CON.F.US.MNQ.H25' })
      .option('timeframe', { type: 'string', default: '1m', describe: '<n><s|m|h|d>, e.g. 1m, 5m, 1h, 1d' })
      .option('from', { type: 'string', demandOption: true, describe: 'start date (UTC) or ISO time' })
      .option('to', { type: 'string', demandOption: true, describe: 'end date (inclusive, UTC) or ISO time' })
      .option('data-dir', { type: 'string', default: './data', describe: 'history store directory' })
      .option('live', { type: 'boolean', default: false, describe: 'use the live market-data subscription (default: sim)' })
      .option('api-url', { type: 'string', describe: 'ProjectX API URL (default PROJECTX_API_URL or the local gateway)' })
      .option('config', { type: 'string', describe: 'JSON config file with connection settings' })
      .option('env-file', { type: 'string', describe: '.env file (default ./.env)' })
      .option('username', { type: 'string', describe: 'ProjectX user name (default PROJECTX_USERNAME)' })
      .option('account', { type: 'string', describe: 'account name (default PROJECTX_ACCOUNT)' })
      .option('page-bars', { type: 'number', default: MAX_BARS_PER_REQUEST, describe: 'bars per request (max 20000)' }) as unknown as Argv<DownloadArgs>;
  },
  async run(args: DownloadArgs): Promise<number> {
    if (!(timeframeToMs(args.timeframe) > 0)) throw new ConfigError(`invalid --timeframe "${args.timeframe}"`, { where: '--timeframe', hint: 'e.g. 1m, 5m, 1h, 1d' });
    const { fromMs, toMs } = parseRange(args.from, args.to);
    const connection = loadConnectionConfig({
      flags: { apiUrl: args['api-url'], userName: args.username, account: args.account },
      configFile: args.config,
      envFile: args['env-file'],
    });
    process.stderr.write(`${describeConnection(connection)}\n`);
    const pageBars = args['page-bars'] ?? MAX_BARS_PER_REQUEST;
    if (!(Number.isInteger(pageBars) && pageBars > 0)) throw new ConfigError(`invalid --page-bars ${pageBars}`, { where: '--page-bars', hint: 'a whole number from 1 to 20000' });
    const r = await runDownload(
      { symbol: args.symbol, timeframe: args.timeframe, fromMs, toMs, dataDir: args['data-dir'], live: args.live, connection },
      { maxBarsPerRequest: pageBars },
    );
    const fetched = r.fetched.length === 0 ? 'nothing missing' : r.fetched.map((f) => `${isoUtc(f.fromMs)}..${isoUtc(f.toMs)}`).join(', ');
    process.stdout.write(
      `downloaded ${r.symbol} ${r.timeframe} (${r.contractId}): ${r.requests} requests, ${r.newBars} new bars, ${r.storedBars} stored; fetched ${fetched}\n` +
        `gaps in range: ${r.gaps.total} (${r.gaps.session} session closures, ${r.gaps.hole} holes)\n`,
    );
    for (const g of r.holes.slice(0, 10)) process.stdout.write(`  hole ${isoUtc(g.fromMs)} .. ${isoUtc(g.toMs)} (${g.inSessionMissingBars} bars missing in session)\n`);
    if (r.holes.length > 10) process.stdout.write(`  ... ${r.holes.length - 10} more\n`);
    return 0;
  },
};
