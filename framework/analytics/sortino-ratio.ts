import { finiteOrNull, mean } from './sample-stats.ts';

/**
 * Sortino ratio, target 0 (DESIGN.md §7, QuantStats/empyrical convention): the downside deviation
 * is taken over ALL n periods, not only the losing ones:
 * mean(r) / √(Σ min(r,0)² / n) × √periodsPerYear. null without returns or without a losing period.
 */
export function sortinoRatio(returns: readonly number[], periodsPerYear = 252): number | null {
  const n = returns.length;
  if (n === 0) return null;
  let downSq = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i];
    if (r < 0) downSq += r * r;
  }
  if (downSq === 0) return null;
  return finiteOrNull((mean(returns)! / Math.sqrt(downSq / n)) * Math.sqrt(periodsPerYear));
}
