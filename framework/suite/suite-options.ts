import type { Clock } from '../core/clock.ts';
import type { MarketFeed } from '../feed/market-feed.ts';
import type { Broker } from '../execution/broker.ts';
import type { SimulatedBroker } from '../execution/simulated/simulated-broker.ts';
import type { FillModelOptions } from '../execution/simulated/fill-model.ts';
import type { BarInput } from '../model/bar-columns.ts';
import type { Instrument } from '../model/instrument.ts';
import type { Fill } from '../model/fill.ts';
import type { ConnectionStatus, RiskDenial } from '../model/events.ts';
import type { Order } from '../model/order.ts';
import type { TradeRecord } from '../model/results.ts';
import type { RiskGate } from '../risk/risk-gate.ts';
import type { StrategyClass, StrategyParams } from '../strategy/strategy.ts';
import type { PortfolioStrategyClass } from '../strategy/portfolio-strategy.ts';
import type { DataSource, SetupFailure } from './instrument-setup.ts';

/* The TradingSuite's option and port types (re-exported by trading-suite.ts). */

export type SuiteMode = 'backtest' | 'paper' | 'live';

/** A position changed (every fill): the new net position. */
export interface PositionChange {
  readonly symbol: string;
  readonly size: number;
  /** NaN when flat. */
  readonly avgPrice: number;
  readonly tsMs: number;
}

/** Topics of the portfolio bus: what happens on every instrument, in one ordered stream. */
export interface PortfolioTopics {
  order: Order;
  fill: { fill: Fill; order: Order };
  position: PositionChange;
  'trade-closed': TradeRecord;
  denied: RiskDenial;
  status: ConnectionStatus;
}

/** What a preset (backtest, paper, live) plugs in. Only presets know the mode's parts. */
export interface SuiteParts {
  readonly mode: SuiteMode;
  readonly feed: MarketFeed;
  readonly broker: Broker;
  readonly clock: Clock;
  /** The simulated venue, when the broker is one (it subscribes to the feed before the contexts). */
  readonly venue?: SimulatedBroker;
  readonly venueMatchOn?: 'bars' | 'ticks';
  readonly baseTimeframe: string;
  /** Expected span of the run (backtests know it), to size the downsampled curves. */
  readonly spanMs?: number;
}

/** What TradingSuite.create hands a preset once the instruments are set up. */
export interface PresetInput {
  readonly mode: SuiteMode;
  readonly instruments: readonly Instrument[];
  /**
   * Base-timeframe history per symbol (backtest: the replay; paper/live: warm-up), when loaded: in
   * memory, or a streaming source the backtest replays batch by batch.
   */
  readonly series: ReadonlyMap<string, BarInput>;
  readonly baseTimeframe: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly fill?: Partial<FillModelOptions>;
}

/** Builds the mode's parts. backtest has a default; paper/live presets come with the ProjectX adapter. */
export type SuitePreset = (input: PresetInput) => SuiteParts | Promise<SuiteParts>;

/** A per-instrument or a portfolio-level strategy, with its resolved params. */
export interface StrategySpec {
  // `any`: a class declared with its own params type (Strategy<{ fast: number }>) is accepted here;
  // `params` are resolved against the class's defaults before they reach it (strategy/params.ts).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly cls: StrategyClass<any> | PortfolioStrategyClass<any>;
  readonly name: string;
  readonly params: StrategyParams;
}

/** Optional parts: 'portfolio' adds results.portfolio even to a single-instrument run (multi: always). */
export type SuiteFeature = 'portfolio';

export interface SuiteOptions {
  readonly instruments: readonly Instrument[];
  readonly strategy?: StrategySpec;
  readonly startingCash: number;
  readonly risk?: RiskGate;
  /** Closed bars kept per instrument (grows automatically for declared indicators). */
  readonly windowBars?: number;
  /** Prefix of client order ids (live: unique per session, sent as customTag). */
  readonly idPrefix?: string;
  /** Instruments that failed to set up (reported by name; the suite runs without them). */
  readonly setupFailures?: readonly SetupFailure[];
  /** Coarser timeframes built from the base bars, readable as ctx.barsOf(tf) (the base is always there). */
  readonly timeframes?: readonly string[];
  /** Correlation / VaR window: observations and timeframe (default 100 of the base timeframe). */
  readonly portfolio?: { readonly windowBars?: number; readonly timeframe?: string };
  readonly features?: readonly SuiteFeature[];
  /** Warnings and strategy log lines (default stderr). */
  readonly log?: (line: string) => void;
}

export interface SuiteCreateOptions extends Omit<SuiteOptions, 'instruments' | 'setupFailures' | 'startingCash'> {
  /** Symbols (resolved through the instrument registry) or full specs. */
  readonly instruments: readonly (string | Instrument)[];
  readonly mode: SuiteMode;
  /** The first is the base (the bars the feed delivers); the others are built from it. Default ['1m']. */
  readonly timeframes?: readonly string[];
  /** History per instrument: required in backtest, optional warm-up otherwise. */
  readonly data?: DataSource;
  /** Fail whole when any instrument fails to set up (default: start with the rest and say so). */
  readonly strict?: boolean;
  /** Builds feed, broker and clock for the mode (default for 'backtest': replay + simulated venue). */
  readonly preset?: SuitePreset;
  readonly startingCash?: number;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly fill?: Partial<FillModelOptions>;
}
