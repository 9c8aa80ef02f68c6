import type { Observable } from 'rxjs';
import type { Bar, DepthUpdate, Quote, TradeTick } from '../model/market-data.ts';
import type { ConnectionStatus } from '../model/events.ts';

/**
 * The MarketFeed port (DESIGN.md §1): one interface over historical replay and the live SignalR feed.
 * Streams are per symbol and hot: subscribe before `start()`. Within one feed, events arrive in
 * exchange-time order (replay: a k-way merge with ties broken by instrument order; live: arrival order).
 * Contract tests: tests/feed/market-feed.contract.ts.
 */
export interface MarketFeed {
  /** Symbols this feed serves, in instrument order (the tie-break order). */
  readonly symbols: readonly string[];
  /** Closed bars of the symbol's base timeframe. */
  bars$(symbol: string): Observable<Bar>;
  /**
   * Optional fast lane for the suite's own per-instrument wiring: the same bars as bars$, to a plain
   * synchronous listener called ahead of the RxJS subscribers (a replay delivers millions of bars).
   * Returns the function that removes the listener.
   */
  onBars?(symbol: string, listener: (bar: Bar) => void): () => void;
  quotes$(symbol: string): Observable<Quote>;
  trades$(symbol: string): Observable<TradeTick>;
  depth$(symbol: string): Observable<DepthUpdate>;
  readonly status$: Observable<ConnectionStatus>;
  /**
   * Start delivering. Replay: runs the whole replay synchronously and resolves when done (then every
   * stream completes). Live: resolves once connected and subscribed; events flow until `stop()`.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}
