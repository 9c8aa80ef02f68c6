import type { Fill } from './fill.ts';
import type { ModifyOrder, SubmitOrder } from './order.ts';

/**
 * What a Broker says back (commands in, events out: DESIGN.md §3 rule 4). A broker call only
 * acknowledges; everything that happens to an order arrives as one of these, in order.
 */
export type BrokerEvent =
  /** The venue accepted the order; it is working. */
  | { readonly type: 'accepted'; readonly clientOrderId: string; readonly venueOrderId: string; readonly tsMs: number }
  /** The venue refused the order. */
  | { readonly type: 'rejected'; readonly clientOrderId: string; readonly reason: string; readonly tsMs: number }
  /** (Part of) the order executed. */
  | { readonly type: 'filled'; readonly fill: Fill }
  | { readonly type: 'cancelled'; readonly clientOrderId: string; readonly reason: string; readonly tsMs: number }
  | { readonly type: 'expired'; readonly clientOrderId: string; readonly reason: string; readonly tsMs: number }
  /** A modify took effect. */
  | { readonly type: 'modified'; readonly change: ModifyOrder; readonly tsMs: number }
  /** A modify or cancel the venue refused; the order is unchanged. */
  | { readonly type: 'modify-rejected'; readonly clientOrderId: string; readonly reason: string; readonly tsMs: number }
  /** The venue created an order by itself (a bracket child after its entry filled). */
  | { readonly type: 'created'; readonly command: SubmitOrder; readonly venueOrderId: string; readonly tsMs: number }
  /** A stop-limit's stop triggered; it now rests as a limit. A trailing stop moved. */
  | { readonly type: 'triggered'; readonly clientOrderId: string; readonly stopPrice: number; readonly tsMs: number }
  /** A trailing stop's stop price moved (ratchet in the holder's favour). Not a lifecycle transition. */
  | { readonly type: 'trail-moved'; readonly clientOrderId: string; readonly stopPrice: number; readonly tsMs: number };

/** A risk decision that refused a command (never thrown into the strategy). */
export interface RiskDenial {
  readonly tsMs: number;
  readonly rule: string;
  readonly message: string;
  readonly clientOrderId: string | undefined;
  readonly symbol: string | undefined;
}

/** Connection status of a live component. */
export interface ConnectionStatus {
  readonly tsMs: number;
  readonly component: string;
  readonly state: 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'stale';
  readonly detail?: string;
}
