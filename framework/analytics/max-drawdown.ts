import type { DrawdownPeriod } from './drawdown-periods.ts';

/** The deepest drawdown by fraction of the running peak; null when equity never fell below a peak. */
export function maxDrawdown(periods: readonly DrawdownPeriod[]): DrawdownPeriod | null {
  let worst: DrawdownPeriod | null = null;
  for (const p of periods) if (worst === null || p.depthFraction < worst.depthFraction) worst = p;
  return worst;
}
