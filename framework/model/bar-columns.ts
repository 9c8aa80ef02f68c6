import { DataError } from '../core/errors.ts';

/**
 * A bar series in columns: the in-memory form of the history store and the replay feed's input.
 * Typed arrays keep 1M bars in ~56 MB and let the replay loop walk them without allocating.
 * Invariants (checked by the store on load): tsMs strictly increasing, low <= open,close <= high, volume >= 0.
 */
export interface BarColumns {
  readonly symbol: string;
  /** Timeframe like '1m' (see core/time.ts). */
  readonly timeframe: string;
  readonly length: number;
  readonly tsMs: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export function allocBarColumns(symbol: string, timeframe: string, length: number): BarColumns {
  return {
    symbol,
    timeframe,
    length,
    tsMs: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/** A view of rows [from, to) (shares the buffers). */
export function sliceBarColumns(c: BarColumns, from: number, to: number): BarColumns {
  return {
    symbol: c.symbol,
    timeframe: c.timeframe,
    length: Math.max(0, to - from),
    tsMs: c.tsMs.subarray(from, to),
    open: c.open.subarray(from, to),
    high: c.high.subarray(from, to),
    low: c.low.subarray(from, to),
    close: c.close.subarray(from, to),
    volume: c.volume.subarray(from, to),
  };
}

/** First index with tsMs >= t (binary search). */
export function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A window of bars by bar start, epoch ms: [fromMs, toMs). Either end may be open. */
export interface BarWindow {
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** What a window of a series holds: exact bar count and first / last bar start (NaN when empty). */
export interface BarWindowStats {
  readonly bars: number;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * A bar series read as successive chunks, so a replay holds a chunk or two of bars instead of the
 * whole history (memory grows with windows, not history length). The store's streaming reader
 * (store/bar-stream.ts) and in-memory columns (`columnsSource`) both are one.
 *
 * Contract of `chunks`: chunks come in time order, each a plain BarColumns (typed arrays), none
 * empty, already cut to the window. A chunk's arrays are only valid until the iterator is advanced
 * again (a streaming reader reuses its buffer): copy what you keep. Call `return()` on an iterator
 * you abandon early so the reader can close its file.
 */
export interface BarSeriesSource {
  readonly symbol: string;
  readonly timeframe: string;
  /** Count and span of the bars in `window` (exact, and cheap: no pass over the whole series). */
  stats(window?: BarWindow): BarWindowStats;
  chunks(window?: BarWindow): Iterator<BarColumns, undefined>;
}

/** Bars as a backtest takes them: whole columns in memory, or a streaming source. */
export type BarInput = BarColumns | BarSeriesSource;

export function isBarSeriesSource(x: BarInput): x is BarSeriesSource {
  return typeof (x as BarSeriesSource).chunks === 'function';
}

/** In-memory columns as a source of one chunk (the window cut by binary search). */
export function columnsSource(c: BarColumns): BarSeriesSource {
  const cut = (w: BarWindow = {}): BarColumns => {
    const from = w.fromMs === undefined ? 0 : lowerBound(c.tsMs, w.fromMs);
    const to = w.toMs === undefined ? c.length : lowerBound(c.tsMs, w.toMs);
    return from === 0 && to === c.length ? c : sliceBarColumns(c, from, Math.max(from, to));
  };
  return {
    symbol: c.symbol,
    timeframe: c.timeframe,
    stats(w) {
      const s = cut(w);
      return s.length === 0 ? { bars: 0, fromMs: Number.NaN, toMs: Number.NaN } : { bars: s.length, fromMs: s.tsMs[0], toMs: s.tsMs[s.length - 1] };
    },
    *chunks(w) {
      const s = cut(w);
      if (s.length > 0) yield s;
      return undefined;
    },
  };
}

/** Either kind of input as a source. */
export function toBarSource(x: BarInput): BarSeriesSource {
  return isBarSeriesSource(x) ? x : columnsSource(x);
}

/** The same bars under another symbol (the CLI names instruments independently of file names). */
export function renameBarSource(src: BarSeriesSource, symbol: string): BarSeriesSource {
  if (src.symbol === symbol) return src;
  return { symbol, timeframe: src.timeframe, stats: (w) => src.stats(w), chunks: (w) => src.chunks(w) };
}

/** The intersection of two windows (the later start, the earlier end). */
export function intersectWindows(a: BarWindow, b: BarWindow = {}): BarWindow {
  const fromMs = a.fromMs === undefined ? b.fromMs : b.fromMs === undefined ? a.fromMs : Math.max(a.fromMs, b.fromMs);
  const toMs = a.toMs === undefined ? b.toMs : b.toMs === undefined ? a.toMs : Math.min(a.toMs, b.toMs);
  return { fromMs, toMs };
}

/** The first chunk (or no bars), closing the iterator (and so the file) after it. */
export function firstChunk(chunks: Iterator<BarColumns, undefined>, symbol: string, timeframe: string): BarColumns {
  const r = chunks.next();
  chunks.return?.(undefined);
  return r.done === true ? allocBarColumns(symbol, timeframe, 0) : r.value;
}

/**
 * Copy chunks (each valid only until the next is pulled) into one BarColumns of `n` bars (the
 * count from the source's stats), as they come: the source is never held beside the copy.
 * `file` names the source in the error if it yields more bars than counted.
 */
export function concatBarChunks(chunks: Iterator<BarColumns, undefined>, n: number, symbol: string, timeframe: string, file: string): BarColumns {
  const out = allocBarColumns(symbol, timeframe, n);
  let at = 0;
  for (let r = chunks.next(); r.done !== true; r = chunks.next()) {
    const c = r.value;
    if (at + c.length > n) {
      chunks.return?.(undefined);
      throw new DataError(`more bars than the ${n} counted: the file changed while it was read`, { file, hint: 'read it again' });
    }
    out.tsMs.set(c.tsMs, at);
    out.open.set(c.open, at);
    out.high.set(c.high, at);
    out.low.set(c.low, at);
    out.close.set(c.close, at);
    out.volume.set(c.volume, at);
    at += c.length;
  }
  return at === n ? out : sliceBarColumns(out, 0, at);
}
