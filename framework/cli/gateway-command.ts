import type { Argv } from 'yargs';
import { ConfigError } from '../core/errors.ts';
import { readFileSync } from 'node:fs';
import type { BarColumns } from '../model/bar-columns.ts';
import { startGateway } from '../adapters/projectx-gateway/gateway-server.ts';
import type { GatewayConfig } from '../adapters/projectx-gateway/gateway-config.ts';
import { DEMO_USER } from '../adapters/projectx-gateway/gateway-config.ts';
import { readBarsArrow } from '../store/arrow-store.ts';
import { readBarsCsv, symbolFromFileName } from '../store/csv-bars.ts';
import { inferTimeframe } from '../store/infer-timeframe.ts';
import type { PxtCommand } from './command.ts';

export interface GatewayArgs {
  port: number;
  host: string;
  seed: number;
  config?: string;
  replay?: string;
  symbol?: string;
  speed: string;
}

/** Bars of a replay file (.csv or .arrow); the symbol comes from --symbol, the file's meta or its name. */
export function loadReplayFile(path: string, symbol?: string): { columns: BarColumns; symbol: string } {
  if (/\.arrow$/i.test(path)) {
    const { columns, meta } = readBarsArrow(path, symbol === undefined ? {} : { symbol });
    return { columns, symbol: symbol ?? meta?.symbol ?? columns.symbol };
  }
  const sym = (symbol ?? symbolFromFileName(path)).toUpperCase();
  const first = readBarsCsv(path, { symbol: sym, timeframe: '1m' });
  const tf = inferTimeframe(first.tsMs);
  return { columns: tf === undefined || tf === '1m' ? first : { ...first, timeframe: tf }, symbol: sym };
}

function parseSpeed(s: string): number | 'max' {
  if (s === 'max') return 'max';
  const n = Number(s);
  if (!(n > 0)) throw new ConfigError(`--speed must be a positive number or 'max', got '${s}'`, { where: '--speed', hint: 'e.g. --speed 60 or --speed max' });
  return n;
}

function readConfig(path: string): GatewayConfig {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as GatewayConfig;
  } catch (e) {
    throw new ConfigError(`cannot read gateway config: ${(e as Error).message}`, { where: path, hint: 'a JSON file with users, accounts, markets (see gateway-config.ts)' });
  }
}

/** `pxt gateway`: run the local ProjectX-compatible gateway until SIGINT/SIGTERM. */
export const gatewayCommand: PxtCommand<GatewayArgs> = {
  name: 'gateway',
  describe: 'Run a local ProjectX-compatible gateway (REST + SignalR hubs) on a simulated or replayed market',
  builder(y: Argv): Argv<GatewayArgs> {
    return y
      .option('port', { type: 'number', default: 8787, describe: 'TCP port (0 = any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'interface to listen on' })
      .option('seed', { type: 'number', default: 1, describe: 'seed of the simulated market' })
      .option('config', { type: 'string', describe: 'JSON file: users, accounts, markets, rate limits' })
      .option('replay', { type: 'string', describe: 'replay bars from a .csv or .arrow file instead of the random walk' })
      .option('symbol', { type: 'string', describe: 'symbol of the replay file (default: from the file)' })
      .option('speed', { type: 'string', default: '60', describe: "replay speed: N x real time, or 'max'" }) as unknown as Argv<GatewayArgs>;
  },
  async run(args: GatewayArgs): Promise<number> {
    const config = args.config === undefined ? undefined : readConfig(args.config);
    const replay = args.replay === undefined ? undefined : { ...loadReplayFile(args.replay, args.symbol), speed: parseSpeed(args.speed) };
    const gw = await startGateway({ host: args.host, port: args.port, seed: args.seed, config, replay });
    const user = config?.users?.[0] ?? DEMO_USER;
    console.log(`gateway listening on ${gw.url}`);
    console.log(`  REST        ${gw.url}/api   (POST /api/Auth/loginKey)`);
    console.log(`  market hub  ${gw.marketHubUrl}`);
    console.log(`  user hub    ${gw.userHubUrl}`);
    if (config?.users === undefined) console.log(`  demo login  userName '${user.userName}', apiKey '${DEMO_USER.apiKey}' (not a secret)`);
    console.log(`  contracts   ${gw.config.markets.map((m) => m.contractId).join(', ')}`);
    if (replay !== undefined) {
      console.log(`  replaying   ${replay.columns.length} bars of ${replay.symbol} at ${replay.speed === 'max' ? 'max speed' : `${replay.speed}x`}`);
      void gw.replayDone.then(() => console.log('replay finished; the gateway keeps serving'));
    }
    console.log('press Ctrl-C to stop');
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await gw.close();
    console.log('gateway stopped');
    return 0;
  },
};
