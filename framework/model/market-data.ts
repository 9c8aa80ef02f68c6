/**
 * Market events. Every one carries its exchange time `tsMs` (epoch ms); live events also carry
 * `receivedMs`. Classes assign every field in the constructor, in a fixed order, so V8 keeps them
 * monomorphic (cheap in the young generation, safe for strategies to keep references to).
 */

/** An OHLCV bar. `tsMs` is the bar's start; it closes at tsMs + its timeframe. */
export class Bar {
  constructor(
    readonly symbol: string,
    readonly tsMs: number,
    readonly open: number,
    readonly high: number,
    readonly low: number,
    readonly close: number,
    readonly volume: number,
  ) {}
}

/** Top of book. Sizes are NaN when the venue does not send them. */
export class Quote {
  constructor(
    readonly symbol: string,
    readonly tsMs: number,
    readonly bid: number,
    readonly ask: number,
    readonly bidSize: number,
    readonly askSize: number,
    readonly last: number,
    readonly receivedMs: number,
  ) {}
}

/** Aggressor side of a print: 'buy' lifted the offer, 'sell' hit the bid, 'unknown' when not sent. */
export type Aggressor = 'buy' | 'sell' | 'unknown';

/** A trade print on the exchange (not our fill). */
export class TradeTick {
  constructor(
    readonly symbol: string,
    readonly tsMs: number,
    readonly price: number,
    readonly size: number,
    readonly aggressor: Aggressor,
    readonly receivedMs: number,
  ) {}
}

/** Kind of a depth-of-market entry (ProjectX DomType, normalised). */
export type DepthKind = 'bid' | 'ask' | 'best-bid' | 'best-ask' | 'trade' | 'reset' | 'session-low' | 'session-high' | 'fill' | 'unknown';

export interface DepthLevel {
  readonly kind: DepthKind;
  readonly price: number;
  /** Size at this level now; 0 removes the level. */
  readonly size: number;
}

/** A batch of depth changes for one instrument. */
export class DepthUpdate {
  constructor(
    readonly symbol: string,
    readonly tsMs: number,
    readonly levels: readonly DepthLevel[],
    readonly receivedMs: number,
  ) {}
}

export type MarketEvent =
  | { readonly kind: 'bar'; readonly bar: Bar }
  | { readonly kind: 'quote'; readonly quote: Quote }
  | { readonly kind: 'trade'; readonly trade: TradeTick }
  | { readonly kind: 'depth'; readonly depth: DepthUpdate };
