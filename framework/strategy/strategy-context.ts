import type { BarWindow } from '../feed/bar-window.ts';
import type { Indicator } from '../indicators/indicator.ts';
import type { Instrument } from '../model/instrument.ts';
import type { Quote, TradeTick } from '../model/market-data.ts';
import type { BracketSpec, Order, Side } from '../model/order.ts';

/** A read-only view of one instrument's position. */
export interface PositionView {
  /** Signed contracts: > 0 long, < 0 short, 0 flat. */
  readonly size: number;
  /** Average entry price; NaN when flat. */
  readonly avgPrice: number;
  /** Unrealized PnL at the last mark, currency. */
  readonly unrealizedPnl: number;
  /** Realized PnL before fees over the run, currency. */
  readonly realizedPnl: number;
  readonly isFlat: boolean;
  readonly isLong: boolean;
  readonly isShort: boolean;
}

export interface OrderOptions {
  /** Attach a stop loss / take profit pair that goes live when this order fills. */
  readonly bracket?: BracketSpec;
  /** Orders sharing a group cancel each other on a fill. */
  readonly ocoGroup?: string;
  readonly reduceOnly?: boolean;
  /** Shown in the results file and report. */
  readonly tag?: string;
}

export interface BracketRequest {
  readonly side: Side;
  readonly size: number;
  /** Entry order type (default market). */
  readonly entry?: 'market' | 'limit' | 'stop';
  /** Entry price for limit / stop entries. */
  readonly price?: number;
  readonly stopTicks?: number;
  readonly targetTicks?: number;
  readonly stopPrice?: number;
  readonly targetPrice?: number;
  readonly tag?: string;
}

/**
 * All a strategy sees of the world (one instrument), identical in backtest, paper and live.
 * Order methods return the Order; a risk denial comes back as an order with status `rejected` and a
 * reason (never an exception). Indicators are declared once (in onStart) and updated by the framework
 * before each onBar.
 */
export interface StrategyContext {
  readonly symbol: string;
  readonly instrument: Instrument;
  /** Closed bars, newest first (`bars.at(0)` just closed). */
  readonly bars: BarWindow;
  /** Closed bars of a coarser timeframe declared for the run (e.g. '5m' built from 1m bars). */
  barsOf(timeframe: string): BarWindow;
  readonly position: PositionView;
  /** Latest quote and trade print (live and tick replays; undefined on bar data). */
  readonly lastQuote: Quote | undefined;
  readonly lastTrade: TradeTick | undefined;
  /** Exchange time of the current event, epoch ms. */
  nowMs(): number;
  /** Account equity (cash + open PnL), currency. */
  equity(): number;
  /** Working orders of this instrument. */
  workingOrders(): readonly Order[];

  /** Register an indicator: the framework feeds it every closed bar before onBar. */
  indicator<T extends Indicator<unknown>>(ind: T): T;
  /** Keep at least n bars in `bars`. */
  lookback(n: number): void;

  market(side: Side, size: number, opts?: OrderOptions): Order;
  limit(side: Side, size: number, price: number, opts?: OrderOptions): Order;
  stop(side: Side, size: number, stopPrice: number, opts?: OrderOptions): Order;
  stopLimit(side: Side, size: number, stopPrice: number, limitPrice: number, opts?: OrderOptions): Order;
  trailingStop(side: Side, size: number, trailTicks: number, opts?: OrderOptions): Order;
  /** Entry plus an OCO stop loss / take profit pair that goes live when the entry fills. */
  bracket(req: BracketRequest): Order;
  /** Two orders that cancel each other on a fill. */
  oco(a: Order, b: Order): void;
  modify(order: Order | string, change: { size?: number; limitPrice?: number; stopPrice?: number; trailTicks?: number }): boolean;
  cancel(order: Order | string): boolean;
  cancelAll(): void;
  /** Cancel working orders and close the position at market. */
  flatten(reason?: string): Order | undefined;
  /** Close the position and open the same size the other way. */
  reverse(): Order | undefined;
  /** Close all or part of the position at market. */
  closePosition(size?: number): Order | undefined;
  /** Protective stop for the open position, `ticks` from its average price (or at `price`). */
  addStopLoss(spec: { ticks?: number; price?: number }): Order | undefined;
  addTakeProfit(spec: { ticks?: number; price?: number }): Order | undefined;

  /** A line in the run log (stderr unless --quiet). */
  log(message: string): void;
}
