import { Subject, type Observable } from 'rxjs';
import { ConfigError, InvariantError } from '../core/errors.ts';
import type { Timeframe } from '../core/time.ts';
import { Bar, type MarketEvent, type Quote, type TradeTick } from '../model/market-data.ts';
import { SessionCalendar, UTC_DAY_SESSION, type SessionSpec } from '../model/session-calendar.ts';
import { TimeframeBucketer } from './timeframe-bucketer.ts';

/**
 * Which events move a bar's prices:
 * - 'trades-only': trade prints only; quotes just advance time (they can close bars, never open one).
 * - 'trades-then-quotes' (default): trades; a bar in which no trade printed is built from quotes
 *   (mid, or last when a side is missing) with volume 0. The first trade in a quote-built bar
 *   restarts it from that trade, so a bar with any trade reflects trades only.
 * - 'quotes-mid': prices from quote mids; trades add their size to the open bar's volume (a trade
 *   before the bar's first quote is not counted: the bar does not exist yet).
 */
export type QuoteMode = 'trades-only' | 'trades-then-quotes' | 'quotes-mid';

export interface BarAggregatorOptions {
  /** The one instrument this aggregator builds bars for; events of another symbol are a bug. */
  readonly symbol: string;
  /** Timeframes to build, e.g. ['1m', '5m', '1h', '1d']. Hour bars align to the session open. */
  readonly timeframes: readonly (Timeframe | string)[];
  /** Trading session (instrument.session). Default: plain UTC days. */
  readonly session?: SessionSpec;
  readonly quoteMode?: QuoteMode;
  /**
   * onTime closes a bar only once nowMs >= end + timerGraceMs, so prints still in flight when a
   * live timer fires are not dropped as late. 0 (default) for replays; ~250 ms is sensible live.
   */
  readonly timerGraceMs?: number;
}

export type BarListener = (bar: Bar, tf: string) => void;

/** What seedFromHistory made of the history: the bars to take as closed, and the one continued live. */
export interface SeedResult {
  readonly closed: readonly Bar[];
  readonly forming: Bar | undefined;
}

/** The forming bar of one timeframe: plain numeric fields, mutated in place (no allocation per tick). */
class FormingBar {
  active = false;
  startMs = Number.NaN;
  endMs = Number.NaN;
  open = Number.NaN;
  high = Number.NaN;
  low = Number.NaN;
  close = Number.NaN;
  volume = 0;
  /** Times of the events that set open/close, so an out-of-order event inside the bar cannot move them wrongly. */
  openTsMs = Number.NaN;
  closeTsMs = Number.NaN;
  hasTrade = false;
  subject: Subject<Bar> | undefined = undefined;
  constructor(readonly bucketer: TimeframeBucketer) {}
}

/**
 * Ticks -> OHLCV bars on several timeframes for ONE instrument, by exchange time.
 *
 * Invariants:
 * - A bar covers [startMs, endMs); an event at exactly endMs belongs to the next bar.
 * - A bar closes on the first event at or past its end, or when `onTime(nowMs)` passes its end (quiet
 *   market). Live calls onTime from a timer, a replay with event times; both build the same bars.
 * - Closed bars are emitted in order of their end time (ties: shorter timeframe first), whichever of
 *   the two closed them, so the emitted sequence does not depend on when the timer fired.
 * - An event older than the watermark (the latest open bar's start / closed bar's end over all
 *   timeframes) is late: counted in `lateEvents` and dropped by every timeframe, so all timeframes
 *   see the same events. Periods without events produce no bar (gaps, not flat bars).
 * - Daily bars are trading sessions (tsMs = the session open, e.g. 17:00 CT the day before).
 */
export class BarAggregator {
  readonly symbol: string;
  readonly quoteMode: QuoteMode;
  readonly timerGraceMs: number;
  /** Configured timeframes, shortest first. */
  readonly timeframes: readonly string[];
  private readonly states: FormingBar[];
  private readonly byTf = new Map<string, FormingBar>();
  private readonly listeners: BarListener[] = [];
  /** Events older than this are late. */
  private watermarkMs = Number.NEGATIVE_INFINITY;
  /** Earliest end among open bars; an event before it touches no boundary (the common case). */
  private nextEndMs = Number.POSITIVE_INFINITY;
  private lastTimeMs = Number.NEGATIVE_INFINITY;
  private late = 0;
  private accepted = 0;
  private emitted = 0;

  constructor(opts: BarAggregatorOptions) {
    if (opts.timeframes.length === 0) throw new ConfigError('BarAggregator needs at least one timeframe', { where: 'timeframes' });
    this.symbol = opts.symbol;
    this.quoteMode = opts.quoteMode ?? 'trades-then-quotes';
    this.timerGraceMs = opts.timerGraceMs ?? 0;
    const calendar = new SessionCalendar(opts.session ?? UTC_DAY_SESSION);
    const bucketers = [...new Set(opts.timeframes)].map((tf) => new TimeframeBucketer(tf, calendar));
    bucketers.sort((a, b) => a.tfMs - b.tfMs);
    this.states = bucketers.map((b) => new FormingBar(b));
    for (const s of this.states) this.byTf.set(s.bucketer.tf, s);
    this.timeframes = this.states.map((s) => s.bucketer.tf);
  }

