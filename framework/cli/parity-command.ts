import type { Argv } from 'yargs';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import type { ResultsFile } from '../model/results.ts';
import { parseParamArgs, resolveParams } from '../strategy/params.ts';
import { loadStrategy } from '../suite/load-strategy.ts';
import { compareSessions, type ParityReport } from '../suite/parity.ts';
import { runRecordingBacktest } from '../suite/replay-preset.ts';
import type { PxtCommand } from './command.ts';
import { basename, extname, join } from 'node:path';
import { isoUtc } from '../core/time.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { StrategySpec } from '../suite/trading-suite.ts';
import { loadRiskOption } from './risk-option.ts';
import { writeRunReport } from './report-option.ts';
import { printSummary } from './summary.ts';

export interface ParityArgs {
  strategy: string;
  recording: string;
  session: string;
  params?: string;
  param?: string[];
}

/**
 * Replay a recorded session through the backtest path with the session's params, fill model and
 * starting cash, and diff orders and fills with what the session did.
 */
export async function runParity(args: ParityArgs): Promise<{ report: ParityReport; session: ResultsFile; replay: ResultsFile }> {
  if (!existsSync(args.session)) throw new ConfigError('session results file not found', { where: args.session, hint: 'give the results JSON written by pxt paper/live' });
  if (!existsSync(args.recording)) throw new ConfigError('recording not found', { where: args.recording, hint: 'recordings land in data/recordings/' });
  const session = JSON.parse(readFileSync(args.session, 'utf8')) as ResultsFile;
  const { cls, name } = await loadStrategy(args.strategy);
  const given = parseParamArgs(args.params, args.param);
  const params = resolveParams(name, cls.defaults, Object.keys(given).length > 0 ? given : (session.run.params as Record<string, unknown>));
  const opts = session.run.fillModel.options as Record<string, unknown>;
  const { results, suite } = await runRecordingBacktest({
    recording: args.recording,
    strategy: { cls, name, params },
    startingCash: session.run.config.startingCash,
    // A live session's fills came from the venue: replay with its commission, the rest default.
    fill: session.run.mode === 'paper' ? (opts as never) : { commissionPerContract: session.run.config.commissionPerContract },
    idPrefix: typeof session.run.config.idPrefix === 'string' ? session.run.config.idPrefix : 'O',
    baseTimeframe: typeof session.run.config.baseTimeframe === 'string' ? session.run.config.baseTimeframe : undefined,
  });
  await suite.cleanup();
  return { report: compareSessions(results, session), session, replay: results };
}

export const parityCommand: PxtCommand<ParityArgs> = {
  name: 'parity',
  describe: 'Replay a recorded paper/live session through the backtest path and diff orders and fills',
  builder: (y: Argv) =>
    y
      .option('strategy', { type: 'string', demandOption: true, describe: 'the strategy the session ran' })
      .option('recording', { type: 'string', demandOption: true, describe: 'the session recording (data/recordings/*.ndjson)' })
      .option('session', { type: 'string', demandOption: true, describe: "the session's results file" })
      .option('params', { type: 'string', describe: "strategy params as JSON (default: the session's)" })
      .option('param', { type: 'string', array: true, describe: 'one strategy param, name=value' }) as unknown as Argv<ParityArgs>,
  async run(args) {
    const { report } = await runParity(args);
    if (report.identical) {
      console.log(`identical: ${report.orders} orders, ${report.fills} fills`);
      return 0;
    }
    console.log(`different: ${report.difference}`);
    return 1;
  },
};

/** `pxt backtest --replay <recording>`: the normal results file from a recorded session. */
export async function runReplayBacktestCli(
  args: { replay?: string; cash: number; commission: number; 'slippage-ticks': number; 'limit-fill': 'through' | 'touch'; out?: string; quiet?: boolean; report?: string | boolean; timeframe?: string; risk?: string },
  strategy: StrategySpec,
): Promise<number> {
  const risk = loadRiskOption(args.risk);
  const { results, suite, events, wallSeconds } = await runRecordingBacktest({
    recording: args.replay!,
    strategy,
    startingCash: args.cash,
    fill: { commissionPerContract: args.commission, slippageTicks: args['slippage-ticks'], limitFill: args['limit-fill'] },
    baseTimeframe: args.timeframe,
    risk: risk?.gate,
  });
  const stamped: ResultsFile = { ...results, run: { ...results.run, timing: { ...results.run.timing, startedAt: isoUtc(Date.now()) } } };
  const outPath = args.out ?? join('reports', `${strategy.name}-replay-${basename(args.replay!, extname(args.replay!))}.json`);
  writeFileAtomic(outPath, `${JSON.stringify(stamped, null, 1)}\n`);
  let reportPath: string | undefined;
  if (args.report !== undefined && args.report !== false) reportPath = await writeRunReport(stamped, typeof args.report === 'string' && args.report !== '' ? args.report : undefined);
  if (!args.quiet) printSummary(stamped, { outPath, reportPath, wallSeconds, bars: events });
  await suite.cleanup();
  return 0;
}
