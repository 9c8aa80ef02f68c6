import type { Subscription } from 'rxjs';
import type { Clock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { timeframeToMs } from '../core/time.ts';
import { EventBus } from '../bus/event-bus.ts';
import type { MarketFeed } from '../feed/market-feed.ts';
import type { Broker } from '../execution/broker.ts';
import { OrderManager } from '../execution/order-manager.ts';
import type { SimulatedBroker } from '../execution/simulated/simulated-broker.ts';
import type { Instrument } from '../model/instrument.ts';
import { SessionCalendar } from '../model/session-calendar.ts';
import type { Fill } from '../model/fill.ts';
import type { ConnectionStatus, RiskDenial } from '../model/events.ts';
import type { Order } from '../model/order.ts';
import type { TradeRecord } from '../model/results.ts';
import { Account } from '../portfolio/account.ts';
import type { RiskGate } from '../risk/risk-gate.ts';
import type { StrategyClass, StrategyParams } from '../strategy/strategy.ts';
import { InstrumentContext } from './instrument-context.ts';

export type SuiteMode = 'backtest' | 'paper' | 'live';

/** Topics of the portfolio bus: what happens on every instrument, in one ordered stream. */
export interface PortfolioTopics {
  order: Order;
  fill: { fill: Fill; order: Order };
  'trade-closed': TradeRecord;
  denied: RiskDenial;
  status: ConnectionStatus;
}

/** What a preset (backtest, paper, live) plugs in. Only presets know the mode's parts. */
export interface SuiteParts {
  readonly mode: SuiteMode;
  readonly feed: MarketFeed;
  readonly broker: Broker;
  readonly clock: Clock;
  /** The simulated venue, when the broker is one (it subscribes to the feed before the contexts). */
  readonly venue?: SimulatedBroker;
  readonly venueMatchOn?: 'bars' | 'ticks';
  readonly baseTimeframe: string;
  /** Expected span of the run (backtests know it), to size the downsampled curves. */
  readonly spanMs?: number;
}

export interface SuiteOptions {
  readonly instruments: readonly Instrument[];
  readonly strategy?: { readonly cls: StrategyClass; readonly name: string; readonly params: StrategyParams };
  readonly startingCash: number;
  readonly risk?: RiskGate;
  /** Closed bars kept per instrument (grows automatically for declared indicators). */
  readonly windowBars?: number;
  /** Prefix of client order ids (live: unique per session, sent as customTag). */
  readonly idPrefix?: string;
  /** Instruments that failed to set up (reported by name; the suite runs without them). */
  readonly setupFailures?: readonly { symbol: string; reason: string }[];
}

/**
 * The container a user holds (issue 6) and the composition root: one InstrumentContext per
 * instrument, the account, the order manager and the portfolio bus, over whichever feed, broker and
 * clock the preset chose. Nothing below it knows the mode.
 */
export class TradingSuite implements AsyncDisposable {
  readonly mode: SuiteMode;
  readonly feed: MarketFeed;
  readonly broker: Broker;
  readonly clock: Clock;
  readonly orders: OrderManager;
  readonly account: Account;
  readonly bus = new EventBus<PortfolioTopics>('portfolio bus');
  readonly setupFailures: readonly { symbol: string; reason: string }[];
  readonly baseTimeframe: string;
  private readonly ctxs = new Map<string, InstrumentContext>();
  private readonly subs: Subscription[] = [];
  private readonly venue: SimulatedBroker | undefined;
  private cleaned = false;

  constructor(parts: SuiteParts, opts: SuiteOptions) {
    if (opts.instruments.length === 0) throw new ConfigError('no instrument to trade', { hint: 'give at least one --symbol/--data' });
    this.mode = parts.mode;
    this.feed = parts.feed;
    this.broker = parts.broker;
    this.clock = parts.clock;
    this.venue = parts.venue;
    this.baseTimeframe = parts.baseTimeframe;
    this.setupFailures = opts.setupFailures ?? [];
    const calendars = new Map<string, SessionCalendar>();
    for (const ins of opts.instruments) calendars.set(ins.symbol, new SessionCalendar(ins.session));
    this.orders = new OrderManager(parts.broker, parts.clock, opts.instruments, opts.idPrefix ?? 'O');
    if (opts.risk !== undefined) this.orders.risk = opts.risk;
    this.account = new Account(opts.startingCash, this.orders.positions, calendars.get(opts.instruments[0].symbol)!, calendars, {
      spanMs: parts.spanMs,
      baseTimeframeMs: timeframeToMs(parts.baseTimeframe) || 60_000,
    });
    this.orders.equityFn = () => this.account.equity();
    this.orders.addSink('*', {
      onOrder: (o) => this.bus.publish('order', o),
      onFill: (fill, order) => this.bus.publish('fill', { fill, order }),
      onTrade: (t) => this.bus.publish('trade-closed', t),
      onDenied: (d) => this.bus.publish('denied', d),
    });
    for (const ins of opts.instruments) {
      const ctx = new InstrumentContext(ins, this.orders, this.account, parts.clock, opts.windowBars ?? 256);
      if (opts.strategy !== undefined) ctx.attachStrategy(new opts.strategy.cls({ ...opts.strategy.params }));
      this.ctxs.set(ins.symbol, ctx);
    }
    // The venue moves before the strategy: it subscribes first, so a Subject calls it first.
    if (this.venue !== undefined) this.venue.attach(this.feed, parts.venueMatchOn ?? 'bars');
    for (const [sym, ctx] of this.ctxs) {
      this.subs.push(this.feed.bars$(sym).subscribe((b) => ctx.handleBar(b)));
      this.subs.push(this.feed.quotes$(sym).subscribe((q) => ctx.handleQuote(q)));
      this.subs.push(this.feed.trades$(sym).subscribe((t) => ctx.handleTrade(t)));
      this.subs.push(this.feed.depth$(sym).subscribe((d) => ctx.handleDepth(d)));
    }
    this.subs.push(this.feed.status$.subscribe((s) => this.bus.publish('status', s)));
  }

  // ------------------------------------------------------------------ container access

  get(symbol: string): InstrumentContext {
    const c = this.ctxs.get(symbol);
    if (c === undefined) throw new ConfigError(`suite has no instrument '${symbol}'`, { hint: `instruments: ${this.symbols().join(', ')}` });
    return c;
  }

  has(symbol: string): boolean {
    return this.ctxs.has(symbol);
  }

  symbols(): string[] {
    return [...this.ctxs.keys()];
  }

  contexts(): InstrumentContext[] {
    return [...this.ctxs.values()];
  }

  entries(): [string, InstrumentContext][] {
    return [...this.ctxs.entries()];
  }

  get size(): number {
    return this.ctxs.size;
  }

  [Symbol.iterator](): IterableIterator<InstrumentContext> {
    return this.ctxs.values();
  }

  /** A single-instrument suite's only context (its members, directly). */
  get only(): InstrumentContext {
    if (this.ctxs.size !== 1) throw new ConfigError(`suite has ${this.ctxs.size} instruments; use suite.get(symbol)`);
    return this.ctxs.values().next().value!;
  }

  // ------------------------------------------------------------------ lifecycle

  /** Start strategies and the feed. Backtest: resolves when the replay is done. */
  async run(): Promise<void> {
    for (const ctx of this.ctxs.values()) ctx.start();
    await this.broker.start();
    await this.feed.start();
  }

  /**
   * End of the run: optionally close open positions at their last price, stop strategies, close the
   * account's books. Idempotent.
   */
  finish(opts: { closeAtEnd?: boolean } = {}): void {
    if (opts.closeAtEnd) {
      for (const ctx of this.ctxs.values()) {
        const pos = ctx.position.size;
        if (pos === 0) continue;
        this.orders.flatten(ctx.symbol, 'close at end');
        const last = ctx.bars.last;
        if (this.venue !== undefined && last !== undefined) this.venue.fillMarketAt(ctx.symbol, last.close, this.clock.nowMs());
      }
    }
    for (const ctx of this.ctxs.values()) ctx.stopStrategy();
    this.account.finish();
  }

  /** Release every subscription, timer and socket; each part's failure is isolated from the others. */
  async cleanup(): Promise<void> {
    if (this.cleaned) return;
    this.cleaned = true;
    const errors: unknown[] = [];
    for (const s of this.subs) {
      try {
        s.unsubscribe();
      } catch (e) {
        errors.push(e);
      }
    }
    for (const step of [() => this.feed.stop(), () => this.broker.stop()]) {
      try {
        await step();
      } catch (e) {
        errors.push(e);
      }
    }
    this.orders.dispose();
    for (const ctx of this.ctxs.values()) ctx.bus.clear();
    this.bus.clear();
    if (errors.length > 0) process.stderr.write(`warning: ${errors.length} error(s) during cleanup (isolated)\n`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.cleanup();
  }
}
