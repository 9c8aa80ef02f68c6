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
