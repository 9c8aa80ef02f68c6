import { finiteOrNull } from './sample-stats.ts';

/**
 * Compound annual growth rate as a fraction (DESIGN.md §7):
 * CAGR = (E_end / E_start)^(365.25 / calendarDays) − 1, calendar days from the run period (as
 * backtesting.py's `CAGR [%]` and LEAN, not trading days / 252).
 * null when the period is empty or an equity is not positive (the power is undefined).
 */
export function cagr(startEquity: number, endEquity: number, calendarDays: number): number | null {
  if (!(startEquity > 0) || !(endEquity > 0) || !(calendarDays > 0)) return null;
  return finiteOrNull(Math.pow(endEquity / startEquity, 365.25 / calendarDays) - 1);
}
