import type { DailyEquityPoint } from '../model/results.ts';

export interface MonthlyReturn {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** Compounded within the month: Π(1 + r_day) − 1, as a fraction. */
  readonly return: number;
}

/**
 * Monthly returns table (QuantStats/pyfolio convention: daily returns compounded within the month).
 * `returns[i]` is the daily return of `dailyEquity[i]` (see dailyReturns); months follow trading dates.
 */
export function monthlyReturns(dailyEquity: readonly DailyEquityPoint[], returns: readonly number[]): MonthlyReturn[] {
  const out: MonthlyReturn[] = [];
  let key = '';
  let growth = 1;
  for (let i = 0; i < dailyEquity.length; i++) {
    const k = dailyEquity[i].date.slice(0, 7);
    if (k !== key) {
      if (key !== '') out.push(toRow(key, growth));
      key = k;
      growth = 1;
    }
    growth *= 1 + returns[i];
  }
  if (key !== '') out.push(toRow(key, growth));
  return out;
}

function toRow(key: string, growth: number): MonthlyReturn {
  return { year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), return: growth - 1 };
}
