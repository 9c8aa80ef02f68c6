import { Subject, type Observable } from 'rxjs';
import type { BacktestClock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { timeframeToMs } from '../core/time.ts';
import type { ConnectionStatus } from '../model/events.ts';
import type { Instrument } from '../model/instrument.ts';
import type { Bar, DepthUpdate, Quote, TradeTick } from '../model/market-data.ts';
import type { SessionSpec } from '../model/session-calendar.ts';
import { BarAggregator } from './bar-aggregator.ts';
import type { MarketFeed } from './market-feed.ts';
import { RecordingReader, readRecording, type Recording } from './recording-reader.ts';

/**
 * Where a feed hands warm-up history (suite/warm-up.ts implements it over the instrument contexts):
 * how many closed base bars a symbol needs, and the bars themselves (oldest first), applied WITHOUT
 * trading before any live event reaches the strategy.
 */
export interface WarmupTarget {
  barsNeeded(symbol: string): number;
  apply(symbol: string, bars: readonly Bar[]): void;
}

/**
 * The one path from ticks to the streams a suite reads, shared by the live ProjectXFeed and the
 * RecordingReplayFeed so both build the same bars in the same order relative to the ticks.
 *
 * Order per event (the parity contract): the aggregator sees a quote/trade FIRST (a bar it closes
 * goes out on bars$ and the strategy may order), THEN the quote/trade itself goes out (the simulated
 * venue, subscribed first, matches the new order against it; then the strategy sees it). Live, an
 * order sent on a bar closed by quote q reaches the venue while q is the market, so paper, live and
 * replay all fill it at q's touch.
 *
 * Bars leave at most once per (symbol, start): a bar not after the last emitted one is dropped and
 * counted (reconnect rebuilds can never double a bar).
 */
export class TickPipeline {
  readonly symbols: readonly string[];
  readonly baseTimeframe: string;
  readonly baseMs: number;
  private readonly aggs = new Map<string, BarAggregator>();
  private readonly sessions = new Map<string, SessionSpec | undefined>();
  private readonly barS = new Map<string, Subject<Bar>>();
  private readonly quoteS = new Map<string, Subject<Quote>>();
  private readonly tradeS = new Map<string, Subject<TradeTick>>();
  private readonly depthS = new Map<string, Subject<DepthUpdate>>();
  private readonly lastBarMs = new Map<string, number>();
  private readonly timerGraceMs: number;
  private timerClosing = false;
  /** Bars closed by a quiet-market timer (not by an event): live records them as markers. */
  onTimerBar: ((bar: Bar) => void) | undefined = undefined;
  barsEmitted = 0;
  barsDropped = 0;

  constructor(instruments: readonly { symbol: string; session?: SessionSpec }[], baseTimeframe: string, timerGraceMs = 0) {
    const ms = timeframeToMs(baseTimeframe);
    if (!(ms > 0)) throw new ConfigError(`unknown timeframe '${baseTimeframe}'`, { where: '--timeframe', hint: 'e.g. 1m, 5s, 1h' });
    this.baseTimeframe = baseTimeframe;
    this.baseMs = ms;
    this.timerGraceMs = timerGraceMs;
    this.symbols = instruments.map((i) => i.symbol);
    for (const ins of instruments) {
      this.sessions.set(ins.symbol, ins.session);
      this.barS.set(ins.symbol, new Subject<Bar>());
      this.quoteS.set(ins.symbol, new Subject<Quote>());
      this.tradeS.set(ins.symbol, new Subject<TradeTick>());
      this.depthS.set(ins.symbol, new Subject<DepthUpdate>());
      this.lastBarMs.set(ins.symbol, Number.NEGATIVE_INFINITY);
      this.resetAggregator(ins.symbol);
    }
  }

  bars$(symbol: string): Observable<Bar> {
    return this.subject(this.barS, symbol).asObservable();
  }
  quotes$(symbol: string): Observable<Quote> {
    return this.subject(this.quoteS, symbol).asObservable();
  }
  trades$(symbol: string): Observable<TradeTick> {
    return this.subject(this.tradeS, symbol).asObservable();
  }
  depth$(symbol: string): Observable<DepthUpdate> {
    return this.subject(this.depthS, symbol).asObservable();
  }

  aggregator(symbol: string): BarAggregator {
    return this.aggs.get(symbol)!;
  }

  /** Start of the last bar emitted for the symbol (-Infinity before the first). */
  lastBarTsMs(symbol: string): number {
    return this.lastBarMs.get(symbol) ?? Number.NEGATIVE_INFINITY;
  }

  /** A fresh aggregator (reconnect rebuild): the forming bar is forgotten, emitted bars stay emitted. */
  resetAggregator(symbol: string): BarAggregator {
    const agg = new BarAggregator({ symbol, timeframes: [this.baseTimeframe], session: this.sessions.get(symbol), timerGraceMs: this.timerGraceMs });
    agg.onBar((bar) => this.emitBar(bar));
    this.aggs.set(symbol, agg);
    return agg;
  }

  /** `aggregate` false: the event reaches venue and strategy but builds no bar (a reconnect gap). */
  quote(q: Quote, aggregate = true): void {
    if (aggregate) this.aggs.get(q.symbol)?.onQuote(q);
    this.quoteS.get(q.symbol)?.next(q);
  }

  trade(t: TradeTick, aggregate = true): void {
    if (aggregate) this.aggs.get(t.symbol)?.onTrade(t);
    this.tradeS.get(t.symbol)?.next(t);
  }

  depth(d: DepthUpdate, aggregate = true): void {
    if (aggregate) this.aggs.get(d.symbol)?.onEvent({ kind: 'depth', depth: d });
    this.depthS.get(d.symbol)?.next(d);
  }

  /** Quiet-market close at exchange time `nowMs` (minus the grace). */
  onTime(symbol: string, nowMs: number): void {
    const agg = this.aggs.get(symbol);
    if (agg === undefined) return;
    this.timerClosing = true;
    try {
      agg.onTime(nowMs);
    } finally {
      this.timerClosing = false;
    }
  }

  /**
   * Warm-up history into the aggregator (BarAggregator.seedFromHistory): returns the bars to treat as
   * closed history; a continued last bar closes later as a live bar. Emitted-bar bookkeeping moves past
   * the history so live bars follow it without gap or duplicate.
   */
  seed(symbol: string, bars: readonly Bar[], nowMs: number | undefined): readonly Bar[] {
    const agg = this.aggs.get(symbol)!;
    const { closed } = agg.seedFromHistory(this.baseTimeframe, bars, nowMs);
    if (closed.length > 0) {
      const last = closed[closed.length - 1].tsMs;
      if (last > this.lastBarTsMs(symbol)) this.lastBarMs.set(symbol, last);
    }
    return closed;
  }

  /** Emit an already-built bar (REST rebuild of a gap), subject to the once-per-start rule. */
  emitBar(bar: Bar): void {
    const last = this.lastBarMs.get(bar.symbol) ?? Number.NEGATIVE_INFINITY;
    if (bar.tsMs <= last) {
      this.barsDropped += 1;
      return;
    }
    this.lastBarMs.set(bar.symbol, bar.tsMs);
    this.barsEmitted += 1;
    if (this.timerClosing) this.onTimerBar?.(bar);
    this.barS.get(bar.symbol)?.next(bar);
  }

  complete(): void {
    for (const m of [this.barS, this.quoteS, this.tradeS, this.depthS]) for (const s of m.values()) s.complete();
  }

  private subject<T>(m: Map<string, Subject<T>>, symbol: string): Subject<T> {
    const s = m.get(symbol);
    if (s === undefined) throw new ConfigError(`feed has no symbol '${symbol}'`, { hint: `symbols: ${this.symbols.join(', ')}` });
    return s;
  }
}

export interface RecordingReplayOptions {
  /** Advanced to each event's exchange time before it is delivered. */
  readonly clock?: BacktestClock;
  /** Default: the recording's meta.baseTimeframe, else 1m. */
  readonly baseTimeframe?: string;
  /** Default: the recording header's instruments. */
  readonly instruments?: readonly Instrument[];
}

/**
 * A MarketFeed over a recording (MarketRecorder NDJSON): emits the recorded quotes, trades and depth
 * and the bars the same TickPipeline/BarAggregator builds from them, so a backtest sees exactly what
 * the paper or live session saw. Bar lines mean:
 * - before a symbol's first tick: warm-up history the session loaded (given to `warmup`, seeded into
 *   the aggregator with the first tick's time as "now", exactly as live);
 * - after it: a bar the live feed closed on its quiet-market timer; the replay closes its forming bar
 *   at the same point of the event sequence.
 * Synchronous: start() replays everything and resolves (then every stream completes).
 */
export class RecordingReplayFeed implements MarketFeed {
  readonly symbols: readonly string[];
  readonly instruments: readonly Instrument[];
  readonly baseTimeframe: string;
  readonly pipeline: TickPipeline;
  warmup: WarmupTarget | undefined = undefined;
  private readonly statusS = new Subject<ConnectionStatus>();
  private readonly source: string | Recording;
  private readonly clock: BacktestClock | undefined;
  private stopped = false;
  eventsDelivered = 0;
  firstTsMs = Number.NaN;
  lastTsMs = Number.NaN;

  constructor(source: string | Recording, opts: RecordingReplayOptions = {}) {
    this.source = source;
    const header = typeof source === 'string' ? RecordingReader.open(source) : undefined;
    const h = header?.header ?? (source as Recording).header;
    header?.close();
    this.instruments = opts.instruments ?? h.instruments;
    if (this.instruments.length === 0) throw new ConfigError('recording names no instruments', { where: typeof source === 'string' ? source : 'recording', hint: 'record with MarketRecorder({ instruments })' });
    this.symbols = this.instruments.map((i) => i.symbol);
    const metaTf = typeof h.meta.baseTimeframe === 'string' ? h.meta.baseTimeframe : undefined;
    this.baseTimeframe = opts.baseTimeframe ?? metaTf ?? '1m';
    this.clock = opts.clock;
    this.pipeline = new TickPipeline(this.instruments, this.baseTimeframe, 0);
  }

  /** Reads the whole recording (for callers that want its header and events up front). */
  static load(path: string): Recording {
    return readRecording(path);
  }

  bars$(symbol: string): Observable<Bar> {
    return this.pipeline.bars$(symbol);
  }
  quotes$(symbol: string): Observable<Quote> {
    return this.pipeline.quotes$(symbol);
  }
  trades$(symbol: string): Observable<TradeTick> {
    return this.pipeline.trades$(symbol);
  }
  depth$(symbol: string): Observable<DepthUpdate> {
    return this.pipeline.depth$(symbol);
  }
  get status$(): Observable<ConnectionStatus> {
    return this.statusS.asObservable();
  }

  async start(): Promise<void> {
    this.runSync();
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  runSync(): void {
    this.stopped = false;
    const p = this.pipeline;
    const history = new Map<string, Bar[]>();
    const ticking = new Set<string>();
    const flushHistory = (symbol: string, nowMs: number | undefined): void => {
      ticking.add(symbol);
      const bars = history.get(symbol);
      if (bars === undefined || bars.length === 0) return;
      history.delete(symbol);
      const closed = p.seed(symbol, bars, nowMs);
      this.warmup?.apply(symbol, closed);
    };
    const events = typeof this.source === 'string' ? RecordingReader.open(this.source).events() : this.source.events;
    for (const ev of events) {
      if (this.stopped) break;
      if (ev.kind === 'bar') {
        const b = ev.bar;
        if (!p.symbols.includes(b.symbol)) continue;
        if (!ticking.has(b.symbol)) {
          let list = history.get(b.symbol);
          if (list === undefined) history.set(b.symbol, (list = []));
          list.push(b);
        } else {
          this.clock?.advance(b.tsMs + p.baseMs);
          p.onTime(b.symbol, b.tsMs + p.baseMs);
        }
        continue;
      }
      const sym = ev.kind === 'quote' ? ev.quote.symbol : ev.kind === 'trade' ? ev.trade.symbol : ev.depth.symbol;
      if (!p.symbols.includes(sym)) continue;
      const ts = ev.kind === 'quote' ? ev.quote.tsMs : ev.kind === 'trade' ? ev.trade.tsMs : ev.depth.tsMs;
      if (!ticking.has(sym)) flushHistory(sym, ts);
      this.clock?.advance(ts);
      if (Number.isNaN(this.firstTsMs)) this.firstTsMs = ts;
      this.lastTsMs = ts;
      this.eventsDelivered += 1;
      if (ev.kind === 'quote') p.quote(ev.quote);
      else if (ev.kind === 'trade') p.trade(ev.trade);
      else p.depth(ev.depth);
    }
    for (const sym of [...history.keys()]) flushHistory(sym, undefined);
    p.complete();
    this.statusS.complete();
  }
}
