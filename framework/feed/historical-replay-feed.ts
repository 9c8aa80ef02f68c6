import { Subject, type Observable } from 'rxjs';
import { HotSubject } from '../bus/hot-subject.ts';
import { ConfigError } from '../core/errors.ts';
import type { BacktestClock } from '../core/clock.ts';
import { Bar, type DepthUpdate, type Quote, type TradeTick } from '../model/market-data.ts';
import { lowerBound, sliceBarColumns, type BarColumns } from '../model/bar-columns.ts';
import type { ConnectionStatus } from '../model/events.ts';
import type { MarketFeed } from './market-feed.ts';

export interface ReplayOptions {
  /** Only bars with tsMs >= fromMs. */
  readonly fromMs?: number;
  /** Only bars with tsMs < toMs. */
  readonly toMs?: number;
  /** Advanced to each event's time before the event is delivered. */
  readonly clock?: BacktestClock;
}

/**
 * Replays stored bar columns of one or many instruments merged in time order (k-way merge by tsMs;
 * equal timestamps break by instrument order = the order of `series`). Walks typed arrays; allocates
 * one small immutable Bar per event (cheap in V8's young generation and safe for strategies to keep).
 * Each symbol's bars go out through one Subject, wired once (DESIGN.md §9).
 */
export class HistoricalReplayFeed implements MarketFeed {
  readonly symbols: readonly string[];
  private readonly series: BarColumns[];
  private readonly barSubjects: Subject<Bar>[];
  private readonly quoteSubjects = new Map<string, Subject<Quote>>();
  private readonly tradeSubjects = new Map<string, Subject<TradeTick>>();
  private readonly depthSubjects = new Map<string, Subject<DepthUpdate>>();
  private readonly statusSubject = new Subject<ConnectionStatus>();
  private readonly clock: BacktestClock | undefined;
  private stopped = false;
  /** Events delivered by the last start(). */
  eventsDelivered = 0;

  constructor(series: readonly BarColumns[], opts: ReplayOptions = {}) {
    const seen = new Set<string>();
    for (const s of series) {
      if (seen.has(s.symbol)) throw new ConfigError(`symbol '${s.symbol}' given twice`, { where: '--data', hint: 'give each instrument once' });
      seen.add(s.symbol);
    }
    this.series = series.map((s) => {
      const from = opts.fromMs === undefined ? 0 : lowerBound(s.tsMs, opts.fromMs);
      const to = opts.toMs === undefined ? s.length : lowerBound(s.tsMs, opts.toMs);
      return sliceBarColumns(s, from, Math.max(from, to));
    });
    this.symbols = series.map((s) => s.symbol);
    this.barSubjects = series.map(() => new HotSubject<Bar>());
    this.clock = opts.clock;
  }

  /** Bars each symbol will replay (after the from/to window). */
  get barCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of this.series) out[s.symbol] = s.length;
    return out;
  }

  get totalBars(): number {
    let n = 0;
    for (const s of this.series) n += s.length;
    return n;
  }

  /** First and last bar time over all series (NaN when empty). */
  get span(): { fromMs: number; toMs: number } {
    let from = Infinity;
    let to = -Infinity;
    for (const s of this.series) {
      if (s.length === 0) continue;
      from = Math.min(from, s.tsMs[0]);
      to = Math.max(to, s.tsMs[s.length - 1]);
    }
    return from === Infinity ? { fromMs: Number.NaN, toMs: Number.NaN } : { fromMs: from, toMs: to };
  }

  bars$(symbol: string): Observable<Bar> {
    const i = this.symbols.indexOf(symbol);
    if (i < 0) throw new ConfigError(`feed has no symbol '${symbol}'`, { hint: `symbols: ${this.symbols.join(', ')}` });
    return this.barSubjects[i].asObservable();
  }

  quotes$(symbol: string): Observable<Quote> {
    return lazySubject(this.quoteSubjects, symbol).asObservable();
  }

  trades$(symbol: string): Observable<TradeTick> {
    return lazySubject(this.tradeSubjects, symbol).asObservable();
  }

  depth$(symbol: string): Observable<DepthUpdate> {
    return lazySubject(this.depthSubjects, symbol).asObservable();
  }

  get status$(): Observable<ConnectionStatus> {
    return this.statusSubject.asObservable();
  }

  async start(): Promise<void> {
    this.runSync();
  }

  /** The replay loop itself, synchronous. */
  runSync(): void {
    this.stopped = false;
    const n = this.series.length;
    if (n === 1) this.replayOne();
    else if (n > 1) this.replayMerged();
    this.complete();
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  private replayOne(): void {
    const s = this.series[0];
    const subj = this.barSubjects[0];
    const clock = this.clock;
    const sym = s.symbol;
    const { tsMs, open, high, low, close, volume } = s;
    const len = s.length;
    let i = 0;
    for (; i < len && !this.stopped; i++) {
      const t = tsMs[i];
      if (clock !== undefined) clock.advance(t);
      subj.next(new Bar(sym, t, open[i], high[i], low[i], close[i], volume[i]));
    }
    this.eventsDelivered = i;
  }

  /**
   * k-way merge. For the handful of instruments a futures portfolio trades, a linear scan of the
   * heads beats a heap (no sift, branch-predictable); ties go to the lowest index = instrument order.
   */
  private replayMerged(): void {
    const series = this.series;
    const n = series.length;
    const pos = new Int32Array(n);
    const heads = new Float64Array(n);
    for (let k = 0; k < n; k++) heads[k] = series[k].length > 0 ? series[k].tsMs[0] : Infinity;
    const clock = this.clock;
    let delivered = 0;
    while (!this.stopped) {
      let best = -1;
      let bestTs = Infinity;
      for (let k = 0; k < n; k++) {
        if (heads[k] < bestTs) {
          bestTs = heads[k];
          best = k;
        }
      }
      if (best < 0) break;
      const s = series[best];
      const i = pos[best];
      if (clock !== undefined) clock.advance(bestTs);
      this.barSubjects[best].next(new Bar(s.symbol, bestTs, s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]));
      delivered++;
      const ni = i + 1;
      pos[best] = ni;
      heads[best] = ni < s.length ? s.tsMs[ni] : Infinity;
    }
    this.eventsDelivered = delivered;
  }

  private complete(): void {
    for (const s of this.barSubjects) s.complete();
    for (const m of [this.quoteSubjects, this.tradeSubjects, this.depthSubjects]) for (const s of m.values()) s.complete();
    this.statusSubject.complete();
  }
}

function lazySubject<T>(map: Map<string, Subject<T>>, symbol: string): Subject<T> {
  let s = map.get(symbol);
  if (s === undefined) {
    s = new Subject<T>();
    map.set(symbol, s);
  }
  return s;
}
