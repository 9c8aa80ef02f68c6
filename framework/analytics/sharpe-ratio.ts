import { finiteOrNull, mean, sampleStd } from './sample-stats.ts';

/**
 * Sharpe ratio, risk-free 0 (DESIGN.md §7, empyrical/QuantStats convention):
 * mean(r) / std(r, ddof=1) × √periodsPerYear. null with fewer than 2 returns or zero dispersion.
 */
export function sharpeRatio(returns: readonly number[], periodsPerYear = 252): number | null {
  const sd = sampleStd(returns);
  if (sd === null || sd === 0) return null;
  return finiteOrNull((mean(returns)! / sd) * Math.sqrt(periodsPerYear));
}