  /** Events dropped because they were older than the open bars. */
  get lateEvents(): number {
    return this.late;
  }
  /** Events accepted (not late). */
  get eventsAccepted(): number {
    return this.accepted;
  }
  get barsEmitted(): number {
    return this.emitted;
  }

  /** Hot-path listener for every closed bar of every timeframe. Returns an unsubscribe function. */
  onBar(cb: BarListener): () => void {
    this.listeners.push(cb);
    return () => {
      const i = this.listeners.indexOf(cb);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Closed bars of one timeframe as an Observable (one Subject per timeframe, created on first ask). */
  bars$(tf: Timeframe | string): Observable<Bar> {
    const s = this.state(tf);
    if (s.subject === undefined) s.subject = new Subject<Bar>();
    return s.subject.asObservable();
  }

  /** A snapshot of the forming bar of a timeframe, undefined when none is open. */
  current(tf: Timeframe | string): Bar | undefined {
    const s = this.state(tf);
    return s.active ? new Bar(this.symbol, s.startMs, s.open, s.high, s.low, s.close, s.volume) : undefined;
  }

  onTrade(t: TradeTick): void {
    if (t.symbol !== this.symbol) this.wrongSymbol(t.symbol);
    if (!this.admit(t.tsMs)) return;
    const ts = t.tsMs;
    const price = t.price;
    const size = t.size;
    const states = this.states;
    if (this.quoteMode === 'quotes-mid') {
      for (let i = 0; i < states.length; i++) if (states[i].active) states[i].volume += size;
      return;
    }
    for (let i = 0; i < states.length; i++) {
      const s = states[i];
      if (s.active && s.hasTrade && ts >= s.closeTsMs) {
        // The common case, inlined: a later trade in a bar that already has trades.
        if (price > s.high) s.high = price;
        else if (price < s.low) s.low = price;
        s.close = price;
        s.closeTsMs = ts;
        s.volume += size;
      } else if (s.active && !s.hasTrade && this.quoteMode === 'trades-then-quotes') {
        this.start(s, ts, price, price, price, price, size, true); // quote-built bar: trades take over
      } else {
        this.apply(s, ts, price, price, price, price, size, true);
      }
    }
  }

  onQuote(q: Quote): void {
    if (q.symbol !== this.symbol) this.wrongSymbol(q.symbol);
    if (!this.admit(q.tsMs)) return;
    if (this.quoteMode === 'trades-only') return;
    const hasBook = q.bid > 0 && q.ask > 0 && Number.isFinite(q.bid) && Number.isFinite(q.ask);
    const price = hasBook ? (q.bid + q.ask) / 2 : q.last;
    if (!Number.isFinite(price)) return;
    const ts = q.tsMs;
    for (const s of this.states) {
      if (s.active && s.hasTrade) continue; // only in trades-then-quotes can a bar have trades
      this.apply(s, ts, price, price, price, price, 0, false);
    }
  }

  /**
   * A finished bar of a shorter timeframe (e.g. 1m history bars -> 5m, 1h). It is placed by its start;
   * call onTime(bar end) afterwards if the larger bars should close without waiting for the next one.
   */
  onSourceBar(b: Bar): void {
    if (b.symbol !== this.symbol) this.wrongSymbol(b.symbol);
    if (!this.admit(b.tsMs)) return;
    const isTrade = this.quoteMode !== 'quotes-mid';
    for (const s of this.states) this.apply(s, b.tsMs, b.open, b.high, b.low, b.close, b.volume, isTrade);
  }

  /** Any market event; depth updates only advance time. */
  onEvent(ev: MarketEvent): void {
    switch (ev.kind) {
      case 'trade':
        this.onTrade(ev.trade);
        return;
      case 'quote':
        this.onQuote(ev.quote);
        return;
      case 'bar':
        this.onSourceBar(ev.bar);
        return;
      case 'depth':
        if (ev.depth.symbol !== this.symbol) this.wrongSymbol(ev.depth.symbol);
        this.admit(ev.depth.tsMs);
        return;
    }
  }

  /** Quiet-market close: emits every open bar whose end <= nowMs - timerGraceMs. */
  onTime(nowMs: number): void {
    if (nowMs > this.lastTimeMs) this.lastTimeMs = nowMs;
    const limit = nowMs - this.timerGraceMs;
    if (limit >= this.nextEndMs) this.closeThrough(limit);
  }

  /**
   * Join warm-up history (bars of `tf`, oldest first) to the live stream without gap or duplicate.
   * The last historical bar is continued live (its values replace the forming bar) when it is the bar
   * currently forming here, or when it has not ended yet at nowMs (default: the latest time this
   * aggregator has seen; with no time known at all it is taken as closed). Otherwise every
   * historical bar is closed and events before the last one's end are late. Feed `closed` to
   * consumers as history; the continued bar is emitted through onBar/bars$ when it closes.
   */
  seedFromHistory(tf: Timeframe | string, bars: readonly Bar[], nowMs?: number): SeedResult {
    const s = this.state(tf);
    if (bars.length === 0) return { closed: [], forming: undefined };
    const last = bars[bars.length - 1];
    s.bucketer.locate(last.tsMs);
    const startMs = s.bucketer.startMs;
    const endMs = s.bucketer.endMs;
    const now = nowMs ?? this.lastTimeMs;
    if (s.active && s.startMs > startMs) {
      return { closed: bars.slice(), forming: undefined }; // live is already past the history
    }
    const continues = (s.active && s.startMs === startMs) || (Number.isFinite(now) && now < endMs);
    if (continues) {
      s.active = true;
      s.startMs = startMs;
      s.endMs = endMs;
      s.open = last.open;
      s.high = last.high;
      s.low = last.low;
      s.close = last.close;
      s.volume = last.volume;
      s.openTsMs = startMs;
      s.closeTsMs = startMs;
      // A seeded bar with volume saw trades; in quotes-mid mode quotes always move the bar.
      s.hasTrade = this.quoteMode !== 'quotes-mid' && last.volume > 0;
      if (startMs > this.watermarkMs) this.watermarkMs = startMs;
    } else {
      s.active = false; // a live bar older than complete history is superseded by it
      if (endMs > this.watermarkMs) this.watermarkMs = endMs;
    }
    this.recomputeNextEnd();
    return continues ? { closed: bars.slice(0, -1), forming: this.current(tf) } : { closed: bars.slice(), forming: undefined };
  }

  /** Late check and boundary crossing shared by every event kind; false when the event is late. */
  private admit(tsMs: number): boolean {
    if (tsMs < this.watermarkMs) {
      this.late += 1;
      return false;
    }
    this.accepted += 1;
    if (tsMs > this.lastTimeMs) this.lastTimeMs = tsMs;
    if (tsMs >= this.nextEndMs) this.closeThrough(tsMs);
    return true;
  }

  private apply(s: FormingBar, ts: number, o: number, h: number, l: number, c: number, v: number, isTrade: boolean): void {
    if (!s.active) {
      this.start(s, ts, o, h, l, c, v, isTrade);
      return;
    }
    if (ts < s.openTsMs) {
      s.open = o;
      s.openTsMs = ts;
    }
    if (h > s.high) s.high = h;
    if (l < s.low) s.low = l;
    if (ts >= s.closeTsMs) {
      s.close = c;
      s.closeTsMs = ts;
    }
    s.volume += v;
  }

  /** Opens a bar at ts (or restarts the current one from a trade, keeping its bucket). */
  private start(s: FormingBar, ts: number, o: number, h: number, l: number, c: number, v: number, isTrade: boolean): void {
    if (!s.active) {
      s.bucketer.locate(ts);
      s.startMs = s.bucketer.startMs;
      s.endMs = s.bucketer.endMs;
      s.active = true;
      if (s.startMs > this.watermarkMs) this.watermarkMs = s.startMs;
      if (s.endMs < this.nextEndMs) this.nextEndMs = s.endMs;
    }
    s.open = o;
    s.high = h;
    s.low = l;
    s.close = c;
    s.volume = v;
    s.openTsMs = ts;
    s.closeTsMs = ts;
    s.hasTrade = isTrade;
  }

  /** Emits open bars with end <= limitMs, earliest end first (ties: shorter timeframe first). */
  private closeThrough(limitMs: number): void {
    for (;;) {
      let next: FormingBar | undefined;
      for (const s of this.states) {
        if (s.active && s.endMs <= limitMs && (next === undefined || s.endMs < next.endMs)) next = s;
      }
      if (next === undefined) break;
      next.active = false;
      if (next.endMs > this.watermarkMs) this.watermarkMs = next.endMs;
      this.emit(next);
    }
    this.recomputeNextEnd();
  }

  private emit(s: FormingBar): void {
    const bar = new Bar(this.symbol, s.startMs, s.open, s.high, s.low, s.close, s.volume);
    this.emitted += 1;
    const tf = s.bucketer.tf;
    for (let i = 0; i < this.listeners.length; i++) this.listeners[i](bar, tf);
    if (s.subject !== undefined) s.subject.next(bar);
  }

  private recomputeNextEnd(): void {
    let next = Number.POSITIVE_INFINITY;
    for (const s of this.states) if (s.active && s.endMs < next) next = s.endMs;
    this.nextEndMs = next;
  }

  private state(tf: string): FormingBar {
    const s = this.byTf.get(tf);
    if (s === undefined) throw new ConfigError(`timeframe '${tf}' is not aggregated here`, { where: 'timeframe', hint: `configured: ${this.timeframes.join(', ')}` });
    return s;
  }

  private wrongSymbol(symbol: string): never {
    throw new InvariantError(`BarAggregator for ${this.symbol} got an event for ${symbol}`);
  }
}
