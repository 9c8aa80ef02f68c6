/**
 * projectx-ts public API. Named exports only, grouped by section. Paper, live, the ProjectX adapter
 * and the local gateway are in `framework/live.ts`, so a strategy or a backtest does not load the
 * SignalR client, the HTTP stack and the gateway (~15 MB and startup time) it never uses.
 */

// core
export { BacktestClock, LiveClock } from './core/clock.ts';
export type { Clock } from './core/clock.ts';
export {
  FrameworkError,
  ConfigError,
  DataError,
  ApiError,
  ConnectionError,
  OrderRejectedError,
  RiskDeniedError,
  InvalidOrderTransitionError,
} from './core/errors.ts';
export { priceToTicks, ticksToPrice, snapToTick, isOnTick } from './core/tick-math.ts';
export { timeframeToMs, parseTimestamp, isoUtc } from './core/time.ts';
export { SeededRandom } from './core/rng.ts';

// model
export { Bar, Quote, TradeTick, DepthUpdate } from './model/market-data.ts';
export type { Aggressor, DepthLevel, DepthKind, MarketEvent } from './model/market-data.ts';
export { Order } from './model/order.ts';
export type { Side, OrderType, OrderStatus, SubmitOrder, ModifyOrder, BracketSpec } from './model/order.ts';
export type { Fill } from './model/fill.ts';
export type { BrokerEvent, RiskDenial, ConnectionStatus } from './model/events.ts';
export type { Instrument } from './model/instrument.ts';
export { makeInstrument } from './model/instrument.ts';
export { resolveInstrument, findInstrument, registeredInstruments } from './model/instrument-registry.ts';
export { SessionCalendar, CME_GLOBEX_SESSION, UTC_DAY_SESSION } from './model/session-calendar.ts';
export type { SessionSpec } from './model/session-calendar.ts';
export type { BarColumns, BarSeriesSource, BarInput as BarSeriesInput } from './model/bar-columns.ts';
export type { ResultsFile, TradeRecord } from './model/results.ts';

// strategy
export { Strategy } from './strategy/strategy.ts';
export type { StrategyParams, StrategyClass } from './strategy/strategy.ts';
export type { StrategyContext, PositionView, OrderOptions, BracketRequest } from './strategy/strategy-context.ts';

// indicators
export {
  Sma,
  Ema,
  Wma,
  Rsi,
  Atr,
  BollingerBands,
  Macd,
  Stochastic,
  DonchianChannel,
  Vwap,
  createIndicator,
  listIndicators,
  INDICATOR_NAMES,
  sma,
  ema,
  wma,
  rsi,
  atr,
  bollinger,
  macd,
  stochastic,
  donchian,
  vwap,
} from './indicators/index.ts';
export type {
  Indicator,
  ValueIndicator,
  SeriesIndicator,
  BarInput,
  PriceSource,
  BollingerValue,
  MacdValue,
  StochasticValue,
  DonchianValue,
  VwapOptions,
  AnyIndicator,
  IndicatorParams,
} from './indicators/index.ts';

// feed, execution, suite
export type { MarketFeed } from './feed/market-feed.ts';
export { HistoricalReplayFeed } from './feed/historical-replay-feed.ts';
export { BarWindow } from './feed/bar-window.ts';
export type { Broker } from './execution/broker.ts';
export { SimulatedBroker } from './execution/simulated/simulated-broker.ts';
export { OrderManager } from './execution/order-manager.ts';
export { PositionManager } from './execution/position-manager.ts';
export type { RiskGate, RiskView, RiskDecision, RiskRule, OrderLike } from './risk/risk-gate.ts';
export { RiskManager } from './risk/risk-manager.ts';
export type { RiskState, RiskHost } from './risk/risk-manager.ts';
export { parseRiskConfig } from './risk/risk-config.ts';
export type { RiskConfig } from './risk/risk-config.ts';
export { sizeForRisk } from './risk/size-for-risk.ts';
export { installKillSwitchSignal } from './risk/kill-switch-signal.ts';
export type { StatefulRiskRule, RiskBreach } from './risk/stateful-risk-rule.ts';

// bars from ticks, recordings
export { BarAggregator } from './feed/bar-aggregator.ts';
export type { BarAggregatorOptions, QuoteMode, BarListener, SeedResult } from './feed/bar-aggregator.ts';
export { MarketRecorder, intervalFlushTimer, readRecording, RecordingReader, RECORDING_SCHEMA } from './feed/recording.ts';
export type { MarketRecorderOptions, FlushTimer, Recording, RecordingHeader } from './feed/recording.ts';
export { TradingSuite } from './suite/trading-suite.ts';
export { InstrumentContext } from './suite/instrument-context.ts';

// many instruments, portfolio
export { PortfolioStrategy, isPortfolioStrategyClass } from './strategy/portfolio-strategy.ts';
export type { PortfolioContext, PortfolioStrategyClass } from './strategy/portfolio-strategy.ts';
export { Portfolio } from './portfolio/portfolio.ts';
export type { PortfolioView, ExposureView, CorrelationMatrix, VarEstimate } from './portfolio/portfolio-view.ts';
export { CorrelatedExposureRule } from './risk/correlated-exposure-rule.ts';
export type { SuiteCreateOptions, SuitePreset, PresetInput, PositionChange, SuiteMode, SuiteParts } from './suite/suite-options.ts';
export type { DataLoader, SetupFailure } from './suite/instrument-setup.ts';
export { runBacktest } from './suite/backtest.ts';
export type { BacktestRequest, BacktestOutcome } from './suite/backtest.ts';

// analytics (the HTML report is framework/reporting/render-report.ts: renderReport, writeReport)
export { computeMetrics } from './analytics/compute-metrics.ts';
export type { Metrics } from './analytics/metrics.ts';
