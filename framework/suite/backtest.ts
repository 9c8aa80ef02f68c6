import { BacktestClock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { computeMetrics } from '../analytics/compute-metrics.ts';
import { HistoricalReplayFeed } from '../feed/historical-replay-feed.ts';
import { SimulatedBroker } from '../execution/simulated/simulated-broker.ts';
import { DEFAULT_FILL_MODEL, FILL_MODEL_NAME, describeFillModel, type FillModelOptions } from '../execution/simulated/fill-model.ts';
import type { BarColumns } from '../model/bar-columns.ts';
import type { Instrument } from '../model/instrument.ts';
import type { ResultsFile, RiskRecord } from '../model/results.ts';
import type { RiskGate } from '../risk/risk-gate.ts';
import type { StrategyClass, StrategyParams } from '../strategy/strategy.ts';
import { buildResults } from './results-builder.ts';
import { TradingSuite } from './trading-suite.ts';

export interface BacktestRequest {
  readonly strategy: { readonly cls: StrategyClass; readonly name: string; readonly params: StrategyParams };
  /** One series per instrument, in instrument order (the tie-break order of equal timestamps). */
  readonly series: readonly { readonly columns: BarColumns; readonly instrument: Instrument }[];
  readonly startingCash: number;
  readonly fill?: Partial<FillModelOptions>;
  readonly closeAtEnd?: boolean;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly risk?: RiskGate;
  /** Risk state changes to put in the results (the risk manager's log). */
  readonly riskStates?: () => readonly RiskRecord[];
  /** Recorded in results.run.config as given. */
  readonly extraConfig?: Record<string, unknown>;
  /** Wall clock for run.timing only (never enters the engine). */
  readonly wallClock?: () => number;
  /** Called with the suite before the run (attach risk managers, portfolio views...). */
  readonly onSuite?: (suite: TradingSuite) => void;
  /** Extra results sections computed after the run (portfolio). */
  readonly portfolio?: (suite: TradingSuite) => Record<string, unknown> | undefined;
}

export interface BacktestOutcome {
  readonly results: ResultsFile;
  readonly suite: TradingSuite;
  readonly wallSeconds: number;
  readonly bars: number;
}

/**
 * The backtest preset: HistoricalReplayFeed + SimulatedBroker (bar mode) + a clock driven by the
 * events, composed into a TradingSuite; runs to the end and returns the results file.
 */
export async function runBacktest(req: BacktestRequest): Promise<BacktestOutcome> {
  if (req.series.length === 0) throw new ConfigError('no data to backtest', { where: '--data', hint: 'give --data <csv|arrow|symbol>' });
  const wall = req.wallClock ?? (() => performance.now());
  const started = wall();
  const clock = new BacktestClock();
  const feed = new HistoricalReplayFeed(
    req.series.map((s) => s.columns),
    { fromMs: req.fromMs, toMs: req.toMs, clock },
  );
  if (feed.totalBars === 0) {
    throw new ConfigError('no bars in the selected window', { where: '--from/--to', hint: 'widen --from/--to or check the data range with `pxt data info`' });
  }
  const instruments = req.series.map((s) => s.instrument);
  const fill: FillModelOptions = { ...DEFAULT_FILL_MODEL, ...req.fill };
  const venue = new SimulatedBroker(clock, instruments, fill);
  const span = feed.span;
  const suite = new TradingSuite(
    { mode: 'backtest', feed, broker: venue, clock, venue, venueMatchOn: 'bars', baseTimeframe: req.series[0].columns.timeframe, spanMs: span.toMs - span.fromMs },
    { instruments, strategy: req.strategy, startingCash: req.startingCash, risk: req.risk },
  );
  req.onSuite?.(suite);
  await suite.run();
  suite.finish({ closeAtEnd: req.closeAtEnd ?? false });
  const wallSeconds = (wall() - started) / 1000;
  const bars = feed.eventsDelivered;
  const partial = buildResults(suite, {
    run: {
      mode: 'backtest',
      strategy: req.strategy.name,
      params: req.strategy.params,
      config: {
        startingCash: req.startingCash,
        commissionPerContract: fill.commissionPerContract,
        slippageTicks: fill.slippageTicks,
        closeAtEnd: req.closeAtEnd ?? false,
        fromMs: req.fromMs ?? null,
        toMs: req.toMs ?? null,
        ...req.extraConfig,
      },
      fillModel: { name: FILL_MODEL_NAME, description: describeFillModel(fill), options: { ...fill } },
      timing: { wallSeconds: round(wallSeconds, 4), barsPerSec: Math.round(bars / Math.max(wallSeconds, 1e-9)) },
    },
    riskStates: req.riskStates?.(),
    portfolio: req.portfolio?.(suite),
  });
  const results: ResultsFile = { ...partial, metrics: computeMetrics(partial) as unknown as Record<string, unknown> };
  return { results, suite, wallSeconds, bars };
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
