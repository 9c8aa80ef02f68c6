import type { Argv } from 'yargs';
import { ConfigError } from '../core/errors.ts';
import { isoUtc, parseTimestamp, timeframeToMs } from '../core/time.ts';
import { findInstrument } from '../model/instrument-registry.ts';
import type { SeriesMeta } from '../store/arrow-store.ts';
import { readBarsCsv, symbolFromFileName, writeBarsCsv } from '../store/csv-bars.ts';
import { findGaps, type Gap } from '../store/gaps.ts';
import { HistoryStore } from '../store/history-store.ts';
import { inferTimeframe } from '../store/infer-timeframe.ts';
import { mergeBars } from '../store/merge-bars.ts';
import type { PxtCommand } from './command.ts';

/**
 * `pxt data import|info|export`: manage the history store (data/<SYMBOL>/<timeframe>.arrow).
 * One positional action instead of yargs sub-commands, so main.ts's single run() wrapper prints the
 * typed errors of every action the same way. The actions are exported as plain functions (with an
 * injectable `print`) so tests and other commands call them without yargs.
 */
export interface DataArgs {
  action: string;
  target?: string;
  symbol?: string;
  timeframe?: string;
  'data-dir': string;
  'tick-size'?: number;
  merge?: boolean;
  out?: string;
  from?: string;
  to?: string;
}

export type Print = (line: string) => void;

export interface ImportOptions {
  file: string;
  /** Defaults to the file name's first word (`es_1m_....csv` -> ES). */
  symbol?: string;
  /** Defaults to the most common bar spacing in the file. */
  timeframe?: string;
  dataDir: string;
  /** Prices must lie on this grid; defaults to the registry's tick for known symbols; 0 turns the check off. */
  tickSize?: number;
  /** Merge into the stored series (incoming bars win) instead of replacing it. */
  merge?: boolean;
}

/** Validate a CSV and write it to the store; prints bars, range and gaps. */
export function dataImport(opts: ImportOptions, print: Print = console.log): SeriesMeta {
  const symbol = (opts.symbol ?? symbolFromFileName(opts.file)).toUpperCase();
  if (opts.timeframe !== undefined && !(timeframeToMs(opts.timeframe) > 0)) {
    throw new ConfigError(`invalid --timeframe "${opts.timeframe}"`, { hint: 'use <n><s|m|h|d>, e.g. 1m, 5m, 1h, 1d' });
  }
  const tickSize = opts.tickSize ?? findInstrument(symbol)?.tickSize;
  const parsed = readBarsCsv(opts.file, { symbol, timeframe: opts.timeframe ?? '', tickSize: tickSize === 0 ? undefined : tickSize });
  const spacing = inferTimeframe(parsed.tsMs);
  const timeframe = opts.timeframe ?? spacing;
  if (timeframe === undefined) {
    throw new ConfigError('cannot infer the timeframe of a file with one bar', { where: opts.file, hint: 'pass --timeframe, e.g. --timeframe 1m' });
  }
  if (spacing !== undefined && timeframeToMs(spacing) < timeframeToMs(timeframe)) {
    throw new ConfigError(`bars in the file are ${spacing} apart but --timeframe is ${timeframe}`, {
      where: opts.file,
      hint: `pass --timeframe ${spacing} (resampling happens at replay, not on import)`,
    });
  }
  let columns = { ...parsed, timeframe };
  const store = new HistoryStore(opts.dataDir);
  if (opts.merge === true && store.has(symbol, timeframe)) columns = mergeBars(store.load(symbol, timeframe), columns);
  const meta = store.save(columns, { source: opts.file, ...(tickSize ? { tickSize } : {}) });
  print(`imported ${parsed.length} bars of ${symbol} ${timeframe} from ${opts.file}`);
  print(`stored ${meta.bars} bars ${fmtTs(meta.fromMs)} .. ${fmtTs(meta.toMs)} in ${store.arrowPath(symbol, timeframe)}`);
  const gaps = findGaps(columns);
  print(`gaps: ${meta.gaps?.total ?? 0} (${meta.gaps?.session ?? 0} session closures, ${meta.gaps?.hole ?? 0} holes)`);
  const holes = gaps.filter((g) => g.kind === 'hole');
  for (const g of holes.slice(0, 10)) print(`  hole ${fmtGap(g)}`);
  if (holes.length > 10) print(`  ... ${holes.length - 10} more holes`);
  return meta;
}

/** Print the table of stored series. */
export function dataInfo(opts: { dataDir: string }, print: Print = console.log): void {
  const rows = new HistoryStore(opts.dataDir).list();
  if (rows.length === 0) {
    print(`no stored series in ${opts.dataDir} (import one with \`pxt data import <file.csv> --symbol ES --timeframe 1m\`)`);
    return;
  }
  const table = [
    ['symbol', 'timeframe', 'from', 'to', 'bars', 'gaps', 'holes'],
    ...rows.map((r) => [r.symbol, r.timeframe, fmtTs(r.fromMs), fmtTs(r.toMs), String(r.bars), String(r.gaps), String(r.holes)]),
  ];
  const widths = table[0].map((_, k) => Math.max(...table.map((row) => row[k].length)));
  for (const row of table) print(row.map((cell, k) => (k >= 4 ? cell.padStart(widths[k]) : cell.padEnd(widths[k]))).join('  ').trimEnd());
}

