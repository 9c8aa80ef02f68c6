/**
 * Raw ProjectX Gateway payloads (shared docs/projectx-api.md §2-7). These types never leave the
 * adapter: parse.ts turns them into model / venue types. Every field is optional or loosely typed on
 * purpose: the gateway drifts (numbers as strings, `fees` vs `commissions`, `fillVolume` vs
 * `filledSize`, lists vs single objects), so parse code checks each value instead of trusting the type.
 */

/** A number as the gateway may send it (prices sometimes arrive as strings). */
export type WireNumber = number | string | null | undefined;
/** ISO-8601, with or without offset (no offset = UTC), up to 7 fraction digits; or epoch ms. */
export type WireTime = string | number | null | undefined;

/** Common response envelope (§3). */
export interface WireEnvelope {
  success?: boolean;
  errorCode?: WireNumber;
  errorMessage?: string | null;
  [key: string]: unknown;
}

export interface WireLoginResponse extends WireEnvelope {
  token?: string;
}

export interface WireValidateResponse extends WireEnvelope {
  newToken?: string;
  token?: string;
}

export interface WireAccount {
  id?: WireNumber;
  name?: string;
  balance?: WireNumber;
  canTrade?: boolean;
  isVisible?: boolean;
  simulated?: boolean;
}

export interface WireContract {
  id?: string;
  name?: string;
  description?: string;
  tickSize?: WireNumber;
  tickValue?: WireNumber;
  activeContract?: boolean;
  symbolId?: string;
}

export interface WireBar {
  t?: WireTime;
  o?: WireNumber;
  h?: WireNumber;
  l?: WireNumber;
  c?: WireNumber;
  v?: WireNumber;
}

export interface WireOrder {
  id?: WireNumber;
  accountId?: WireNumber;
  contractId?: string;
  symbolId?: string;
  creationTimestamp?: WireTime;
  updateTimestamp?: WireTime;
  status?: WireNumber;
  type?: WireNumber;
  side?: WireNumber;
  size?: WireNumber;
  limitPrice?: WireNumber;
  stopPrice?: WireNumber;
  trailPrice?: WireNumber;
  fillVolume?: WireNumber;
  /** Seen in some payloads instead of fillVolume (UNVERIFIED). */
  filledSize?: WireNumber;
  filledPrice?: WireNumber;
  customTag?: string | null;
  linkedOrderId?: WireNumber;
  parentOrderId?: WireNumber;
}

export interface WirePosition {
  id?: WireNumber;
  accountId?: WireNumber;
  contractId?: string;
  contractDisplayName?: string;
  creationTimestamp?: WireTime;
  /** PositionType: 0 Undefined, 1 Long, 2 Short. */
  type?: WireNumber;
  size?: WireNumber;
  averagePrice?: WireNumber;
}

export interface WireTrade {
  id?: WireNumber;
  accountId?: WireNumber;
  contractId?: string;
  creationTimestamp?: WireTime;
  price?: WireNumber;
  /** null marks a half-turn (opening) trade. */
  profitAndLoss?: WireNumber;
  fees?: WireNumber;
  /** Some responses use this instead of (or beside) `fees`. */
  commissions?: WireNumber;
  side?: WireNumber;
  size?: WireNumber;
  voided?: boolean;
  orderId?: WireNumber;
}

/** GatewayQuote data: may be partial, only `symbol` is reliably present. */
export interface WireQuote {
  symbol?: string;
  symbolName?: string;
  lastPrice?: WireNumber;
  bestBid?: WireNumber;
  bestAsk?: WireNumber;
  bidSize?: WireNumber;
  askSize?: WireNumber;
  change?: WireNumber;
  changePercent?: WireNumber;
  /** Session cumulative volume, not per trade. */
  volume?: WireNumber;
  lastUpdated?: WireTime;
  timestamp?: WireTime;
}

/** GatewayTrade data entry (the hub sends a list, sometimes a single object). */
export interface WireMarketTrade {
  symbolId?: string;
  price?: WireNumber;
  volume?: WireNumber;
  /** 0 buy, 1 sell (aggressor). */
  type?: WireNumber;
  timestamp?: WireTime;
}

/** GatewayDepth data entry. */
export interface WireDepth {
  price?: WireNumber;
  volume?: WireNumber;
  currentVolume?: WireNumber;
  size?: WireNumber;
  /** DomType. */
  type?: WireNumber;
  timestamp?: WireTime;
}

/** User-hub events arrive wrapped `{action, data}` or bare. */
export interface WireUserEnvelope<T> {
  action?: WireNumber;
  data?: T;
}
