import type { Argv } from 'yargs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.ts';
import { loadConnectionConfig, type ConnectionConfig } from '../config/connection-config.ts';
import { parseParamArgs, resolveParams } from '../strategy/params.ts';
import { loadStrategy } from '../suite/load-strategy.ts';
import { LiveSession, type PreparedSession } from '../suite/live-session.ts';
import { createPaperSession } from '../suite/paper-preset.ts';
import type { StrategySpec } from '../suite/trading-suite.ts';
import type { PxtCommand } from './command.ts';
import { printSummary } from './summary.ts';
import { loadRiskOption, type LoadedRisk } from './risk-option.ts';
import { installKillSwitchSignal } from '../risk/kill-switch-signal.ts';

/** Options paper and live share. */
export interface SessionArgs {
  strategy: string;
  symbol: string[];
  params?: string;
  param?: string[];
  'api-url'?: string;
  config?: string;
  duration?: string;
  'flatten-on-exit'?: boolean;
  cash: number;
  timeframe: string;
  out?: string;
  'record-dir': string;
  record: boolean;
  'write-every': number;
  quiet?: boolean;
}

export function sessionOptions(y: Argv): Argv {
  return y
    .option('strategy', { type: 'string', demandOption: true, describe: 'path to a strategy file or the name of one in strategies/' })
    .option('symbol', { type: 'string', array: true, demandOption: true, describe: 'instrument(s) to trade, e.g. MNQ (repeatable)' })
    .option('params', { type: 'string', describe: `strategy params as JSON, e.g. '{"fast":10}'` })
    .option('param', { type: 'string', array: true, describe: 'one strategy param, name=value (repeatable)' })
    .option('api-url', { type: 'string', describe: 'ProjectX API URL (default PROJECTX_API_URL or the local gateway)' })
    .option('config', { type: 'string', describe: 'JSON config file (a "projectx" object: apiUrl, userName, apiKey, account...)' })
    .option('duration', { type: 'string', describe: 'stop after this long (e.g. 90s, 15m, 2h); default: until Ctrl-C' })
    .option('flatten-on-exit', { type: 'boolean', default: false, describe: 'cancel orders and close positions when stopping' })
    .option('cash', { type: 'number', default: 100000, describe: 'starting cash of the results books' })
    .option('timeframe', { type: 'string', default: '1m', describe: 'bar timeframe the strategy sees (built from ticks)' })
    .option('out', { type: 'string', describe: 'results file (default reports/<mode>-<strategy>-<symbols>.json)' })
    .option('record-dir', { type: 'string', default: 'data/recordings', describe: 'where market events are recorded' })
    .option('record', { type: 'boolean', default: true, describe: 'record every received market event (--no-record to skip)' })
    .option('write-every', { type: 'number', default: 5, describe: 'rewrite the results file every N seconds' })
    .option('quiet', { type: 'boolean', default: false });
}

/** '90s' / '15m' / '2h' / '500ms' / plain seconds -> ms. */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (m === null) throw new ConfigError(`--duration '${text}' is not a duration`, { where: '--duration', hint: 'e.g. 90s, 15m, 2h' });
  const mult = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * mult);
}

export async function loadSessionBasics(args: SessionArgs): Promise<{ connection: ConnectionConfig; strategy: StrategySpec }> {
  const connection = loadConnectionConfig({ flags: { apiUrl: args['api-url'] }, configFile: args.config });
  const { cls, name } = await loadStrategy(args.strategy);
  const params = resolveParams(name, cls.defaults, parseParamArgs(args.params, args.param));
  return { connection, strategy: { cls, name, params } };
}

/**
 * Run a prepared session until Ctrl-C (SIGINT/SIGTERM) or --duration, then stop cleanly (flatten only
 * if asked), finish and print the results file.
 */
export async function runSessionCli(prepared: PreparedSession, args: SessionArgs, print: (s: string) => void = console.log, risk?: LoadedRisk): Promise<number> {
  const symbols = prepared.suite.symbols().join('_');
  const outPath = args.out ?? join('reports', `${prepared.mode}-${prepared.strategy.name}-${symbols}.json`);
  if (!args.quiet) for (const l of prepared.banner) print(l);
  // The kill switch: SIGUSR2 flattens every position and halts the risk manager (no new entries).
  const uninstallKill = risk !== undefined ? installKillSwitchSignal(risk.manager) : undefined;
  if (risk !== undefined && !args.quiet) print(`kill switch: kill -USR2 ${process.pid} (flatten and halt)`);
  const session = new LiveSession(prepared, { outPath, writeEveryMs: Math.max(0, args['write-every']) * 1000, log: (l) => process.stderr.write(`${l}\n`), riskStates: risk?.states });
  const started = Date.now();
  await session.start();
  if (!args.quiet) print(`${prepared.mode} session running; results -> ${outPath}; Ctrl-C to stop${args['flatten-on-exit'] ? ' (positions will be flattened)' : ''}`);
  const durationMs = parseDuration(args.duration);
  const reason = await new Promise<string>((resolve) => {
    const onSignal = (sig: string) => () => resolve(sig);
    const int = onSignal('SIGINT');
    const term = onSignal('SIGTERM');
    process.once('SIGINT', int);
    process.once('SIGTERM', term);
    if (durationMs !== undefined) setTimeout(() => resolve('duration'), durationMs).unref();
  });
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  uninstallKill?.();
  if (!args.quiet) print(`stopping (${reason})...`);
  const results = await session.stop({ flatten: args['flatten-on-exit'] === true });
  let bars = 0;
  for (const n of Object.values(results.bars)) bars += n;
  if (!args.quiet) printSummary(results, { outPath, wallSeconds: (Date.now() - started) / 1000, bars }, print);
  return 0;
}

export const paperCommand: PxtCommand<SessionArgs & { commission: number; 'slippage-ticks': number; risk?: string }> = {
  name: 'paper',
  describe: 'Paper trade a strategy on the live ProjectX feed with simulated fills',
  builder: (y: Argv) =>
    sessionOptions(y)
      .option('commission', { type: 'number', default: 0, describe: 'simulated commission per contract per side' })
      .option('slippage-ticks', { type: 'number', default: 0, describe: 'simulated slippage in ticks on market and stop fills' })
      .option('risk', { type: 'string', describe: 'risk limits JSON file (optional in paper; as in live)' }) as unknown as Argv<SessionArgs & { commission: number; 'slippage-ticks': number; risk?: string }>,
  async run(args) {
    const risk = loadRiskOption(args.risk);
    const { connection, strategy } = await loadSessionBasics(args);
    const prepared = await createPaperSession({
      connection,
      symbols: args.symbol.map((s) => s.toUpperCase()),
      strategy,
      startingCash: args.cash,
      baseTimeframe: args.timeframe,
      fill: { commissionPerContract: args.commission, slippageTicks: args['slippage-ticks'] },
      risk: risk?.gate,
      record: args.record ? { dir: args['record-dir'] } : false,
      log: (l) => process.stderr.write(`${l}\n`),
    });
    risk?.attach(prepared.suite);
    return runSessionCli(prepared, args, console.log, risk);
  },
};
