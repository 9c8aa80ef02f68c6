/**
 * ProjectX market hub client: quotes, trade prints and depth as RxJS streams of model events, stamped
 * with `receivedMs` from the injected Clock. Subscriptions are remembered and restored after every
 * reconnect. A stale-feed watchdog (projectx-api.md §9.4, ISS#97: the feed can freeze silently while
 * "connected") emits a 'stale' status and forces a full reconnect when no market event arrived for
 * `staleAfterMs` while something is subscribed.
 */
import type { HubConnection } from '@microsoft/signalr';
import { Subject, type Observable } from 'rxjs';
import type { ConnectionStatus } from '../../model/events.ts';
import type { DepthUpdate, Quote, TradeTick } from '../../model/market-data.ts';
import { rootOfContractId, symbolOfRoot } from './gateway-symbols.ts';
import { HubSession, type HubSessionOptions } from './hub-session.ts';
import { parseDepth, parseMarketTrades, parseQuote } from './parse.ts';
import type { WireDepth, WireMarketTrade, WireQuote } from './wire-types.ts';

export interface MarketSubscription {
  quotes?: boolean;
  trades?: boolean;
  depth?: boolean;
}

export interface MarketHubOptions extends HubSessionOptions {
  /** contractId -> our symbol; default: the contract's root mapped back (CON.F.US.EP.Z25 -> ES). */
  symbolOf?: ReadonlyMap<string, string> | ((contractId: string) => string);
  /** No market event for this long while subscribed = stale. Default 30 000; 0 disables. */
  staleAfterMs?: number;
  /** How often the watchdog looks, real ms. Default staleAfterMs / 4. */
  watchdogEveryMs?: number;
}

const METHODS = {
  quotes: ['SubscribeContractQuotes', 'UnsubscribeContractQuotes'],
  trades: ['SubscribeContractTrades', 'UnsubscribeContractTrades'],
  depth: ['SubscribeContractMarketDepth', 'UnsubscribeContractMarketDepth'],
} as const;
const KINDS = ['quotes', 'trades', 'depth'] as const;

export class MarketHubClient {
  private readonly quotesS = new Subject<Quote>();
  private readonly tradesS = new Subject<TradeTick>();
  private readonly depthS = new Subject<DepthUpdate>();
  readonly quotes$: Observable<Quote> = this.quotesS.asObservable();
  readonly trades$: Observable<TradeTick> = this.tradesS.asObservable();
  readonly depth$: Observable<DepthUpdate> = this.depthS.asObservable();
  readonly status$: Observable<ConnectionStatus>;
  private readonly session: HubSession;
  private readonly subs = new Map<string, Required<MarketSubscription>>();
  private readonly lastQuote = new Map<string, Quote>();
  private readonly symbolOf: (contractId: string) => string;
  private readonly staleAfterMs: number;
  private readonly watchdogEveryMs: number;
  private lastEventMs = 0;
  private watchdog: ReturnType<typeof setInterval> | undefined;

  constructor(opts: MarketHubOptions) {
    const map = opts.symbolOf;
    this.symbolOf =
      typeof map === 'function'
        ? map
        : (id) => map?.get(id) ?? symbolOfRoot(rootOfContractId(id) ?? id);
    this.staleAfterMs = opts.staleAfterMs ?? 30_000;
    this.watchdogEveryMs = opts.watchdogEveryMs ?? Math.max(50, Math.floor(this.staleAfterMs / 4));
    this.session = new HubSession(opts, {
      component: 'market-hub',
      register: (c) => this.register(c),
      onConnected: () => this.resubscribeAll(),
    });
    this.status$ = this.session.status$.asObservable();
  }

  get connected(): boolean {
    return this.session.connected;
  }

  async start(): Promise<void> {
    this.lastEventMs = this.session.clock.nowMs();
    await this.session.start();
    if (this.staleAfterMs > 0 && this.watchdog === undefined) {
      this.watchdog = setInterval(() => this.checkStale(), this.watchdogEveryMs);
      this.watchdog.unref?.();
    }
  }

  async stop(): Promise<void> {
    if (this.watchdog !== undefined) clearInterval(this.watchdog);
    this.watchdog = undefined;
    await this.session.stop();
  }

