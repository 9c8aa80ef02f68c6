import type { Argv } from 'yargs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.ts';
import { isoUtc, parseTimestamp } from '../core/time.ts';
import { resolveInstrument } from '../model/instrument-registry.ts';
import { renameBarSource, type BarSeriesSource } from '../model/bar-columns.ts';
import type { Instrument } from '../model/instrument.ts';
import type { ResultsFile } from '../model/results.ts';
import { HistoryStore } from '../store/history-store.ts';
import { symbolFromFileName } from '../store/csv-bars.ts';
import { writeJsonFileAtomic } from '../store/results-writer.ts';
import { parseParamArgs, resolveParams } from '../strategy/params.ts';
import { loadStrategy } from '../suite/load-strategy.ts';
import { runBacktest } from '../suite/backtest.ts';
import type { PxtCommand } from './command.ts';
import { printSummary } from './summary.ts';
import { loadRiskOption } from './risk-option.ts';
import { writeRunReport } from './report-option.ts';
import { runReplayBacktestCli } from './parity-command.ts';

export interface BacktestArgs {
  strategy: string;
  data: string[];
  symbol?: string;
  'tick-size'?: number;
  'tick-value'?: number;
  params?: string;
  param?: string[];
  cash: number;
  commission: number;
  'slippage-ticks': number;
  from?: string;
  to?: string;
  out?: string;
  quiet?: boolean;
  'close-at-end'?: boolean;
  report?: string | boolean;
  'data-dir': string;
  timeframe?: string;
  'limit-fill': 'through' | 'touch';
  intrabar: 'pessimistic' | 'ohlc-path';
  'volume-cap': number;
  risk?: string;
  /** A paper/live recording to replay instead of --data (issue 4). */
  replay?: string;
}

/** Parse `--from/--to` (ISO with offset, YYYY-MM-DD as UTC midnight, or epoch ms). */
export function parseWindowArg(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = parseTimestamp(value);
  if (Number.isNaN(t)) throw new ConfigError(`${flag} '${value}' is not a date`, { where: flag, hint: 'use YYYY-MM-DD or an ISO-8601 time with offset, e.g. 2025-01-02T14:30:00Z' });
  return t;
}

/**
 * Turn repeated `--data` into one series per instrument: `SYM=path`, `path` or a stored symbol.
 * Stored symbols and .arrow files come back as streaming sources (read batch by batch during the
 * replay), CSV files in memory.
 */
export function loadDataArgs(
  args: Pick<BacktestArgs, 'data' | 'symbol' | 'tick-size' | 'tick-value' | 'data-dir' | 'timeframe'>,
): { columns: BarSeriesSource; instrument: Instrument; source: string }[] {
  if (args.data.length === 0) throw new ConfigError('no --data given', { where: '--data', hint: 'e.g. --data data/sample/MNQ-1m.csv --symbol MNQ' });
  if (args.symbol !== undefined && args.data.length > 1) {
    throw new ConfigError('--symbol names the instrument of a single --data', { where: '--symbol', hint: 'with several instruments write --data SYM=path for each' });
  }
  const store = new HistoryStore(args['data-dir']);
  const out: { columns: BarSeriesSource; instrument: Instrument; source: string }[] = [];
  for (const item of args.data) {
    const eq = item.indexOf('=');
    const explicit = eq > 0 ? item.slice(0, eq).trim().toUpperCase() : undefined;
    const ref = eq > 0 ? item.slice(eq + 1).trim() : item.trim();
    const isFile = /\.(csv|arrow)$/i.test(ref);
    const symbol = (explicit ?? args.symbol ?? (isFile ? symbolFromFileName(ref) : ref.split(':')[0])).toUpperCase();
    const instrument = resolveInstrument(symbol, { tickSize: args['tick-size'], tickValue: args['tick-value'] });
    const { bars, source } = store.resolveDataArg(ref, symbol, { tickSize: instrument.tickSize, timeframe: args.timeframe });
    if (out.some((o) => o.instrument.symbol === symbol)) throw new ConfigError(`instrument ${symbol} given twice`, { where: '--data', hint: 'name each instrument once: --data ES=a.csv --data NQ=b.csv' });
    out.push({ columns: renameBarSource(bars, symbol), instrument, source });
  }
  const tfs = new Set(out.map((o) => o.columns.timeframe));
  if (tfs.size > 1) throw new ConfigError(`instruments have different timeframes (${[...tfs].join(', ')})`, { where: '--data', hint: 'backtest series of one timeframe together' });
  return out;
}

