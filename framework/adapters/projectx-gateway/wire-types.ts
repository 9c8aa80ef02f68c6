/**
 * Server-side wire types of the ProjectX Gateway (shared docs/projectx-api.md §4-§7). The gateway keeps
 * its own copy so it never imports the client adapter: both sides follow the doc, and the tests prove
 * they meet on the wire. Timestamps are ISO-8601 strings, prices plain numbers, enums ints.
 */

/** OrderType (§5). */
export const OrderType = { Unknown: 0, Limit: 1, Market: 2, StopLimit: 3, Stop: 4, TrailingStop: 5, JoinBid: 6, JoinAsk: 7 } as const;
/** OrderSide (§5): 0 Bid = buy, 1 Ask = sell. */
export const OrderSide = { Bid: 0, Ask: 1 } as const;
/** OrderStatus (§5), 7/8 are the newer values. */
export const OrderStatus = { None: 0, Open: 1, Filled: 2, Cancelled: 3, Expired: 4, Rejected: 5, Pending: 6, PendingCancellation: 7, Suspended: 8 } as const;
/** PositionType (§5). A position is closed when size == 0. */
export const PositionType = { Undefined: 0, Long: 1, Short: 2 } as const;
/** AggregateBarUnit (§4.3). */
export const BarUnit = { Unspecified: 0, Second: 1, Minute: 2, Hour: 3, Day: 4, Week: 5, Month: 6 } as const;
/** DomType (§5). */
export const DomType = { Unknown: 0, Ask: 1, Bid: 2, BestAsk: 3, BestBid: 4, Trade: 5, Reset: 6, Low: 7, High: 8, NewBestBid: 9, NewBestAsk: 10, Fill: 11 } as const;

/** Per-endpoint error codes used by the gateway (§2, §4). */
export const ErrorCode = {
  Success: 0,
  LoginInvalidCredentials: 3,
  ContractNotFound: 1,
  BarsContractNotFound: 1,
  BarsUnitInvalid: 2,
  BarsUnitNumberInvalid: 3,
  BarsLimitInvalid: 4,
  PlaceAccountNotFound: 1,
  PlaceOrderRejected: 2,
  PlaceContractNotFound: 8,
  OrderAccountNotFound: 1,
  OrderNotFound: 2,
  OrderRejected: 3,
  PositionAccountNotFound: 1,
  PositionNotFound: 2,
  PositionContractNotFound: 3,
  PartialInvalidCloseSize: 5,
} as const;

export interface AccountModel {
  id: number;
  name: string;
  balance: number;
  canTrade: boolean;
  isVisible: boolean;
  simulated: boolean;
}

export interface ContractModel {
  id: string;
  name: string;
  description: string;
  tickSize: number;
  tickValue: number;
  activeContract: boolean;
  symbolId: string;
}

export interface OrderModel {
  id: number;
  accountId: number;
  contractId: string;
  symbolId: string;
  creationTimestamp: string;
  updateTimestamp: string;
  status: number;
  type: number;
  side: number;
  size: number;
  limitPrice: number | null;
  stopPrice: number | null;
  /** Not in the doc's OrderModel; we echo it so clients can see trailing distance (price units). */
  trailPrice: number | null;
  fillVolume: number;
  filledPrice: number | null;
  customTag: string | null;
  /** Bracket parent (third-party clients read it; UNVERIFIED on the real venue). */
  parentOrderId: number | null;
  /** OCO partner of a bracket child. */
  linkedOrderId: number | null;
}

export interface PositionModel {
  id: number;
  accountId: number;
  contractId: string;
  contractDisplayName: string;
  creationTimestamp: string;
  type: number;
  size: number;
  averagePrice: number;
}

export interface HalfTradeModel {
  id: number;
  accountId: number;
  contractId: string;
  creationTimestamp: string;
  price: number;
  /** Gross realized PnL in currency; null on an opening (half-turn) trade. */
  profitAndLoss: number | null;
  fees: number;
  side: number;
  size: number;
  voided: boolean;
  orderId: number;
}

export interface BarModel {
  t: string;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

export interface BracketSpec {
  ticks: number;
  type: number;
}

export interface PlaceOrderRequest {
  accountId: number;
  contractId: string;
  type: number;
  side: number;
  size: number;
  limitPrice?: number | null;
  stopPrice?: number | null;
  trailPrice?: number | null;
  customTag?: string | null;
  linkedOrderId?: number | null;
  stopLossBracket?: BracketSpec | null;
  takeProfitBracket?: BracketSpec | null;
}

/** User-hub wrapper (§7.3): `action` 1 is the only value seen on the real venue; we always send 1. */
export interface UserEvent<T> {
  action: number;
  data: T;
}

/** Bar timestamps on the wire: ISO with an explicit `+00:00` offset, as in the docs' example. */
export function wireTime(tsMs: number): string {
  return new Date(tsMs).toISOString().replace('Z', '+00:00');
}
