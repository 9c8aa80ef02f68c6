import type { SessionCalendar } from '../model/session-calendar.ts';
import type { PositionManager, PositionState } from '../execution/position-manager.ts';
import type { DailyEquityPoint, DailyPricePoint } from '../model/results.ts';
import { civilDate } from '../core/time.ts';
import { CandleSampler, SeriesSampler } from './series-sampler.ts';

/** Bars whose session is checked every bar (see onTrackBar). */
const FEEDBACK_BARS = 256;

/** Exact bar-resolution drawdown figures (the sampled equity curve only approximates them). */
export interface DrawdownStats {
  /** Largest peak-to-trough fall as a fraction of the running peak (0.1 = 10%). */
  maxDrawdownPct: number;
  /** Largest peak-to-trough fall in currency. */
  maxDrawdown: number;
  /** Peak, trough and recovery of the largest fractional drawdown (recovery null if never). */
  peakMs: number | null;
  troughMs: number | null;
  recoveryMs: number | null;
}

/** One instrument's bookkeeping; the instrument context holds it to skip a lookup per bar. */
export interface SymbolTrack {
  readonly state: PositionState;
  readonly calendar: SessionCalendar;
  day: number;
  /** [dayStartMs, dayEndMs): the session of `day`, so most bars skip the calendar altogether. */
  dayStartMs: number;
  dayEndMs: number;
  lastClose: number;
  readonly daily: DailyPricePoint[];
  readonly candles: CandleSampler;
  bars: number;
}

/**
 * Cash and equity of the account, marked to market at every bar close (futures: cash moves only
 * with realized PnL and fees; equity = cash + open PnL). Records end-of-session equity per trading
 * date (DESIGN.md §4, §7), a downsampled equity curve, exact drawdown and time in market.
 * Per bar it does a handful of arithmetic operations and one cached calendar lookup.
 */
export class Account {
  private readonly tracks = new Map<string, SymbolTrack>();
  /** The same tracks as an array: the per-bar loops avoid Map iterators. */
  private readonly trackList: SymbolTrack[] = [];
  private readonly equitySampler: SeriesSampler;
  readonly dailyEquity: DailyEquityPoint[] = [];
  private day = Number.NaN;
  // Numeric initializers on fields written per bar: a field declared bare starts as `undefined`
  // (class fields are defined before the constructor runs), so V8 gives it a tagged representation
  // and every double stored into it allocates a new heap number (16 MB per million bars each).
  // Started as a number, the field holds its double in place.
  private lastEquity = Number.NaN;
  private lastTsMs = Number.NaN;
  /** First bar time seen (the period start). */
  firstTsMs = Number.NaN;
  private peak = Number.NaN;
  private peakMs = Number.NaN;
  // The drawdown figures as numbers (NaN for null), read through `drawdown`: the per-bar comparisons
  // stay on plain double fields.
  private ddMaxPct = Number.NaN;
  private ddMax = Number.NaN;
  private ddPeakMs = Number.NaN;
  private ddTroughMs = Number.NaN;
  private ddRecoveryMs = Number.NaN;
  /** A deepest drawdown has been recorded and equity has not yet been back at its peak. */
  private ddAwaitingRecovery = false;
  private ddPeakValue = Number.NaN;
  /** accountDay's cache: the account calendar's session [start, end) and its trading day. */
  private calDay = Number.NaN;
  private calDayStartMs = Number.NaN;
  private calDayEndMs = Number.NaN;
  /** Events (bars) seen, and those with any open position (time in market). */
  barsSeen = 0;
  barsInMarket = 0;

  constructor(
    readonly startingCash: number,
    positions: PositionManager,
    private readonly calendar: SessionCalendar,
    calendars: ReadonlyMap<string, SessionCalendar>,
    opts: { spanMs?: number; baseTimeframeMs?: number; maxPoints?: number } = {},
  ) {
    this.lastEquity = startingCash;
    this.peak = startingCash;
    this.ddMaxPct = 0;
    this.ddMax = 0;
    const span = opts.spanMs ?? 0;
    this.equitySampler = new SeriesSampler(span > 0 ? span / (opts.maxPoints ?? 2000) : 60_000, opts.maxPoints ?? 2000);
    for (const st of positions.all()) {
      const cal = calendars.get(st.instrument.symbol) ?? calendar;
      const candles = new CandleSampler(opts.baseTimeframeMs ?? 60_000);
      if (span > 0) candles.fitSpan(span);
      const track: SymbolTrack = { state: st, calendar: cal, day: Number.NaN, dayStartMs: 0, dayEndMs: 0, lastClose: Number.NaN, daily: [], candles, bars: 0 };
      this.tracks.set(st.instrument.symbol, track);
      this.trackList.push(track);
    }
  }

