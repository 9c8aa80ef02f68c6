import type { Side } from './order.ts';

/** One execution of (part of) an order. `fee` is the commission in currency for this fill. */
export interface Fill {
  readonly fillId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly size: number;
  readonly price: number;
  readonly tsMs: number;
  readonly fee: number;
  /** True when this fill closed or reduced a position (set by the position keeper). */
  readonly venueTradeId?: string;
}
