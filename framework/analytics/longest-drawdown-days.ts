import type { DrawdownPeriod } from './drawdown-periods.ts';

/** Longest time under water in calendar days (peak to recovery, or to the end if not recovered); null without drawdowns. */
export function longestDrawdownDays(periods: readonly DrawdownPeriod[]): number | null {
  let longest: number | null = null;
  for (const p of periods) if (longest === null || p.lengthDays > longest) longest = p.lengthDays;
  return longest;
}