  /** Cash: starting cash + realized PnL − fees. */
  cash(): number {
    let c = this.startingCash;
    const l = this.trackList;
    for (let i = 0; i < l.length; i++) c += l[i].state.realizedPnl - l[i].state.fees;
    return c;
  }

  /** Equity: cash + open PnL at the last marks. Summed on demand (a few instruments): fills and marks
   * mutate the position states directly, so there is no running total to drift out of step. */
  equity(): number {
    let e = this.startingCash;
    const l = this.trackList;
    for (let i = 0; i < l.length; i++) {
      const s = l[i].state;
      e += s.realizedPnl - s.fees + s.unrealizedPnl;
    }
    return e;
  }

  /** Re-mark one symbol at a price (fills, quotes) without recording a bar. */
  markPrice(symbol: string, price: number): void {
    this.tracks.get(symbol)?.state.mark(price);
  }

  /** markPrice with the handle from trackOf. */
  markTrack(t: SymbolTrack, price: number): void {
    t.state.mark(price);
  }

  /** The bookkeeping handle of a symbol (undefined when the account does not trade it). */
  trackOf(symbol: string): SymbolTrack | undefined {
    return this.tracks.get(symbol);
  }

  /** A bar of `symbol` closed: mark, record daily and curve points. */
  onBar(symbol: string, tsMs: number, open: number, high: number, low: number, close: number): void {
    const t = this.tracks.get(symbol);
    if (t !== undefined) this.onTrackBar(t, tsMs, open, high, low, close);
  }

  /** onBar with the handle from trackOf (the per-bar path). */
  onTrackBar(t: SymbolTrack, tsMs: number, open: number, high: number, low: number, close: number): void {
    // Daily close per instrument on its own session calendar; the session's bounds are cached.
    // The first FEEDBACK_BARS bars check the session every bar (rollSession is idempotent within a
    // session): a call made only on the first bar, before V8 gives this function a feedback vector,
    // leaves no type feedback, and the per-bar path optimized before the second session was
    // deoptimized there and compiled again (`--trace-deopt`: handleBar, in about half the runs).
    if (tsMs >= t.dayEndMs || tsMs < t.dayStartMs || t.bars < FEEDBACK_BARS) this.rollSession(t, tsMs);
    t.lastClose = close;
    t.bars++;
    t.candles.add(tsMs, open, high, low, close);
    const st = t.state;
    if (st.size !== 0) {
      st.observeRange(high, low);
      st.mark(close);
    } else st.markPrice = close;
    this.recordEquity(tsMs, t.calendar === this.calendar ? t.day : this.accountDay(tsMs));
  }

  /**
   * The account's trading day of a bar of an instrument on another calendar (multi-instrument runs),
   * from the cached bounds of the account's current session: ~2 comparisons instead of a calendar
   * call per bar.
   */
  private accountDay(tsMs: number): number {
    if (tsMs >= this.calDayStartMs && tsMs < this.calDayEndMs) return this.calDay;
    const cal = this.calendar;
    const d = cal.tradingDay(tsMs);
    this.calDay = d;
    this.calDayStartMs = cal.sessionStartMs(d);
    this.calDayEndMs = cal.sessionStartMs(d + 1);
    if (!(tsMs >= this.calDayStartMs && tsMs < this.calDayEndMs)) {
      // Outside the computed bounds (a zone edge case): never cache, always ask the calendar.
      this.calDayStartMs = tsMs + 1;
      this.calDayEndMs = tsMs;
    }
    return d;
  }

  /** A bar outside the cached session of `t`: move to its trading day (rare: once a session). */
  private rollSession(t: SymbolTrack, tsMs: number): void {
    const d = t.calendar.tradingDay(tsMs);
    if (d !== t.day) {
      if (!Number.isNaN(t.day)) t.daily.push({ date: civilDate(t.day), close: t.lastClose });
      t.day = d;
    }
    t.dayStartMs = t.calendar.sessionStartMs(d);
    t.dayEndMs = t.calendar.sessionStartMs(d + 1);
    if (!(tsMs >= t.dayStartMs && tsMs < t.dayEndMs)) {
      // Outside the computed bounds (a zone edge case): never cache, always ask the calendar.
      t.dayStartMs = tsMs + 1;
      t.dayEndMs = tsMs;
    }
  }

