/**
 * Value at Risk of a set of currency exposures over a window of per-period returns, one pure
 * function per method. VaR is reported as a positive currency loss (a negative number means even
 * the tail quantile is a gain). Horizon: one observation period (one bar of the window's timeframe).
 */

/** One-sided standard normal quantiles: P(Z > z) = 1 − confidence. */
export const Z_95 = 1.6448536269514722;
export const Z_99 = 2.3263478740408408;

/**
 * Historical VaR: the PnL the current exposures would have made on each past observation,
 * PnL_t = Σ_i exposure_i × r_{t,i}; VaR_c = −(the k-th worst PnL), k = ceil(m × (1 − c)) (1-based,
 * the lower empirical quantile, no interpolation). NaN with no observation.
 */
export function historicalVar(exposures: ArrayLike<number>, observations: readonly ArrayLike<number>[], confidence: number): number {
  const m = observations.length;
  if (m === 0) return Number.NaN;
  const pnl = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    let p = 0;
    const r = observations[t];
    for (let i = 0; i < exposures.length; i++) p += exposures[i] * r[i];
    pnl[t] = p;
  }
  pnl.sort();
  const k = Math.max(1, Math.ceil(m * (1 - confidence) - 1e-9));
  return 0 - pnl[k - 1]; // 0 − x, not −x: no −0 when flat
}

/**
 * Parametric (variance-covariance, normal, zero mean) VaR: z_c × √(wᵀ Σ w), w = currency
 * exposures, Σ = sample covariance of returns. NaN when the covariance is unknown.
 */
export function parametricVar(exposures: ArrayLike<number>, covariance: (i: number, j: number) => number, z: number): number {
  let v = 0;
  const n = exposures.length;
  for (let i = 0; i < n; i++) {
    const wi = exposures[i];
    if (wi === 0) continue;
    for (let j = 0; j < n; j++) {
      const wj = exposures[j];
      if (wj !== 0) v += wi * wj * covariance(i, j);
    }
  }
  if (Number.isNaN(v)) return Number.NaN;
  return z * Math.sqrt(Math.max(0, v));
}
