/**
 * What the adapter hands out for account-side ProjectX data: parsed, typed, wire-free (DESIGN.md §3
 * rule 6). Prices are plain numbers (NaN when absent), times epoch ms, ids strings.
 */
import type { OrderStatus, OrderType, Side } from '../../model/order.ts';

export interface VenueAccount {
  readonly accountId: number;
  readonly name: string;
  readonly balance: number;
  readonly canTrade: boolean;
  readonly isVisible: boolean;
  readonly simulated: boolean;
  readonly receivedMs?: number;
}

export interface VenueContract {
  readonly contractId: string;
  /** e.g. 'MNQZ25'. */
  readonly name: string;
  readonly description: string;
  readonly tickSize: number;
  /** Currency per tick per contract. */
  readonly tickValue: number;
  readonly active: boolean;
  /** Gateway product root ('EP' for ES). */
  readonly root: string;
  /** Our symbol for the root ('ES' for EP). */
  readonly symbol: string;
  readonly symbolId: string | undefined;
}

/** ProjectX OrderStatus names (0..8). */
export type VenueOrderStatus = 'none' | 'open' | 'filled' | 'cancelled' | 'expired' | 'rejected' | 'pending' | 'pending-cancel' | 'suspended' | 'unknown';
export type VenueOrderType = OrderType | 'join-bid' | 'join-ask' | 'unknown';

export interface VenueOrder {
  readonly venueOrderId: string;
  readonly accountId: number;
  readonly contractId: string;
  readonly symbolId: string | undefined;
  readonly createdMs: number;
  /** NaN when the venue did not send it. */
  readonly updatedMs: number;
  readonly venueStatus: VenueOrderStatus;
  /** Our lifecycle status (model/order.ts). */
  readonly status: OrderStatus;
  readonly type: VenueOrderType;
  readonly side: Side;
  readonly sizeContracts: number;
  readonly limitPrice: number;
  readonly stopPrice: number;
  readonly trailPrice: number;
  readonly filledContracts: number;
  readonly avgFillPrice: number;
  /** Our clientOrderId, when we placed it. */
  readonly customTag: string | undefined;
  readonly linkedOrderId: string | undefined;
  readonly receivedMs?: number;
}

export interface VenuePosition {
  /** Undefined on incremental hub updates that omit it. */
  readonly positionId: string | undefined;
  readonly accountId: number | undefined;
  readonly contractId: string;
  readonly side: 'long' | 'short' | 'flat';
  readonly sizeContracts: number;
  /** + long, − short, 0 flat (size == 0 means closed, whatever `type` says). */
  readonly netContracts: number;
  readonly avgPrice: number;
  readonly createdMs: number;
  readonly receivedMs?: number;
}

/** One half-trade (an execution) on the account. */
export interface VenueTrade {
  readonly tradeId: string;
  readonly accountId: number;
  readonly contractId: string;
  readonly tsMs: number;
  readonly price: number;
  /** null for a half-turn (opening) trade. */
  readonly pnl: number | null;
  /** Commission in currency (`fees`, or `commissions` when that is what came). */
  readonly fees: number;
  readonly side: Side;
  readonly sizeContracts: number;
  readonly voided: boolean;
  readonly venueOrderId: string;
  readonly receivedMs?: number;
}
