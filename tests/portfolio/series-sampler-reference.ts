/** The samplers as they were before the current bucket moved into fields (kept as the reference the tests compare with). */
/**
 * Downsamples a time series as it is produced, so results grow with time buckets, not with bars.
 * Each bucket keeps its lowest and its last point (in time order): the curve keeps its shape and its
 * troughs. When the point count passes `maxPoints`, the bucket width doubles and neighbours merge,
 * so the bound holds without knowing the run's length in advance (live sessions).
 */
export class RefSeriesSampler {
  private bucketMs: number;
  private readonly maxPoints: number;
  /** Per bucket: [bucketIndex, minTs, minValue, lastTs, lastValue]. */
  private buckets: number[][] = [];

  constructor(initialBucketMs: number, maxPoints = 2000) {
    this.bucketMs = Math.max(1, Math.floor(initialBucketMs));
    this.maxPoints = maxPoints;
  }

  /** [curStartMs, curEndMs): the last bucket's span, so most points skip the division. */
  private curStartMs = 0;
  private curEndMs = 0;

  /**
   * Add a point. The common case (same bucket as the last point) is kept this small so the caller's
   * optimized code inlines it: a double passed to a call that is not inlined is boxed, a heap number
   * per point (the account adds one per bar: 16 MB per million bars).
   */
  add(tsMs: number, value: number): void {
    if (tsMs < this.curEndMs && tsMs >= this.curStartMs) {
      const last = this.buckets[this.buckets.length - 1];
      if (value < last[2]) {
        last[1] = tsMs;
        last[2] = value;
      }
      last[3] = tsMs;
      last[4] = value;
    } else this.addToNewBucket(tsMs, value);
  }

  private addToNewBucket(tsMs: number, value: number): void {
    this.curStartMs = 0;
    this.curEndMs = 0;
    const b = Math.floor(tsMs / this.bucketMs);
    const last = this.buckets.length > 0 ? this.buckets[this.buckets.length - 1] : undefined;
    if (last !== undefined && last[0] === b) {
      if (value < last[2]) {
        last[1] = tsMs;
        last[2] = value;
      }
      last[3] = tsMs;
      last[4] = value;
      return;
    }
    this.buckets.push([b, tsMs, value, tsMs, value]);
    if (this.buckets.length > this.maxPoints) this.coarsen();
    else {
      this.curStartMs = b * this.bucketMs;
      this.curEndMs = this.curStartMs + this.bucketMs;
    }
  }

  private coarsen(): void {
    this.bucketMs *= 2;
    const merged: number[][] = [];
    for (const x of this.buckets) {
      const b = Math.floor(x[3] / this.bucketMs);
      const last = merged.length > 0 ? merged[merged.length - 1] : undefined;
      if (last !== undefined && last[0] === b) {
        if (x[2] < last[2]) {
          last[1] = x[1];
          last[2] = x[2];
        }
        last[3] = x[3];
        last[4] = x[4];
      } else merged.push([b, x[1], x[2], x[3], x[4]]);
    }
    this.buckets = merged;
  }

  /** The sampled points in time order: each bucket's minimum (if distinct) then its last point. */
  points(): { tsMs: number; value: number }[] {
    const out: { tsMs: number; value: number }[] = [];
    for (const x of this.buckets) {
      if (x[1] !== x[3]) out.push({ tsMs: x[1], value: x[2] });
      out.push({ tsMs: x[3], value: x[4] });
    }
    return out;
  }
}

/**
 * OHLC candles for the report's price chart, re-aggregated to a coarser timeframe whenever there
 * would be more than `maxCandles` (the timeframe doubles; candles merge pairwise by time bucket).
 */
export class RefCandleSampler {
  private tfMs: number;
  private rows: [number, number, number, number, number][] = [];

  constructor(
    baseTimeframeMs: number,
    private readonly maxCandles = 3000,
  ) {
    this.tfMs = Math.max(1, baseTimeframeMs);
  }

  /** Start with a timeframe that fits a known span (backtests know it). */
  fitSpan(spanMs: number): void {
    while (spanMs / this.tfMs > this.maxCandles) this.tfMs *= 2;
  }

  get timeframeMs(): number {
    return this.tfMs;
  }

  private rowEndMs = 0;

  add(tsMs: number, open: number, high: number, low: number, close: number): void {
    const n = this.rows.length;
    if (n > 0 && tsMs < this.rowEndMs && tsMs >= this.rows[n - 1][0]) {
      const last = this.rows[n - 1];
      if (high > last[2]) last[2] = high;
      if (low < last[3]) last[3] = low;
      last[4] = close;
      return;
    }
    const start = Math.floor(tsMs / this.tfMs) * this.tfMs;
    const last = n > 0 ? this.rows[n - 1] : undefined;
    if (last !== undefined && last[0] === start) {
      if (high > last[2]) last[2] = high;
      if (low < last[3]) last[3] = low;
      last[4] = close;
      return;
    }
    this.rows.push([start, open, high, low, close]);
    if (this.rows.length > this.maxCandles) this.coarsen();
    this.rowEndMs = Math.floor(tsMs / this.tfMs) * this.tfMs + this.tfMs;
  }

  private coarsen(): void {
    this.tfMs *= 2;
    const out: [number, number, number, number, number][] = [];
    for (const r of this.rows) {
      const start = Math.floor(r[0] / this.tfMs) * this.tfMs;
      const last = out.length > 0 ? out[out.length - 1] : undefined;
      if (last !== undefined && last[0] === start) {
        if (r[2] > last[2]) last[2] = r[2];
        if (r[3] < last[3]) last[3] = r[3];
        last[4] = r[4];
      } else out.push([start, r[1], r[2], r[3], r[4]]);
    }
    this.rows = out;
  }

  candles(): [number, number, number, number, number][] {
    return this.rows;
  }
}