export interface ExportOptions {
  /** `ES` or `ES:1m`. */
  symbol: string;
  timeframe?: string;
  out: string;
  dataDir: string;
  fromMs?: number;
  toMs?: number;
}

/** Write a stored series (or a [fromMs, toMs) slice of it) as CSV. Returns the number of bars. */
export function dataExport(opts: ExportOptions, print: Print = console.log): number {
  const [sym, tfPart] = opts.symbol.split(':');
  const store = new HistoryStore(opts.dataDir);
  const timeframe = tfPart ?? opts.timeframe;
  const resolved = store.resolveDataArg(timeframe === undefined ? sym : `${sym}:${timeframe}`);
  let columns = resolved.columns;
  if (opts.fromMs !== undefined || opts.toMs !== undefined) {
    columns = store.load(columns.symbol, columns.timeframe, { fromMs: opts.fromMs, toMs: opts.toMs });
  }
  writeBarsCsv(opts.out, columns);
  print(`wrote ${columns.length} bars of ${columns.symbol} ${columns.timeframe} to ${opts.out}`);
  return columns.length;
}

function fmtTs(tsMs: number): string {
  return isoUtc(tsMs).replace('T', ' ').replace(/:00\.000Z$/, 'Z');
}

function fmtGap(g: Gap): string {
  return `${fmtTs(g.fromMs)} .. ${fmtTs(g.toMs)} (${g.missingBars} bars, ${g.inSessionMissingBars} in session)`;
}

function optionalTime(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const t = parseTimestamp(text);
  if (Number.isNaN(t)) throw new ConfigError(`invalid --${flag} "${text}"`, { hint: 'use YYYY-MM-DD or ISO-8601 with an offset' });
  return t;
}

export const dataCommand: PxtCommand<DataArgs> = {
  name: 'data <action> [target]',
  describe: 'Manage the history store: import a CSV, list stored series, export one as CSV',
  builder(y: Argv): Argv<DataArgs> {
    return y
      .positional('action', { choices: ['import', 'info', 'export'] as const, describe: 'import <file.csv> | info | export <symbol>', type: 'string', demandOption: true })
      .positional('target', { type: 'string', describe: 'CSV file (import) or symbol / SYMBOL:timeframe (export)' })
      .option('symbol', { type: 'string', describe: 'symbol to store the bars under (default: from the file name)' })
      .option('timeframe', { type: 'string', describe: 'bar timeframe, e.g. 1m (default: inferred from the bar spacing)' })
      .option('data-dir', { type: 'string', default: './data', describe: 'history store folder' })
      .option('tick-size', { type: 'number', describe: 'check prices against this tick (default: the instrument registry; 0 = no check)' })
      .option('merge', { type: 'boolean', default: false, describe: 'import: merge into the stored series instead of replacing it' })
      .option('out', { type: 'string', describe: 'export: CSV file to write' })
      .option('from', { type: 'string', describe: 'export: first bar time (inclusive)' })
      .option('to', { type: 'string', describe: 'export: end time (exclusive)' })
      .example('$0 data import es.csv --symbol ES --timeframe 1m', 'validate and store a CSV')
      .example('$0 data info', 'list stored series')
      .example('$0 data export ES --timeframe 1m --out es.csv', 'write a stored series as CSV') as unknown as Argv<DataArgs>;
  },
  async run(args: DataArgs): Promise<number> {
    const dataDir = args['data-dir'] ?? './data';
    switch (args.action) {
      case 'import':
        if (args.target === undefined) throw new ConfigError('missing CSV file', { hint: 'pxt data import <file.csv> --symbol ES --timeframe 1m' });
        dataImport({ file: args.target, symbol: args.symbol, timeframe: args.timeframe, dataDir, tickSize: args['tick-size'], merge: args.merge });
        return 0;
      case 'info':
        dataInfo({ dataDir });
        return 0;
      case 'export': {
        const symbol = args.target ?? args.symbol;
        if (symbol === undefined) throw new ConfigError('missing symbol', { hint: 'pxt data export ES --timeframe 1m --out es.csv' });
        if (args.out === undefined) throw new ConfigError('missing --out', { hint: 'pxt data export ES --timeframe 1m --out es.csv' });
        dataExport({ symbol, timeframe: args.timeframe, out: args.out, dataDir, fromMs: optionalTime(args.from, 'from'), toMs: optionalTime(args.to, 'to') });
        return 0;
      }
      default:
        throw new ConfigError(`unknown data action "${args.action}"`, { hint: 'use import, info or export' });
    }
  },
};
