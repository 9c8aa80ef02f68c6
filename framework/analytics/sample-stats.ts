/**
 * Descriptive statistics shared by the metric functions. Plain loops over number arrays (no
 * allocation); an undefined statistic is `null`, never NaN (DESIGN.md §7).
 */

/** Arithmetic mean; null for an empty series. */
export function mean(xs: ArrayLike<number>): number | null {
  const n = xs.length;
  if (n === 0) return null;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  return s / n;
}

/** Sample standard deviation (ddof = 1, as empyrical/QuantStats); null for fewer than 2 values. */
export function sampleStd(xs: ArrayLike<number>): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const m = mean(xs)!;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - m;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}

/** A finite number or null: the one gate every metric passes before it reaches JSON. */
export function finiteOrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}
