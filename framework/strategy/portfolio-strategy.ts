import type { BarWindow } from '../feed/bar-window.ts';
import type { Bar } from '../model/market-data.ts';
import type { Fill } from '../model/fill.ts';
import type { Order } from '../model/order.ts';
import type { RiskDenial } from '../model/events.ts';
import type { PortfolioView } from '../portfolio/portfolio-view.ts';
import type { StrategyContext } from './strategy-context.ts';
import type { StrategyParams } from './strategy.ts';

/**
 * All a portfolio-level strategy sees: every instrument's StrategyContext (orders, position, bars,
 * indicators) and the portfolio view (equity, exposure, correlation, VaR). Same in every mode.
 */
export interface PortfolioContext {
  /** Symbols in instrument order (the run's order; ties at one timestamp break in this order). */
  symbols(): readonly string[];
  has(symbol: string): boolean;
  /** One instrument's context, with its order methods. Throws ConfigError for an unknown symbol. */
  get(symbol: string): StrategyContext;
  contexts(): readonly StrategyContext[];
  readonly portfolio: PortfolioView;
  /** Time of the current timestamp group (the bars' tsMs), epoch ms. */
  nowMs(): number;
  equity(): number;
  /** Closed bars of `symbol` on one of the suite's timeframes (base or a coarser declared one). */
  barsOf(symbol: string, timeframe: string): BarWindow;
  log(message: string): void;
}

/**
 * Base class of a portfolio-level strategy: ONE instance over every instrument (pairs, spreads,
 * rotation). `onBars` receives all bars that close at one timestamp, in instrument order, once per
 * timestamp, after the simulated venue has matched on each of them and every instrument context
 * (window, indicators, account) has processed them; an instrument without a bar at that time is
 * simply absent from the array. Orders placed there can fill from the next bar on.
 *
 * @example
 * const defaults = { size: 1 };
 * export default class Rotate extends PortfolioStrategy<typeof defaults> {
 *   static override defaults = defaults;
 *   onBars(bars: readonly Bar[], p: PortfolioContext) { for (const b of bars) ... p.get(b.symbol).market('buy', 1); }
 * }
 */
export abstract class PortfolioStrategy<P extends StrategyParams = StrategyParams> {
  static defaults: StrategyParams = {};
  static description = '';
  /** Tells the loader and the suite this is a portfolio-level class. */
  static readonly portfolioLevel = true;
  readonly params: P;

  constructor(params: P) {
    this.params = params;
  }

  /** Once before the first event: declare indicators on pctx.get(sym), size windows. */
  onStart(_pctx: PortfolioContext): void {}
  /** Every bar closing at one timestamp (one per instrument that has one), in instrument order. */
  abstract onBars(bars: readonly Bar[], pctx: PortfolioContext): void;
  /** Any instrument's order (partly) filled. */
  onFill(_fill: Fill, _order: Order, _pctx: PortfolioContext): void {}
  /** The risk manager refused an order. */
  onDenied(_denial: RiskDenial, _pctx: PortfolioContext): void {}
  /** Once after the last event. */
  onStop(_pctx: PortfolioContext): void {}
}

/** The constructor type of a portfolio strategy class, with its static defaults. */
export interface PortfolioStrategyClass<P extends StrategyParams = StrategyParams> {
  new (params: P): PortfolioStrategy<P>;
  readonly defaults: StrategyParams;
  readonly description?: string;
  readonly name: string;
}

export function isPortfolioStrategyClass(cls: unknown): cls is PortfolioStrategyClass {
  return typeof cls === 'function' && cls.prototype instanceof PortfolioStrategy;
}
