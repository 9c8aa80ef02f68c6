import { LiveClock, type Clock } from '../core/clock.ts';
import type { ConnectionConfig } from '../config/connection-config.ts';
import { ProjectXConnection, type ProjectXConnectOptions } from '../adapters/projectx/projectx-connection.ts';
import type { BackoffOptions } from '../adapters/projectx/reconnect-policy.ts';
import { SimulatedBroker } from '../execution/simulated/simulated-broker.ts';
import { DEFAULT_FILL_MODEL, FILL_MODEL_NAME, describeFillModel, type FillModelOptions } from '../execution/simulated/fill-model.ts';
import { MarketRecorder } from '../feed/recording.ts';
import type { RiskGate } from '../risk/risk-gate.ts';
import type { PreparedSession } from './live-session.ts';
import { TradingSuite, type StrategySpec } from './trading-suite.ts';
import { suiteWarmupTarget } from './warm-up.ts';

/** What paper and live sessions share. */
export interface SessionRequest {
  readonly connection: ConnectionConfig;
  readonly symbols: readonly string[];
  readonly strategy: StrategySpec;
  readonly startingCash: number;
  /** Bars the strategy sees. Default 1m. */
  readonly baseTimeframe?: string;
  /** Record every received market event (default dir data/recordings); false to not record. */
  readonly record?: { readonly dir: string; readonly fileName?: string } | false;
  readonly risk?: RiskGate;
  /** Default LiveClock. */
  readonly clock?: Clock;
  readonly log?: (line: string) => void;
  readonly reconnect?: BackoffOptions;
  readonly firstEventWaitMs?: number;
  readonly timerGraceMs?: number;
  /** Client-side REST rate limits (default the venue's). */
  readonly rateLimits?: ProjectXConnectOptions['rateLimits'];
}

export interface PaperRequest extends SessionRequest {
  readonly fill?: Partial<FillModelOptions>;
}

/** The recorder of a session: every received market event, append-only (feed/recording.ts). */
export function sessionRecorder(req: SessionRequest, conn: ProjectXConnection, mode: 'paper' | 'live', clock: Clock): MarketRecorder | undefined {
  if (req.record === false) return undefined;
  return new MarketRecorder({
    dir: req.record?.dir ?? 'data/recordings',
    fileName: req.record?.fileName,
    symbols: conn.contracts.map((c) => c.instrument.symbol),
    instruments: conn.contracts.map((c) => c.instrument),
    startedAtMs: clock.nowMs(),
    meta: { mode, baseTimeframe: req.baseTimeframe ?? '1m', source: new URL(req.connection.apiUrl).host, strategy: req.strategy.name },
  });
}

/**
 * The paper preset (DESIGN.md §1): ProjectXFeed + SimulatedBroker in quote/trade mode (a buy market
 * fills at the ask of the next quote, a sell at the bid, limits when the opposite side trades
 * through, stops on the last trade) + the wall clock. Client order ids are the backtest's (`O1`...),
 * so a replay of the recording can be compared id for id.
 */
export async function createPaperSession(req: PaperRequest): Promise<PreparedSession> {
  const clock = req.clock ?? new LiveClock();
  const tf = req.baseTimeframe ?? '1m';
  const conn = await ProjectXConnection.open(req.connection, req.symbols, { clock, log: req.log, reconnect: req.reconnect, rateLimits: req.rateLimits });
  const recorder = sessionRecorder(req, conn, 'paper', clock);
  const feed = conn.feed({ baseTimeframe: tf, recorder, timerGraceMs: req.timerGraceMs, firstEventWaitMs: req.firstEventWaitMs });
  const instruments = conn.contracts.map((c) => c.instrument);
  const fill: FillModelOptions = { ...DEFAULT_FILL_MODEL, ...req.fill };
  const venue = new SimulatedBroker(clock, instruments, fill);
  const suite = new TradingSuite(
    { mode: 'paper', feed, broker: venue, clock, venue, venueMatchOn: 'ticks', baseTimeframe: tf },
    { instruments, strategy: req.strategy, startingCash: req.startingCash, risk: req.risk, idPrefix: 'O' },
  );
  feed.warmup = suiteWarmupTarget(suite, req.log);
  return {
    mode: 'paper',
    suite,
    strategy: { name: req.strategy.name, params: req.strategy.params },
    startingCash: req.startingCash,
    fillModel: { name: FILL_MODEL_NAME, description: describeFillModel(fill), options: { ...fill } },
    config: {
      symbols: instruments.map((i) => i.symbol),
      contracts: conn.contracts.map((c) => c.contractId),
      baseTimeframe: tf,
      idPrefix: 'O',
      recording: recorder?.path ?? null,
      api: new URL(req.connection.apiUrl).host,
    },
    recorder,
    clock,
    banner: [
      `paper trading ${req.strategy.name} on ${conn.contracts.map((c) => `${c.instrument.symbol} (${c.contractId})`).join(', ')} via ${new URL(req.connection.apiUrl).host}`,
      `simulated fills: ${describeFillModel(fill).split('\n')[0]}`,
      recorder !== undefined ? `recording market events to ${recorder.path}` : 'not recording',
    ],
  };
}
