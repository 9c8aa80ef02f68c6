import type { DailyEquityPoint } from '../model/results.ts';

/**
 * Simple daily returns from end-of-session account equity (DESIGN.md §7):
 * r_i = E_i / E_{i-1} − 1, with the first day measured against the starting cash.
 * A non-positive previous equity (an account wiped out) gives a return of −1 rather than ±Infinity.
 */
export function dailyReturns(dailyEquity: readonly DailyEquityPoint[], startingCash: number): number[] {
  const out = new Array<number>(dailyEquity.length);
  let prev = startingCash;
  for (let i = 0; i < dailyEquity.length; i++) {
    const e = dailyEquity[i].equity;
    out[i] = prev > 0 ? e / prev - 1 : -1;
    prev = e;
  }
  return out;
}
