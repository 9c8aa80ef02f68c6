import type { DrawdownPeriod } from './drawdown-periods.ts';

/** The `count` deepest drawdowns by fraction, deepest first (ties: earlier first). */
export function worstDrawdowns(periods: readonly DrawdownPeriod[], count = 5): DrawdownPeriod[] {
  return [...periods].sort((a, b) => a.depthFraction - b.depthFraction || a.startMs - b.startMs).slice(0, count);
}