  /** Per bar: equity, time in market, the equity curve, running peak and drawdown. Rare work is out of line. */
  private recordEquity(tsMs: number, day: number): void {
    // equity(), inline: a double returned from a call that is not inlined is boxed (16 bytes a bar).
    let eq = this.startingCash;
    let open = false;
    const l = this.trackList;
    for (let i = 0; i < l.length; i++) {
      const st = l[i].state;
      eq += st.realizedPnl - st.fees + st.unrealizedPnl;
      if (st.size !== 0) open = true;
    }
    if (this.barsSeen === 0) this.firstTsMs = tsMs;
    this.barsSeen++;
    if (open) this.barsInMarket++;
    if (day !== this.day) this.closeDay(day);
    this.lastEquity = eq;
    this.lastTsMs = tsMs;
    this.equitySampler.add(tsMs, eq);
    const peak = this.peak;
    if (eq > peak) {
      this.peak = eq;
      this.peakMs = tsMs;
      if (this.ddAwaitingRecovery && eq >= this.ddPeakValue) this.recovered(tsMs);
    } else if (eq < peak) {
      const dd = peak - eq;
      if (dd > this.ddMax) this.ddMax = round2(dd);
      const pct = peak > 0 ? dd / peak : 0;
      if (pct > this.ddMaxPct) this.deeperDrawdown(pct, tsMs);
    } else if (this.ddAwaitingRecovery && eq >= this.ddPeakValue) this.recovered(tsMs);
  }

  /** The account's trading day changed: record the last one's closing equity. */
  private closeDay(day: number): void {
    if (!Number.isNaN(this.day)) this.dailyEquity.push({ date: civilDate(this.day), equity: round2(this.lastEquity) });
    this.day = day;
  }

  private deeperDrawdown(pct: number, tsMs: number): void {
    this.ddMaxPct = pct;
    this.ddPeakMs = this.peakMs;
    this.ddTroughMs = tsMs;
    this.ddRecoveryMs = Number.NaN;
    this.ddAwaitingRecovery = true;
    this.ddPeakValue = this.peak;
  }

  private recovered(tsMs: number): void {
    this.ddRecoveryMs = tsMs;
    this.ddAwaitingRecovery = false;
  }

  /** Exact bar-resolution drawdown figures so far (a new object). */
  get drawdown(): DrawdownStats {
    const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
    return { maxDrawdownPct: this.ddMaxPct, maxDrawdown: this.ddMax, peakMs: orNull(this.ddPeakMs), troughMs: orNull(this.ddTroughMs), recoveryMs: orNull(this.ddRecoveryMs) };
  }

  /** Close the books: push the last session's equity and closes. */
  finish(): void {
    if (!Number.isNaN(this.day)) {
      const last = this.dailyEquity[this.dailyEquity.length - 1];
      const date = civilDate(this.day);
      if (last === undefined || last.date !== date) this.dailyEquity.push({ date, equity: round2(this.equity()) });
      else this.dailyEquity[this.dailyEquity.length - 1] = { date, equity: round2(this.equity()) };
    }
    for (const t of this.tracks.values()) {
      if (Number.isNaN(t.day)) continue;
      const date = civilDate(t.day);
      const last = t.daily[t.daily.length - 1];
      if (last === undefined || last.date !== date) t.daily.push({ date, close: t.lastClose });
    }
    if (!Number.isNaN(this.lastTsMs)) this.equitySampler.add(this.lastTsMs, this.equity());
  }

  equityCurve(): { tsMs: number; equity: number }[] {
    return this.equitySampler.points().map((p) => ({ tsMs: p.tsMs, equity: round2(p.value) }));
  }

  dailyPrices(): Record<string, DailyPricePoint[]> {
    const out: Record<string, DailyPricePoint[]> = {};
    for (const [sym, t] of this.tracks) out[sym] = t.daily;
    return out;
  }

  candles(): Record<string, { timeframeMs: number; rows: [number, number, number, number, number][] }> {
    const out: Record<string, { timeframeMs: number; rows: [number, number, number, number, number][] }> = {};
    for (const [sym, t] of this.tracks) out[sym] = { timeframeMs: t.candles.timeframeMs, rows: t.candles.candles() };
    return out;
  }

  barCount(symbol: string): number {
    return this.tracks.get(symbol)?.bars ?? 0;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
