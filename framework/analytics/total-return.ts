import { finiteOrNull } from './sample-stats.ts';

/** Total return as a fraction: E_end / E_start − 1; null when the start equity is not positive. */
export function totalReturn(startEquity: number, endEquity: number): number | null {
  if (!(startEquity > 0)) return null;
  return finiteOrNull(endEquity / startEquity - 1);
}
