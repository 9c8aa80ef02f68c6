import type { Argv } from 'yargs';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import { createLiveSession } from '../suite/live-preset.ts';
import type { PxtCommand } from './command.ts';
import { loadSessionBasics, runSessionCli, sessionOptions, type SessionArgs } from './paper-command.ts';
import { loadRiskOption } from './risk-option.ts';

export interface LiveArgs extends SessionArgs {
  account?: string;
  'confirm-live'?: boolean;
  risk?: string;
}

/** `confirmLive: true` in the --config file counts as --confirm-live. */
function configConfirms(path: string | undefined): boolean {
  if (path === undefined || !existsSync(path)) return false;
  try {
    const j = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const px = (j.projectx ?? {}) as Record<string, unknown>;
    return j.confirmLive === true || px.confirmLive === true;
  } catch {
    return false;
  }
}

export const liveCommand: PxtCommand<LiveArgs> = {
  name: 'live',
  describe: 'Trade a strategy live on a ProjectX account (real orders; needs --confirm-live and --risk)',
  builder: (y: Argv) =>
    sessionOptions(y)
      .option('account', { type: 'string', describe: 'account name or id (default PROJECTX_ACCOUNT, else the first active one)' })
      .option('confirm-live', { type: 'boolean', default: false, describe: 'confirm that real orders go out' })
      .option('risk', { type: 'string', describe: 'risk limits JSON file (required)' })
      .option('cash', { type: 'number', describe: 'starting equity of the results books (default: the account balance)' })
      .default('cash', undefined) as unknown as Argv<LiveArgs>,
  async run(args) {
    const confirmLive = args['confirm-live'] === true || configConfirms(args.config);
    if (!confirmLive) throw new ConfigError('live trading needs an explicit confirmation', { where: '--confirm-live', hint: 'add --confirm-live (or "confirmLive": true in --config); try `pxt paper` first' });
    if (args.risk === undefined) throw new ConfigError('live trading needs risk limits', { where: '--risk', hint: 'give --risk limits.json' });
    const risk = loadRiskOption(args.risk);
    if (risk === undefined) throw new ConfigError('live trading needs risk limits', { where: '--risk' });
    const { connection, strategy } = await loadSessionBasics(args);
    const prepared = await createLiveSession({
      connection,
      symbols: args.symbol.map((s) => s.toUpperCase()),
      strategy,
      startingCash: args.cash ?? Number.NaN,
      baseTimeframe: args.timeframe,
      account: args.account,
      confirmLive,
      risk: risk.gate,
      riskConfig: risk.config,
      record: args.record ? { dir: args['record-dir'] } : false,
      log: (l) => process.stderr.write(`${l}\n`),
    });
    risk.attach(prepared.suite);
    return runSessionCli(prepared, args, console.log, risk);
  },
};
