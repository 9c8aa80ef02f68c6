import { MS_PER_DAY } from '../core/time.ts';
import type { EquityPoint } from '../model/results.ts';

/** One peak → trough → recovery episode of the equity curve. */
export interface DrawdownPeriod {
  /** Time of the running peak the drawdown starts from. */
  readonly startMs: number;
  readonly peakEquity: number;
  readonly troughMs: number;
  readonly troughEquity: number;
  /** First time equity is back at or above the peak; null if not recovered by the end of the data. */
  readonly recoveryMs: number | null;
  /** (trough − peak) / peak: negative, e.g. −0.12 for a 12 % drawdown. */
  readonly depthFraction: number;
  /** trough − peak in account currency (negative). */
  readonly depthCurrency: number;
  /** Calendar days from the peak to recovery; null if not recovered. */
  readonly durationDays: number | null;
  /** Calendar days from the peak to recovery, or to the last point when not recovered. */
  readonly lengthDays: number;
}

/**
 * Every drawdown episode of a bar-resolution equity curve, in time order (DESIGN.md §7: max drawdown on
 * bar-resolution equity). The curve is already downsampled by the engine with drawdown-preserving
 * sampling, so peaks and troughs are kept. A peak that is not positive cannot give a fraction; such
 * stretches (an account at or below zero) report depthFraction −1.
 */
export function drawdownPeriods(points: readonly EquityPoint[]): DrawdownPeriod[] {
  const out: DrawdownPeriod[] = [];
  if (points.length === 0) return out;
  let peak = points[0].equity;
  let peakMs = points[0].tsMs;
  let inDd = false;
  let trough = peak;
  let troughMs = peakMs;
  const close = (recoveryMs: number | null, endMs: number): void => {
    out.push({
      startMs: peakMs,
      peakEquity: peak,
      troughMs,
      troughEquity: trough,
      recoveryMs,
      depthFraction: peak > 0 ? trough / peak - 1 : -1,
      depthCurrency: trough - peak,
      durationDays: recoveryMs === null ? null : (recoveryMs - peakMs) / MS_PER_DAY,
      lengthDays: (endMs - peakMs) / MS_PER_DAY,
    });
  };
  for (let i = 1; i < points.length; i++) {
    const { tsMs, equity } = points[i];
    if (equity >= peak) {
      if (inDd) close(tsMs, tsMs);
      inDd = false;
      peak = equity;
      peakMs = tsMs;
    } else if (!inDd) {
      inDd = true;
      trough = equity;
      troughMs = tsMs;
    } else if (equity < trough) {
      trough = equity;
      troughMs = tsMs;
    }
  }
  if (inDd) close(null, points[points.length - 1].tsMs);
  return out;
}
