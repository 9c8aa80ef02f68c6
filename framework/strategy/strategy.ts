import type { Bar, Quote, TradeTick } from '../model/market-data.ts';
import type { Fill } from '../model/fill.ts';
import type { Order } from '../model/order.ts';
import type { RiskDenial } from '../model/events.ts';
import type { TradeRecord } from '../model/results.ts';
import type { StrategyContext } from './strategy-context.ts';

/** Strategy parameters: flat, JSON-typed values with defaults declared on the class. */
export type StrategyParams = Record<string, number | boolean | string>;

/**
 * Base class of a user strategy. One instance per instrument; the same class runs unchanged in
 * backtest, paper and live. Declare parameter defaults as `static defaults = {...}` and indicators in
 * `onStart`; trade in `onBar`. The framework never calls a hook with data the strategy could not
 * have had at that moment: only closed bars, and fills after they happened.
 *
 * @example
 * const defaults = { period: 20, size: 1 };
 * export default class MyStrategy extends Strategy<typeof defaults> {
 *   static override defaults = defaults;
 *   onBar(bar: Bar, ctx: StrategyContext) { if (ctx.position.isFlat) ctx.market('buy', this.params.size); }
 * }
 */
export abstract class Strategy<P extends StrategyParams = StrategyParams> {
  static defaults: StrategyParams = {};
  /** One line shown by `pxt backtest` and in reports. */
  static description = '';
  readonly params: P;

  constructor(params: P) {
    this.params = params;
  }

  /** Called once before the first event: declare indicators, set up state. */
  onStart(_ctx: StrategyContext): void {}
  /** A bar closed. */
  abstract onBar(bar: Bar, ctx: StrategyContext): void;
  /** Live and tick replays: a new top of book. */
  onQuote(_quote: Quote, _ctx: StrategyContext): void {}
  /** Live and tick replays: a trade print. */
  onTrade(_trade: TradeTick, _ctx: StrategyContext): void {}
  /** One of this instrument's orders changed state. */
  onOrder(_order: Order, _ctx: StrategyContext): void {}
  /** One of this instrument's orders (partly) filled. */
  onFill(_fill: Fill, _order: Order, _ctx: StrategyContext): void {}
  /** A round trip closed. */
  onTradeClosed(_trade: TradeRecord, _ctx: StrategyContext): void {}
  /** The risk manager refused an order. */
  onDenied(_denial: RiskDenial, _ctx: StrategyContext): void {}
  /** Called once after the last event. */
  onStop(_ctx: StrategyContext): void {}
}

/** The constructor type of a strategy class, with its static defaults. */
export interface StrategyClass<P extends StrategyParams = StrategyParams> {
  new (params: P): Strategy<P>;
  readonly defaults: StrategyParams;
  readonly description?: string;
  readonly name: string;
}