export const backtestCommand: PxtCommand<BacktestArgs> = {
  name: 'backtest',
  describe: 'Backtest a strategy on stored history or a CSV',
  builder: (y: Argv) =>
    y
      .option('strategy', { type: 'string', demandOption: true, describe: 'path to a strategy file or the name of one in strategies/' })
      .option('data', { type: 'string', array: true, default: [], describe: 'CSV/Arrow file, stored symbol (ES, ES:1m), or SYM=path; repeat for several instruments' })
      .option('symbol', { type: 'string', describe: 'instrument of a single --data (default: from the file name)' })
      .option('tick-size', { type: 'number', describe: 'tick size for an instrument the registry does not know (or override)' })
      .option('tick-value', { type: 'number', describe: 'currency per tick per contract (with --tick-size)' })
      .option('params', { type: 'string', describe: `strategy params as JSON, e.g. '{"fast":10}'` })
      .option('param', { type: 'string', array: true, describe: 'one strategy param, name=value (repeatable)' })
      .option('cash', { type: 'number', default: 100000, describe: 'starting cash' })
      .option('commission', { type: 'number', default: 0, describe: 'commission per contract per side' })
      .option('slippage-ticks', { type: 'number', default: 0, describe: 'slippage in ticks on market and stop fills' })
      .option('from', { type: 'string', describe: 'first bar time (YYYY-MM-DD or ISO-8601)' })
      .option('to', { type: 'string', describe: 'end time, exclusive' })
      .option('out', { type: 'string', describe: 'results file (default reports/<strategy>-<symbols>.json)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .option('close-at-end', { type: 'boolean', default: false, describe: 'close open positions at the last close' })
      .option('report', { describe: 'also write the HTML report (optionally to this path)' })
      .option('data-dir', { type: 'string', default: 'data', describe: 'history store folder' })
      .option('timeframe', { type: 'string', describe: 'timeframe of a stored symbol, or of a CSV when it cannot be inferred' })
      .option('limit-fill', { choices: ['through', 'touch'] as const, default: 'through' as const, describe: 'limits fill when price trades through them, or on a touch' })
      .option('intrabar', { choices: ['pessimistic', 'ohlc-path'] as const, default: 'pessimistic' as const, describe: 'intrabar path for orders reachable in the same bar' })
      .option('volume-cap', { type: 'number', default: 0, describe: 'cap fills at this share of bar volume (0 = no cap)' })
      .option('risk', { type: 'string', describe: 'risk limits JSON file (see README)' })
      .option('replay', { type: 'string', describe: 'replay a recorded paper/live session (data/recordings/*.ndjson) instead of --data' }) as unknown as Argv<BacktestArgs>,
  async run(args) {
    for (const [flag, v] of [
      ['--cash', args.cash],
      ['--commission', args.commission],
      ['--slippage-ticks', args['slippage-ticks']],
      ['--volume-cap', args['volume-cap']],
    ] as const) {
      if (!Number.isFinite(v) || v < 0 || (flag === '--cash' && v <= 0)) throw new ConfigError(`${flag} must be a ${flag === '--cash' ? 'positive' : 'non-negative'} number, got ${v}`, { where: flag });
    }
    const fromMs = parseWindowArg('--from', args.from);
    const toMs = parseWindowArg('--to', args.to);
    if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw new ConfigError('--to must be after --from', { where: '--from/--to' });
    const { cls, name } = await loadStrategy(args.strategy);
    const params = resolveParams(name, cls.defaults, parseParamArgs(args.params, args.param));
    // --replay: the recording through the same tick pipeline as paper/live (see parity-command.ts).
    if (args.replay !== undefined) return runReplayBacktestCli(args, { cls, name, params });
    const series = loadDataArgs(args);
    const risk = loadRiskOption(args.risk);
    const outcome = await runBacktest({
      strategy: { cls, name, params },
      series,
      startingCash: args.cash,
      fill: {
        commissionPerContract: args.commission,
        slippageTicks: args['slippage-ticks'],
        limitFill: args['limit-fill'],
        intrabarPath: args.intrabar,
        volumeCapFraction: args['volume-cap'],
      },
      closeAtEnd: args['close-at-end'],
      fromMs,
      toMs,
      risk: risk?.gate,
      riskStates: risk?.states,
      onSuite: risk?.attach,
      extraConfig: { data: series.map((s) => s.source), risk: risk?.config ?? null },
    });
    const results = withStartTime(outcome.results);
    const symbols = series.map((s) => s.instrument.symbol).join('_');
    const outPath = args.out ?? join('reports', `${name}-${symbols}.json`);
    writeJsonFileAtomic(outPath, results as unknown as Record<string, unknown>);
    let reportPath: string | undefined;
    if (args.report !== undefined && args.report !== false) reportPath = await writeRunReport(results, typeof args.report === 'string' && args.report !== '' ? args.report : undefined);
    if (!args.quiet) printSummary(results, { outPath, reportPath, wallSeconds: outcome.wallSeconds, bars: outcome.bars });
    await outcome.suite.cleanup();
    return 0;
  },
};

/**
 * The wall-clock start goes under run.timing only, so everything else stays byte-identical. Set in
 * place: spreading the results would read (and so build) the lazy orders, fills and trades
 * (core/lazy-array.ts) that the writer streams from the journals.
 */
function withStartTime(r: ResultsFile): ResultsFile {
  (r as { run: ResultsFile['run'] }).run = { ...r.run, timing: { ...r.run.timing, startedAt: isoUtc(Date.now()) } };
  return r;
}
