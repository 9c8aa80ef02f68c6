import { Subject, type Observable } from 'rxjs';
import { HotSubject } from '../bus/hot-subject.ts';
import { ConfigError } from '../core/errors.ts';
import type { BacktestClock } from '../core/clock.ts';
import { Bar, type DepthUpdate, type Quote, type TradeTick } from '../model/market-data.ts';
import { toBarSource, type BarColumns, type BarInput, type BarSeriesSource, type BarWindow, type BarWindowStats } from '../model/bar-columns.ts';
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
 * Replays bars of one or many instruments merged in time order (k-way merge by tsMs; equal
 * timestamps break by instrument order = the order of `series`). Each series is in-memory columns
 * or a streaming source (model/bar-columns.ts BarSeriesSource, e.g. HistoryStore.open), walked
 * chunk by chunk: the per-bar loops run over one chunk's plain typed arrays and the next chunk is
 * pulled only when one runs out, so a streamed history costs a chunk per instrument in memory.
 * Allocates one small immutable Bar per event (cheap in V8's young generation and safe for
 * strategies to keep). Each symbol's bars go out through one Subject, wired once (DESIGN.md §9).
 */
export class HistoricalReplayFeed implements MarketFeed {
  readonly symbols: readonly string[];
  private readonly sources: readonly BarSeriesSource[];
  private readonly window: BarWindow;
  private windowStats: readonly BarWindowStats[] | undefined;
  private readonly barSubjects: HotSubject<Bar>[];
  private readonly quoteSubjects = new Map<string, Subject<Quote>>();
  private readonly tradeSubjects = new Map<string, Subject<TradeTick>>();
  private readonly depthSubjects = new Map<string, Subject<DepthUpdate>>();
  private readonly statusSubject = new Subject<ConnectionStatus>();
  private readonly clock: BacktestClock | undefined;
  private stopped = false;
  /** Events delivered by the last start(). */
  eventsDelivered = 0;

  constructor(series: readonly BarInput[], opts: ReplayOptions = {}) {
    const seen = new Set<string>();
    for (const s of series) {
      if (seen.has(s.symbol)) throw new ConfigError(`symbol '${s.symbol}' given twice`, { where: '--data', hint: 'give each instrument once' });
      seen.add(s.symbol);
    }
    this.sources = series.map(toBarSource);
    this.window = { fromMs: opts.fromMs, toMs: opts.toMs };
    this.symbols = series.map((s) => s.symbol);
    this.barSubjects = series.map(() => new HotSubject<Bar>());
    this.clock = opts.clock;
  }

  /** Count and span of each series in the from/to window (from the sources' indexes, once). */
  private get stats(): readonly BarWindowStats[] {
    return (this.windowStats ??= this.sources.map((s) => s.stats(this.window)));
  }