  /** Subscribe (adds to what the contract already has); restored on every reconnect. */
  async subscribe(contractId: string, what: MarketSubscription = { quotes: true, trades: true, depth: false }): Promise<void> {
    const cur = this.subs.get(contractId) ?? { quotes: false, trades: false, depth: false };
    const next = { quotes: cur.quotes || !!what.quotes, trades: cur.trades || !!what.trades, depth: cur.depth || !!what.depth };
    this.subs.set(contractId, next);
    this.lastEventMs = this.session.clock.nowMs(); // a fresh subscription gets a full grace period
    for (const k of KINDS) if (next[k] && !cur[k]) await this.session.invoke(METHODS[k][0], contractId);
  }

  /** Unsubscribe the given streams (all when omitted). */
  async unsubscribe(contractId: string, what: MarketSubscription = { quotes: true, trades: true, depth: true }): Promise<void> {
    const cur = this.subs.get(contractId);
    if (!cur) return;
    const next = { quotes: cur.quotes && !what.quotes, trades: cur.trades && !what.trades, depth: cur.depth && !what.depth };
    if (!next.quotes && !next.trades && !next.depth) this.subs.delete(contractId);
    else this.subs.set(contractId, next);
    for (const k of KINDS) if (cur[k] && !next[k]) await this.session.invoke(METHODS[k][1], contractId);
  }

  /** Contracts and streams currently subscribed. */
  subscriptions(): ReadonlyMap<string, Readonly<Required<MarketSubscription>>> {
    return this.subs;
  }

  /** Force a reconnect now (the watchdog's action; also useful after a token change). */
  reconnect(reason = 'requested'): Promise<void> {
    return this.session.restart(reason);
  }

  private async resubscribeAll(): Promise<void> {
    this.lastEventMs = this.session.clock.nowMs();
    for (const [contractId, s] of this.subs) for (const k of KINDS) if (s[k]) await this.session.invoke(METHODS[k][0], contractId);
  }

  private register(c: HubConnection): void {
    c.on('GatewayQuote', (...args: unknown[]) => {
      const [cid, data] = marketArgs(args);
      if (cid === undefined || data === null || typeof data !== 'object') return;
      const now = this.touch();
      const q = parseQuote(this.symbolOf(cid), data as WireQuote, now, this.lastQuote.get(cid));
      this.lastQuote.set(cid, q);
      this.quotesS.next(q);
    });
    c.on('GatewayTrade', (...args: unknown[]) => {
      const [cid, data] = marketArgs(args);
      if (cid === undefined) return;
      const now = this.touch();
      for (const t of parseMarketTrades(this.symbolOf(cid), data as WireMarketTrade[], now)) this.tradesS.next(t);
    });
    c.on('GatewayDepth', (...args: unknown[]) => {
      const [cid, data] = marketArgs(args);
      if (cid === undefined) return;
      const now = this.touch();
      const d = parseDepth(this.symbolOf(cid), data as WireDepth[], now);
      if (d.levels.length > 0) this.depthS.next(d);
    });
    c.on('GatewayLogout', () => {
      this.session.log('market-hub: server logged the session out; reconnecting');
      void this.session.restart('logged out by server');
    });
  }

  private touch(): number {
    const now = this.session.clock.nowMs();
    this.lastEventMs = now;
    return now;
  }

  private checkStale(): void {
    if (this.subs.size === 0 || !this.session.connected) return;
    const silentMs = this.session.clock.nowMs() - this.lastEventMs;
    if (silentMs < this.staleAfterMs) return;
    this.session.emit('stale', `no market event for ${silentMs} ms`);
    this.lastEventMs = this.session.clock.nowMs();
    void this.session.restart('stale feed');
  }
}

/** `(contractId, data)`; the v3 SDK also saw a single `[contractId, data]` list argument. */
function marketArgs(args: unknown[]): [string | undefined, unknown] {
  if (args.length === 1 && Array.isArray(args[0]) && typeof args[0][0] === 'string') return [args[0][0], args[0][1]];
  return [typeof args[0] === 'string' ? args[0] : undefined, args[1]];
}
