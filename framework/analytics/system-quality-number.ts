import { finiteOrNull, mean, sampleStd } from './sample-stats.ts';

/**
 * Van Tharp's System Quality Number on net trade PnL: √n × mean / std(ddof=1) (as bt.py, vbt,
 * backtrader; meaningful from ~30 trades). null with fewer than 2 trades or identical PnLs.
 */
export function systemQualityNumber(pnls: ArrayLike<number>): number | null {
  const sd = sampleStd(pnls);
  if (sd === null || sd === 0) return null;
  return finiteOrNull(Math.sqrt(pnls.length) * (mean(pnls)! / sd));
}
