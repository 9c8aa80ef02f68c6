import { finiteOrNull, sampleStd } from './sample-stats.ts';

/** Annualised volatility as a fraction: std(r, ddof=1) × √periodsPerYear (252 trading days). */
export function annualVolatility(returns: readonly number[], periodsPerYear = 252): number | null {
  const sd = sampleStd(returns);
  return sd === null ? null : finiteOrNull(sd * Math.sqrt(periodsPerYear));
}
