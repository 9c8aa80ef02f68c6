import { finiteOrNull } from './sample-stats.ts';

/**
 * Profit factor on net trade PnL in currency: Σ wins / |Σ losses| (vbt/LEAN convention, DESIGN.md §7).
 * null with no trades or no losing trade (the ratio is unbounded); 0 when there is no winning trade.
 */
export function profitFactor(pnls: ArrayLike<number>): number | null {
  let wins = 0;
  let losses = 0;
  for (let i = 0; i < pnls.length; i++) {
    const p = pnls[i];
    if (p > 0) wins += p;
    else if (p < 0) losses -= p;
  }
  if (losses === 0) return null;
  return finiteOrNull(wins / losses);
}
