import { finiteOrNull } from './sample-stats.ts';

/** Calmar ratio over the whole sample: CAGR / |max drawdown| (both fractions); null if either is undefined or no drawdown. */
export function calmarRatio(cagrFraction: number | null, maxDrawdownFraction: number | null): number | null {
  if (cagrFraction === null || maxDrawdownFraction === null || maxDrawdownFraction === 0) return null;
  return finiteOrNull(cagrFraction / Math.abs(maxDrawdownFraction));
}
