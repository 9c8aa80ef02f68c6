import { Subscription } from 'rxjs';
import type { Clock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { isoUtc, timeframeToMs } from '../core/time.ts';
import { EventBus } from '../bus/event-bus.ts';
import { BarAggregator } from '../feed/bar-aggregator.ts';
import { BarWindow } from '../feed/bar-window.ts';
import type { MarketFeed } from '../feed/market-feed.ts';
import type { Broker } from '../execution/broker.ts';
import { OrderManager } from '../execution/order-manager.ts';
import type { SimulatedBroker } from '../execution/simulated/simulated-broker.ts';
import type { BarInput } from '../model/bar-columns.ts';
import type { Bar } from '../model/market-data.ts';
import { SessionCalendar } from '../model/session-calendar.ts';
import type { Fill } from '../model/fill.ts';
import type { RiskDenial } from '../model/events.ts';
import type { Order } from '../model/order.ts';
import { Account } from '../portfolio/account.ts';
import { Portfolio } from '../portfolio/portfolio.ts';
import { TradeTally } from '../analytics/trade-tally.ts';
import type { StrategyClass } from '../strategy/strategy.ts';
import { isPortfolioStrategyClass, type PortfolioContext, type PortfolioStrategy } from '../strategy/portfolio-strategy.ts';
import { InstrumentContext } from './instrument-context.ts';
import { GuardedStrategy, StrategyErrors } from './strategy-guard.ts';
import { setupInstruments, type SetupFailure } from './instrument-setup.ts';
import { backtestPreset } from './backtest-preset.ts';

import type { SuiteMode, PortfolioTopics, SuiteParts, SuiteFeature, SuiteOptions, SuiteCreateOptions } from './suite-options.ts';
export type { SuiteMode, PositionChange, PortfolioTopics, SuiteParts, PresetInput, SuitePreset, StrategySpec, SuiteFeature, SuiteOptions, SuiteCreateOptions } from './suite-options.ts';

/**
 * The container a user holds (issue 6) and the composition root: one InstrumentContext per
 * instrument, the account, the portfolio, the order manager and the portfolio bus, over whichever
 * feed, broker and clock the preset chose. Nothing below it knows the mode.
 *
 * Per base bar of an instrument, in order: the simulated venue matches (it subscribed first), the
 * coarser-timeframe windows update, the context runs (window, indicators, account mark, its
 * strategy, its bus), the portfolio records the close. Bars of one timestamp arrive consecutively
 * (k-way merge, instrument order); a portfolio strategy's onBars runs once per timestamp after the
 * last of them, or, when some instrument has no bar there, just before the next timestamp's first
 * bar reaches the venue (the clock then already reads that next time).
 *
 * Isolation: each context has its own bus (handler errors isolated by EventBus), strategy hooks are
 * guarded (StrategyErrors), cleanup steps are isolated from each other.
 */
export class TradingSuite implements AsyncDisposable, PortfolioContext {
  readonly mode: SuiteMode;
  readonly feed: MarketFeed;
  readonly broker: Broker;
  readonly clock: Clock;
  readonly orders: OrderManager;
  readonly account: Account;
  /** The per-trade metrics, summed as each trade closes (analytics/trade-tally.ts; the results' metrics read it). */
  readonly tradeTally: TradeTally;
  readonly portfolio: Portfolio;
  readonly bus = new EventBus<PortfolioTopics>('portfolio bus');
  readonly setupFailures: readonly SetupFailure[];
  readonly baseTimeframe: string;
  readonly timeframes: readonly string[];
  readonly features: ReadonlySet<SuiteFeature>;
  readonly strategyErrors: StrategyErrors;
  /** The portfolio-level strategy, when the run has one. */
  readonly portfolioStrategy: PortfolioStrategy | undefined;
  private readonly ctxs = new Map<string, InstrumentContext>();
  private readonly subs: Subscription[] = [];
  private readonly venue: SimulatedBroker | undefined;
  private readonly logLine: (line: string) => void;
  private group: Bar[] = [];
  private groupTs = Number.NaN;
  private started = false;
  private stopped = false;
  private cleaned = false;

  /**
   * Build a suite: set up every instrument in parallel (spec + data), report failures by name, then
   * let the mode's preset supply feed, broker and clock. `strict: true` makes any failure fatal.
   */
  static async create(opts: SuiteCreateOptions): Promise<TradingSuite> {
    const timeframes = opts.timeframes !== undefined && opts.timeframes.length > 0 ? opts.timeframes : ['1m'];
    const base = timeframes[0];
    const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const { ready, failures } = await setupInstruments(opts.instruments, base, opts.data, opts.mode === 'backtest');
    const list = failures.map((f) => `${f.symbol} (${f.reason})`).join('; ');
    if (failures.length > 0 && (opts.strict === true || ready.length === 0)) {
      throw new ConfigError(`${failures.length} instrument(s) failed to set up: ${list}`, {
        where: 'instruments',
        hint: ready.length === 0 ? 'fix the symbols or their data' : 'fix them, or drop strict to run with the rest',
      });
    }
    if (failures.length > 0) log(`warning: running without ${list}; trading ${ready.map((r) => r.instrument.symbol).join(', ')}`);
    const preset = opts.preset ?? (opts.mode === 'backtest' ? backtestPreset : undefined);
    if (preset === undefined) throw new ConfigError(`mode '${opts.mode}' needs a preset (feed, broker, clock)`, { where: 'mode', hint: 'pass preset: the paper/live presets of the ProjectX adapter' });
    const instruments = ready.map((r) => r.instrument);
    const series = new Map<string, BarInput>();
    for (const r of ready) if (r.columns !== undefined) series.set(r.instrument.symbol, r.columns);
    const parts = await preset({ mode: opts.mode, instruments, series, baseTimeframe: base, fromMs: opts.fromMs, toMs: opts.toMs, fill: opts.fill });
    return new TradingSuite(parts, { ...opts, instruments, startingCash: opts.startingCash ?? 100_000, setupFailures: failures, timeframes, log });
  }

  constructor(parts: SuiteParts, opts: SuiteOptions) {
    if (opts.instruments.length === 0) throw new ConfigError('no instrument to trade', { hint: 'give at least one --symbol/--data' });
    this.mode = parts.mode;
    this.feed = parts.feed;
    this.broker = parts.broker;
    this.clock = parts.clock;
    this.venue = parts.venue;
    this.baseTimeframe = parts.baseTimeframe;
    this.setupFailures = opts.setupFailures ?? [];
    this.features = new Set(opts.features ?? []);
    this.logLine = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.strategyErrors = new StrategyErrors(opts.strategy?.name ?? 'strategy', this.logLine);
    const calendars = new Map<string, SessionCalendar>();
    for (const ins of opts.instruments) calendars.set(ins.symbol, new SessionCalendar(ins.session));
    this.orders = new OrderManager(parts.broker, parts.clock, opts.instruments, opts.idPrefix ?? 'O');
    if (opts.risk !== undefined) this.orders.risk = opts.risk;
    this.account = new Account(opts.startingCash, this.orders.positions, calendars.get(opts.instruments[0].symbol)!, calendars, {
      spanMs: parts.spanMs,
      baseTimeframeMs: timeframeToMs(parts.baseTimeframe) || 60_000,
    });
    this.portfolio = new Portfolio(
      this.account,
      opts.instruments.map((i) => this.orders.positions.get(i.symbol)),
      { baseTimeframe: parts.baseTimeframe, windowBars: opts.portfolio?.windowBars, timeframe: opts.portfolio?.timeframe },
    );
    this.orders.equityFn = () => this.account.equity();
    const spec = opts.strategy;
    this.portfolioStrategy = spec !== undefined && isPortfolioStrategyClass(spec.cls) ? new spec.cls({ ...spec.params }) : undefined;
    this.tradeTally = new TradeTally(opts.instruments.map((i) => ({ symbol: i.symbol, timeZone: i.session.timeZone })));
    this.orders.addSink('*', {
      onOrder: (o) => this.bus.publish('order', o),
      onFill: (fill, order) => this.onAnyFill(fill, order),
      onTrade: (t) => {
        this.tradeTally.add(t);
        this.bus.publish('trade-closed', t);
      },
      onDenied: (d) => this.onAnyDenied(d),
    });
    for (const ins of opts.instruments) {
      const ctx = new InstrumentContext(ins, this.orders, this.account, parts.clock, opts.windowBars ?? 256);
      ctx.logSink = this.logLine;
      if (spec !== undefined && !isPortfolioStrategyClass(spec.cls)) {
        ctx.attachStrategy(new GuardedStrategy(new (spec.cls as StrategyClass)({ ...spec.params }), ins.symbol, this.strategyErrors));
      }
      this.ctxs.set(ins.symbol, ctx);
    }
    this.timeframes = [parts.baseTimeframe, ...(opts.timeframes ?? []).filter((tf) => tf !== parts.baseTimeframe)];
    this.wire(parts);
  }

  /** Subscribe everything to the feed, once (nothing subscribes per bar). */
  private wire(parts: SuiteParts): void {
    const feed = this.feed;
    // The venue moves before the strategy. Bar mode: one subscription per instrument calls the venue,
    // then the context (one Subject.next per bar, ~35 ns, instead of one per consumer). Tick mode: the
    // venue subscribes to quotes and trades itself, ahead of the contexts.
    const venueOnBars = this.venue !== undefined && (parts.venueMatchOn ?? 'bars') === 'bars' ? this.venue : undefined;
    if (this.venue !== undefined && venueOnBars === undefined) this.venue.attach(feed, 'ticks');
    const baseMs = timeframeToMs(parts.baseTimeframe);
    const grouping = this.portfolioStrategy !== undefined;
    // Correlation and VaR cost a little per bar; a single-instrument run without the feature skips them.
    const portfolio = this.ctxs.size > 1 || grouping || this.features.has('portfolio') ? this.portfolio : undefined;
    const n = this.ctxs.size;
    let index = 0;
    for (const [sym, ctx] of this.ctxs) {
      const k = index++;
      ctx.timeframeBars.set(parts.baseTimeframe, ctx.bars);
      const agg = this.higherTimeframes(ctx);
      const venueBar = venueOnBars?.barHandler(sym);
      const onBar = (b: Bar): void => {
        // Before the venue: a bar of a NEW timestamp first closes the previous (incomplete) group.
        if (grouping && b.tsMs !== this.groupTs && this.group.length > 0) this.flushGroup();
        if (venueBar !== undefined) venueBar(b);
        if (agg !== undefined) {
          agg.onSourceBar(b);
          agg.onTime(b.tsMs + baseMs); // a coarser bar ending with this base bar is complete now
        }
        ctx.handleBar(b);
        if (portfolio !== undefined) portfolio.onBar(k, b);
        if (grouping) {
          this.group.push(b);
          this.groupTs = b.tsMs;
          if (this.group.length === n) this.flushGroup();
        }
      };
      // A replay's fast lane when the feed has one (no RxJS subscriber layers per bar), else bars$.
      const remove = feed.onBars?.(sym, onBar);
      this.subs.push(remove !== undefined ? new Subscription(remove) : feed.bars$(sym).subscribe(onBar));
      this.subs.push(feed.quotes$(sym).subscribe((q) => ctx.handleQuote(q)));
      this.subs.push(feed.trades$(sym).subscribe((t) => ctx.handleTrade(t)));
      this.subs.push(feed.depth$(sym).subscribe((d) => ctx.handleDepth(d)));
    }
    this.subs.push(feed.status$.subscribe((s) => this.bus.publish('status', s)));
  }

  /** An aggregator filling ctx.barsOf(tf) for each declared coarser timeframe (undefined when none). */
  private higherTimeframes(ctx: InstrumentContext): BarAggregator | undefined {
    const extra = this.timeframes.slice(1);
    if (extra.length === 0) return undefined;
    const baseMs = timeframeToMs(this.baseTimeframe);
    for (const tf of extra) {
      if (!(timeframeToMs(tf) > baseMs)) throw new ConfigError(`timeframe ${tf} is not coarser than the base ${this.baseTimeframe}`, { where: 'timeframes', hint: 'list the base timeframe first, then coarser ones' });
      ctx.timeframeBars.set(tf, new BarWindow(ctx.bars.capacity));
    }
    const agg = new BarAggregator({ symbol: ctx.symbol, timeframes: extra, session: ctx.instrument.session });
    agg.onBar((bar, tf) => ctx.timeframeBars.get(tf)!.push(bar));
    return agg;
  }

  private flushGroup(): void {
    const bars = this.group;
    this.group = [];
    this.groupTs = Number.NaN;
    const s = this.portfolioStrategy;
    if (s === undefined) return;
    try {
      s.onBars(bars, this);
    } catch (e) {
      this.strategyErrors.note('portfolio', 'onBars', e);
    }
  }

  private onAnyFill(fill: Fill, order: Order): void {
    if (this.bus.hasHandlers('fill')) this.bus.publish('fill', { fill, order });
    const p = this.orders.positions.get(fill.symbol);
    if (this.bus.hasHandlers('position')) this.bus.publish('position', { symbol: fill.symbol, size: p.size, avgPrice: p.avgPrice, tsMs: fill.tsMs });
    const s = this.portfolioStrategy;
    if (s === undefined) return;
    try {
      s.onFill(fill, order, this);
    } catch (e) {
      this.strategyErrors.note('portfolio', 'onFill', e);
    }
  }

  private onAnyDenied(d: RiskDenial): void {
    this.bus.publish('denied', d);
    const s = this.portfolioStrategy;
    if (s === undefined) return;
    try {
      s.onDenied(d, this);
    } catch (e) {
      this.strategyErrors.note('portfolio', 'onDenied', e);
    }
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

  /** Closed bars of `symbol` on one of the suite's timeframes. */
  barsOf(symbol: string, timeframe: string): BarWindow {
    return this.get(symbol).barsOf(timeframe);
  }

  nowMs(): number {
    return this.clock.nowMs();
  }

  equity(): number {
    return this.account.equity();
  }

  log(message: string): void {
    this.logLine(`[${isoUtc(this.clock.nowMs())}] portfolio: ${message}`);
  }

  /** Strategy errors and bus handler errors so far (results.run.errors when any). */
  errorCounts(): { strategy: Record<string, number>; handlers: Record<string, number> } | undefined {
    const handlers: Record<string, number> = {};
    for (const [sym, ctx] of this.ctxs) if (ctx.bus.errors.length > 0) handlers[sym] = ctx.bus.errors.length;
    if (this.bus.errors.length > 0) handlers.portfolio = this.bus.errors.length;
    if (this.strategyErrors.total === 0 && Object.keys(handlers).length === 0) return undefined;
    return { strategy: this.strategyErrors.toRecord(), handlers };
  }

  // ------------------------------------------------------------------ lifecycle

  /** Start strategies and the feed. Backtest: resolves when the replay is done. */
  async run(): Promise<void> {
    if (!this.started) {
      this.started = true;
      for (const ctx of this.ctxs.values()) ctx.start();
      if (this.portfolioStrategy !== undefined) {
        try {
          this.portfolioStrategy.onStart(this);
        } catch (e) {
          this.strategyErrors.note('portfolio', 'onStart', e);
        }
      }
    }
    await this.broker.start();
    await this.feed.start();
    // A replay is over here: its last timestamp group has no "next bar" to close it.
    if (this.mode === 'backtest' && this.group.length > 0) this.flushGroup();
  }

  /**
   * End of the run: optionally close open positions at their last price, stop strategies, close the
   * account's books. Idempotent.
   */
  finish(opts: { closeAtEnd?: boolean } = {}): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.group.length > 0) this.flushGroup();
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
    if (this.portfolioStrategy !== undefined) {
      try {
        this.portfolioStrategy.onStop(this);
      } catch (e) {
        this.strategyErrors.note('portfolio', 'onStop', e);
      }
    }
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
    this.subs.length = 0;
    const steps: (() => unknown)[] = [() => this.feed.stop(), () => this.broker.stop(), () => this.orders.dispose()];
    for (const ctx of this.ctxs.values()) steps.push(() => ctx.bus.clear());
    steps.push(() => this.bus.clear());
    for (const step of steps) {
      try {
        await step();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) this.logLine(`warning: ${errors.length} error(s) during cleanup (isolated; the other parts were released)`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.cleanup();
  }
}