  /** Bars each symbol will replay (after the from/to window). */
  get barCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    this.stats.forEach((st, k) => (out[this.symbols[k]] = st.bars));
    return out;
  }

  get totalBars(): number {
    let n = 0;
    for (const st of this.stats) n += st.bars;
    return n;
  }

  /** First and last bar time over all series (NaN when empty). */
  get span(): { fromMs: number; toMs: number } {
    let from = Infinity;
    let to = -Infinity;
    for (const st of this.stats) {
      if (st.bars === 0) continue;
      from = Math.min(from, st.fromMs);
      to = Math.max(to, st.toMs);
    }
    return from === Infinity ? { fromMs: Number.NaN, toMs: Number.NaN } : { fromMs: from, toMs: to };
  }

  bars$(symbol: string): Observable<Bar> {
    const i = this.symbols.indexOf(symbol);
    if (i < 0) throw new ConfigError(`feed has no symbol '${symbol}'`, { hint: `symbols: ${this.symbols.join(', ')}` });
    return this.barSubjects[i].asObservable();
  }

  onBars(symbol: string, listener: (bar: Bar) => void): () => void {
    const i = this.symbols.indexOf(symbol);
    if (i < 0) throw new ConfigError(`feed has no symbol '${symbol}'`, { hint: `symbols: ${this.symbols.join(', ')}` });
    return this.barSubjects[i].addListener(listener);
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
    const n = this.sources.length;
    if (n === 1) this.replayOne();
    else if (n > 1) this.replayMerged();
    this.complete();
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  private replayOne(): void {
    const it = this.sources[0].chunks(this.window);
    try {
      this.eventsDelivered = this.walkOne(it);
    } finally {
      it.return?.(undefined); // closes a streamed file early when stopped (or a subscriber threw)
    }
  }

  /** One series: the per-bar loop runs over one chunk's typed arrays; chunks switch outside it. */
  private walkOne(it: Iterator<BarColumns, undefined>): number {
    let delivered = 0;
    while (!this.stopped) {
      const r = it.next();
      if (r.done === true) break;
      delivered += this.deliverChunk(r.value);
    }
    return delivered;
  }

  /**
   * The bars of one chunk, in order; returns how many were delivered (fewer when stopped). Its own
   * function so the loop's optimized (OSR) code ends at a plain return: arithmetic after the loop,
   * not yet run when the loop was compiled, deoptimized it at the end of the first chunk.
   */
  private deliverChunk(c: BarColumns): number {
    const subj = this.barSubjects[0];
    const clock = this.clock;
    const sym = this.symbols[0];
    const { tsMs, open, high, low, close, volume } = c;
    const len = c.length;
    let i = 0;
    for (; i < len && !this.stopped; i++) {
      const t = tsMs[i];
      if (clock !== undefined) clock.advance(t);
      subj.next(new Bar(sym, t, open[i], high[i], low[i], close[i], volume[i]));
    }
    return i;
  }

  private replayMerged(): void {
    const its = this.sources.map((s) => s.chunks(this.window));
    try {
      this.eventsDelivered = this.walkMerged(its);
    } finally {
      for (const it of its) it.return?.(undefined);
    }
  }

  /**
   * k-way merge. For the handful of instruments a futures portfolio trades, a linear scan of the
   * heads beats a heap (no sift, branch-predictable); ties go to the lowest index = instrument order.
   * Each series has a current chunk; the next one is pulled only when the current one runs out.
   */
  private walkMerged(its: readonly Iterator<BarColumns, undefined>[]): number {
    const n = its.length;
    const cur: BarColumns[] = [];
    const pos = new Int32Array(n);
    const heads = new Float64Array(n);
    const syms = this.symbols;
    const subjects = this.barSubjects;
    const clock = this.clock;
    for (let k = 0; k < n; k++) heads[k] = nextChunk(its[k], cur, pos, k);
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
      const s = cur[best];
      const i = pos[best];
      if (clock !== undefined) clock.advance(bestTs);
      subjects[best].next(new Bar(syms[best], bestTs, s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]));
      delivered++;
      const ni = i + 1;
      if (ni < s.length) {
        pos[best] = ni;
        heads[best] = s.tsMs[ni];
      } else {
        heads[best] = nextChunk(its[best], cur, pos, best);
      }
    }
    return delivered;
  }

  private complete(): void {
    for (const s of this.barSubjects) s.complete();
    for (const m of [this.quoteSubjects, this.tradeSubjects, this.depthSubjects]) for (const s of m.values()) s.complete();
    this.statusSubject.complete();
  }
}

/** Make series k's next non-empty chunk current; returns its first bar time, Infinity when done. */
function nextChunk(it: Iterator<BarColumns, undefined>, cur: BarColumns[], pos: Int32Array, k: number): number {
  for (;;) {
    const r = it.next();
    if (r.done === true) return Infinity;
    if (r.value.length === 0) continue;
    cur[k] = r.value;
    pos[k] = 0;
    return r.value.tsMs[0];
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
