import type { DailyEquityPoint } from '../model/results.ts';

export interface DayExtreme {
  readonly date: string;
  readonly returnFraction: number;
  /** Equity change that day in account currency. */
  readonly pnlCurrency: number;
}

/** Best and worst trading day by daily return; nulls without days. `returns[i]` belongs to `dailyEquity[i]`. */
export function bestWorstDay(
  dailyEquity: readonly DailyEquityPoint[],
  returns: readonly number[],
  startingCash: number,
): { best: DayExtreme | null; worst: DayExtreme | null } {
  let bi = -1;
  let wi = -1;
  for (let i = 0; i < returns.length; i++) {
    if (bi < 0 || returns[i] > returns[bi]) bi = i;
    if (wi < 0 || returns[i] < returns[wi]) wi = i;
  }
  const at = (i: number): DayExtreme | null =>
    i < 0
      ? null
      : { date: dailyEquity[i].date, returnFraction: returns[i], pnlCurrency: dailyEquity[i].equity - (i === 0 ? startingCash : dailyEquity[i - 1].equity) };
  return { best: at(bi), worst: at(wi) };
}
