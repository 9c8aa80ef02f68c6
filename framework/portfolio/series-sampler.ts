/**
 * Downsamplers that run once per bar (the account's equity curve and price candles): results grow
 * with time buckets, not with bars.
 *
 * Both keep the bucket being filled in plain numeric fields and move it into their array only when
 * the next bucket starts. Updating the last element of an array of arrays took ~40 ns a bar each
 * (bounds and elements-kind checks on two arrays, a boxed double for a value passed to the slow
 * part); the fields take a few. tests/portfolio/series-sampler.test.ts checks the output against the
 * array-only version point for point.
 */

/**
 * Each bucket keeps its lowest and its last point (in time order): the curve keeps its shape and its
 * troughs. When the point count passes `maxPoints`, the bucket width doubles and neighbours merge,
 * so the bound holds without knowing the run's length in advance (live sessions).
 */
export class SeriesSampler {
  private bucketMs: number;
  private readonly maxPoints: number;
  /** Closed buckets: [bucketIndex, minTs, minValue, lastTs, lastValue]. */
  private buckets: number[][] = [];

  // The open bucket (valid when `open`), and its span [curStartMs, curEndMs) for the fast path.
  private open = false;
  private curIndex = Number.NaN;
  private curMinTs = Number.NaN;
  private curMin = Number.NaN;
  private curLastTs = Number.NaN;
  private curLast = Number.NaN;
  private curStartMs = Number.NaN;
  private curEndMs = Number.NaN;

  constructor(initialBucketMs: number, maxPoints = 2000) {
    this.bucketMs = Math.max(1, Math.floor(initialBucketMs));
    this.maxPoints = maxPoints;
  }

  /** Add a point (small enough to be inlined into the per-bar code; the rest is addSlow). */
  add(tsMs: number, value: number): void {
    if (tsMs < this.curEndMs && tsMs >= this.curStartMs) {
      if (value < this.curMin) {
        this.curMinTs = tsMs;
        this.curMin = value;
      }
      this.curLastTs = tsMs;
      this.curLast = value;
    } else this.addSlow(tsMs, value);
  }

  private addSlow(tsMs: number, value: number): void {
    this.close();
    const b = Math.floor(tsMs / this.bucketMs);
    const last = this.buckets.length > 0 ? this.buckets[this.buckets.length - 1] : undefined;
    if (last !== undefined && last[0] === b) {
      // Back into the last closed bucket (after a coarsening): it is the open one again.
      this.buckets.pop();
      this.reopen(last);
      if (value < this.curMin) {
        this.curMinTs = tsMs;
        this.curMin = value;
      }
      this.curLastTs = tsMs;
      this.curLast = value;
      return;
    }
    this.buckets.push([b, tsMs, value, tsMs, value]);
    if (this.buckets.length > this.maxPoints) this.coarsen();
    else {
      this.reopen(this.buckets.pop()!);
      this.curStartMs = b * this.bucketMs;
      this.curEndMs = this.curStartMs + this.bucketMs;
    }
  }

  /** Make bucket `x` the open one; the fast path stays off until a new bucket starts. */
  private reopen(x: number[]): void {
    this.open = true;
    this.curIndex = x[0];
    this.curMinTs = x[1];
    this.curMin = x[2];
    this.curLastTs = x[3];
    this.curLast = x[4];
  }

  /** Move the open bucket into the array. */
  private close(): void {
    if (this.open) this.buckets.push([this.curIndex, this.curMinTs, this.curMin, this.curLastTs, this.curLast]);
    this.open = false;
    this.curStartMs = Number.NaN;
    this.curEndMs = Number.NaN;
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
    const emit = (minTs: number, min: number, lastTs: number, last: number): void => {
      if (minTs !== lastTs) out.push({ tsMs: minTs, value: min });
      out.push({ tsMs: lastTs, value: last });
    };
    for (const x of this.buckets) emit(x[1], x[2], x[3], x[4]);
    if (this.open) emit(this.curMinTs, this.curMin, this.curLastTs, this.curLast);
    return out;
  }
}

/**
 * OHLC candles for the report's price chart, re-aggregated to a coarser timeframe whenever there
 * would be more than `maxCandles` (the timeframe doubles; candles merge pairwise by time bucket).
 */
export class CandleSampler {
  private tfMs = Number.NaN;
  /** Closed candles: [startMs, open, high, low, close]. */
  private rows: [number, number, number, number, number][] = [];

  // The open candle (valid when `open`); points in [curStartMs, rowEndMs) update it directly.
  private open = false;
  private curStartMs = Number.NaN;
  private curOpen = Number.NaN;
  private curHigh = Number.NaN;
  private curLow = Number.NaN;
  private curClose = Number.NaN;
  private rowEndMs = Number.NaN;

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

  add(tsMs: number, open: number, high: number, low: number, close: number): void {
    if (tsMs < this.rowEndMs && tsMs >= this.curStartMs) {
      if (high > this.curHigh) this.curHigh = high;
      if (low < this.curLow) this.curLow = low;
      this.curClose = close;
    } else this.addSlow(tsMs, open, high, low, close);
  }

  private addSlow(tsMs: number, open: number, high: number, low: number, close: number): void {
    this.close();
    const start = Math.floor(tsMs / this.tfMs) * this.tfMs;
    const n = this.rows.length;
    const last = n > 0 ? this.rows[n - 1] : undefined;
    if (last !== undefined && last[0] === start) {
      if (high > last[2]) last[2] = high;
      if (low < last[3]) last[3] = low;
      last[4] = close;
      return;
    }
    this.rows.push([start, open, high, low, close]);
    if (this.rows.length > this.maxCandles) this.coarsen();
    // The candle holding tsMs is the last one (after a coarsening too): it becomes the open one.
    const row = this.rows.pop()!;
    this.open = true;
    this.curStartMs = row[0];
    this.curOpen = row[1];
    this.curHigh = row[2];
    this.curLow = row[3];
    this.curClose = row[4];
    this.rowEndMs = Math.floor(tsMs / this.tfMs) * this.tfMs + this.tfMs;
  }

  /** Move the open candle into the array. */
  private close(): void {
    if (this.open) this.rows.push([this.curStartMs, this.curOpen, this.curHigh, this.curLow, this.curClose]);
    this.open = false;
    this.curStartMs = Number.NaN;
    this.rowEndMs = Number.NaN;
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

  /** Every candle in time order, the open one included (a new array). */
  candles(): [number, number, number, number, number][] {
    const out = this.rows.slice();
    if (this.open) out.push([this.curStartMs, this.curOpen, this.curHigh, this.curLow, this.curClose]);
    return out;
  }
}
