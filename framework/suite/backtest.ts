import { ConfigError } from '../core/errors.ts';
import { FILL_MODEL_NAME, describeFillModel, type FillModelOptions } from '../execution/simulated/fill-model.ts';
import type { BarInput } from '../model/bar-columns.ts';
import type { Instrument } from '../model/instrument.ts';
import type { ResultsFile, RiskRecord } from '../model/results.ts';
import type { RiskGate } from '../risk/risk-gate.ts';
import { buildResults } from './results-builder.ts';
import { backtestParts } from './backtest-preset.ts';
import { TradingSuite, type StrategySpec, type SuiteFeature } from './trading-suite.ts';

export interface BacktestRequest {
  /** A per-instrument Strategy or a PortfolioStrategy class (one instance over every instrument). */
  readonly strategy: StrategySpec;
  /**
   * One series per instrument, in instrument order (the tie-break order of equal timestamps).
   * `columns` is in-memory BarColumns or a streaming BarSeriesSource (`HistoryStore.open(sym, tf)`):
   * a streamed series is replayed batch by batch, so memory stays flat in the history's length.
   */
  readonly series: readonly { readonly columns: BarInput; readonly instrument: Instrument }[];
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
  /** Coarser timeframes built from the bars (ctx.barsOf). */
  readonly timeframes?: readonly string[];
  /** Correlation / VaR window (default 100 bars of the base timeframe). */
  readonly portfolioWindow?: { readonly windowBars?: number; readonly timeframe?: string };
  readonly features?: readonly SuiteFeature[];
  /** Warnings and strategy log lines (default stderr). */
  readonly log?: (line: string) => void;
  /** Extra results sections computed after the run (merged into results.portfolio). */
  readonly portfolio?: (suite: TradingSuite) => Record<string, unknown> | undefined;
}

export interface BacktestOutcome {
  readonly results: ResultsFile;
  readonly suite: TradingSuite;
  readonly wallSeconds: number;
  readonly bars: number;
}

/**
 * Run a backtest: the backtest preset (HistoricalReplayFeed + SimulatedBroker in bar mode + a clock
 * driven by the events, suite/backtest-preset.ts) composed into a TradingSuite; runs to the end and
 * returns the results file. Multi-instrument runs write ONE results file, with results.portfolio.
 */
export async function runBacktest(req: BacktestRequest): Promise<BacktestOutcome> {
  if (req.series.length === 0) throw new ConfigError('no data to backtest', { where: '--data', hint: 'give --data <csv|arrow|symbol>' });
  const wall = req.wallClock ?? (() => performance.now());
  const started = wall();
  const parts = backtestParts(req.series, { fromMs: req.fromMs, toMs: req.toMs, fill: req.fill });
  const { feed, fill } = parts;
  const instruments = req.series.map((s) => s.instrument);
  const suite = new TradingSuite(parts, {
    instruments,
    strategy: req.strategy,
    startingCash: req.startingCash,
    risk: req.risk,
    timeframes: req.timeframes,
    portfolio: req.portfolioWindow,
    features: req.features,
    log: req.log,
  });
  req.onSuite?.(suite);
  const replayStarted = wall();
  await suite.run();
  suite.finish({ closeAtEnd: req.closeAtEnd ?? false });
  const resultsStarted = wall();
  const replaySeconds = (resultsStarted - replayStarted) / 1000;
  // Setup + replay (what `pxt backtest` reports as speed); the results phases are timed separately.
  const wallSeconds = (resultsStarted - started) / 1000;
  const bars = feed.eventsDelivered;
  const built = buildResults(suite, {
    lazyOrders: true,
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
      timing: { wallSeconds: 0, barsPerSec: 0 }, // set below, once every phase is measured
    },
    riskStates: req.riskStates?.(),
    portfolio: req.portfolio?.(suite),
  });
  const timing = {
    wallSeconds: round(wallSeconds, 4),
    barsPerSec: Math.round(bars / Math.max(wallSeconds, 1e-9)),
    replaySeconds: round(replaySeconds, 4),
    resultsSeconds: round((wall() - resultsStarted) / 1000, 4),
  };
  // Replace run in place: spreading `built` would read (and so build) its lazy order records.
  const results: ResultsFile = built;
  (results as { run: ResultsFile['run'] }).run = { ...built.run, timing };
  return { results, suite, wallSeconds, bars };
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
