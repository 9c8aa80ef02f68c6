import { BacktestClock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { SimulatedBroker } from '../execution/simulated/simulated-broker.ts';
import { DEFAULT_FILL_MODEL, FILL_MODEL_NAME, describeFillModel, type FillModelOptions } from '../execution/simulated/fill-model.ts';
import { RecordingReplayFeed } from '../feed/recording-replay-feed.ts';
import type { Recording } from '../feed/recording-reader.ts';
import type { ResultsFile } from '../model/results.ts';
import type { RiskGate } from '../risk/risk-gate.ts';
import { buildResults } from './results-builder.ts';
import { TradingSuite, type StrategySpec } from './trading-suite.ts';
import { startStrategies, suiteWarmupTarget } from './warm-up.ts';

export interface ReplayRequest {
  readonly recording: string | Recording;
  readonly strategy: StrategySpec;
  readonly startingCash: number;
  readonly fill?: Partial<FillModelOptions>;
  readonly baseTimeframe?: string;
  readonly risk?: RiskGate;
  /** Client order id prefix; give the session's (results run.config.idPrefix) to compare id for id. */
  readonly idPrefix?: string;
  readonly extraConfig?: Record<string, unknown>;
}

/**
 * `pxt backtest --replay`: a recorded paper/live session through the backtest path —
 * RecordingReplayFeed (the same TickPipeline and BarAggregator as live, warm-up from the recorded
 * history) + SimulatedBroker in quote/trade mode + a clock driven by the events.
 */
export async function runRecordingBacktest(req: ReplayRequest): Promise<{ results: ResultsFile; suite: TradingSuite; events: number; wallSeconds: number }> {
  const started = performance.now();
  const clock = new BacktestClock();
  const feed = new RecordingReplayFeed(req.recording, { clock, baseTimeframe: req.baseTimeframe });
  const instruments = feed.instruments;
  const fill: FillModelOptions = { ...DEFAULT_FILL_MODEL, ...req.fill };
  const venue = new SimulatedBroker(clock, instruments, fill);
  const suite = new TradingSuite(
    { mode: 'backtest', feed, broker: venue, clock, venue, venueMatchOn: 'ticks', baseTimeframe: feed.baseTimeframe },
    { instruments, strategy: req.strategy, startingCash: req.startingCash, risk: req.risk, idPrefix: req.idPrefix ?? 'O' },
  );
  feed.warmup = suiteWarmupTarget(suite);
  startStrategies(suite);
  await suite.run();
  if (feed.eventsDelivered === 0) throw new ConfigError('the recording holds no market events', { where: typeof req.recording === 'string' ? req.recording : 'recording', hint: 'record a paper or live session first' });
  suite.finish({ closeAtEnd: false });
  const wallSeconds = (performance.now() - started) / 1000;
  const results: ResultsFile = buildResults(suite, {
    lazyOrders: true,
    run: {
      mode: 'backtest',
      strategy: req.strategy.name,
      params: req.strategy.params,
      config: {
        startingCash: req.startingCash,
        commissionPerContract: fill.commissionPerContract,
        slippageTicks: fill.slippageTicks,
        closeAtEnd: false,
        replay: typeof req.recording === 'string' ? req.recording : '(in memory)',
        baseTimeframe: feed.baseTimeframe,
        idPrefix: req.idPrefix ?? 'O',
        ...req.extraConfig,
      },
      fillModel: { name: FILL_MODEL_NAME, description: describeFillModel(fill), options: { ...fill } },
      timing: { wallSeconds: Math.round(wallSeconds * 1e4) / 1e4, barsPerSec: Math.round(feed.eventsDelivered / Math.max(wallSeconds, 1e-9)) },
    },
  });
  return { results, suite, events: feed.eventsDelivered, wallSeconds };
}
