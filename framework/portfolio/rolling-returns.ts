/**
 * Rolling first and second moments of N return series over the last `window` observations
 * (one observation = one aligned timestamp, a return per series). O(N²) per observation, N being the
 * handful of instruments of a portfolio: running sums of x, x² (diagonal) and xy (pairs) are updated
 * by adding the new vector and subtracting the one that leaves the ring. Float drift of the running
 * sums stays bounded because they are re-summed from the ring every `window` observations.
 * The ring itself is kept: historical VaR needs the raw vectors.
 */
export class RollingReturns {
  readonly n: number;
  readonly window: number;
  /** Ring of observations, row-major: ring[k * n + i] = return of series i in observation k. */
  private readonly ring: Float64Array;
  private head = 0;
  private count = 0;
  private sinceResum = 0;
  private readonly sum: Float64Array;
  /** Σ x_i x_j for i <= j, packed as an n×n matrix (only i <= j is maintained; read symmetric). */
  private readonly prod: Float64Array;
  /** Observations ever added (the window holds min(total, window)). */
  total = 0;

  constructor(n: number, window: number) {
    this.n = n;
    this.window = Math.max(2, window);
    this.ring = new Float64Array(this.window * n);
    this.sum = new Float64Array(n);
    this.prod = new Float64Array(n * n);
  }

  /** Observations in the window. */
  get length(): number {
    return this.count;
  }

  /** Add one observation (a return per series, in series order). */
  add(x: ArrayLike<number>): void {
    const n = this.n;
    const base = this.head * n;
    const full = this.count === this.window;
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      const oi = full ? this.ring[base + i] : 0;
      this.sum[i] += xi - oi;
      for (let j = i; j < n; j++) {
        const oj = full ? this.ring[base + j] : 0;
        this.prod[i * n + j] += xi * x[j] - oi * oj;
      }
    }
    for (let i = 0; i < n; i++) this.ring[base + i] = x[i];
    this.head = this.head + 1 === this.window ? 0 : this.head + 1;
    if (!full) this.count++;
    this.total++;
    if (++this.sinceResum >= this.window) this.resum();
  }

  /** Rebuild the running sums from the ring (bounded float drift). */
  private resum(): void {
    const n = this.n;
    this.sinceResum = 0;
    this.sum.fill(0);
    this.prod.fill(0);
    for (let k = 0; k < this.count; k++) {
      const b = k * n;
      for (let i = 0; i < n; i++) {
        const xi = this.ring[b + i];
        this.sum[i] += xi;
        for (let j = i; j < n; j++) this.prod[i * n + j] += xi * this.ring[b + j];
      }
    }
  }

  mean(i: number): number {
    return this.count === 0 ? Number.NaN : this.sum[i] / this.count;
  }

  /** Sample covariance (ddof = 1) of series i and j over the window; NaN below 2 observations. */
  covariance(i: number, j: number): number {
    const m = this.count;
    if (m < 2) return Number.NaN;
    const a = i <= j ? i : j;
    const b = i <= j ? j : i;
    return (this.prod[a * this.n + b] - (this.sum[a] * this.sum[b]) / m) / (m - 1);
  }

  /** Pearson correlation of series i and j; NaN when either has no variance or below 2 observations. */
  correlation(i: number, j: number): number {
    const vi = this.covariance(i, i);
    const vj = this.covariance(j, j);
    // Variances below ~1e-20 of squared returns are float noise of a constant series.
    if (!(vi > 1e-20) || !(vj > 1e-20)) return Number.NaN;
    const r = this.covariance(i, j) / Math.sqrt(vi * vj);
    return r > 1 ? 1 : r < -1 ? -1 : r;
  }

  /** Observations oldest first, each a fresh array (analysis, not the per-bar path). */
  observations(): number[][] {
    const out: number[][] = [];
    const start = this.count === this.window ? this.head : 0;
    for (let k = 0; k < this.count; k++) {
      const b = ((start + k) % this.window) * this.n;
      out.push(Array.from(this.ring.subarray(b, b + this.n)));
    }
    return out;
  }
}
