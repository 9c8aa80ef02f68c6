import type { DailyEquityPoint } from '../model/results.ts';
import { finiteOrNull } from './sample-stats.ts';

/**
 * Rolling Sharpe over a window of daily returns (126 trading days ≈ 6 months, as pyfolio/QuantStats),
 * one point per day once the window is full; a window with zero dispersion gives null.
 * Each window is summed afresh, in the same order and with the same operations as sharpeRatio over
 * that window's slice (so the values are bit-identical to it), but over the indexes of `returns`
 * instead of a copied slice per day: O(n × window) arithmetic without an array per point.
 */
export function rollingSharpe(
  dailyEquity: readonly DailyEquityPoint[],
  returns: readonly number[],
  windowDays = 126,
  periodsPerYear = 252,
): { date: string; sharpe: number | null }[] {
  const out: { date: string; sharpe: number | null }[] = [];
  const w = windowDays;
  const annual = Math.sqrt(periodsPerYear);
  for (let i = w - 1; i < returns.length; i++) {
    out.push({ date: dailyEquity[i].date, sharpe: w < 2 ? null : windowSharpe(returns, i - w + 1, i + 1, annual) });
  }
  return out;
}

/** sharpeRatio(returns.slice(from, to)) for a window of at least 2 returns, without the slice. */
function windowSharpe(r: readonly number[], from: number, to: number, annual: number): number | null {
  const n = to - from;
  let s = 0;
  for (let k = from; k < to; k++) s += r[k];
  const m = s / n;
  let ss = 0;
  for (let k = from; k < to; k++) {
    const d = r[k] - m;
    ss += d * d;
  }
  const sd = Math.sqrt(ss / (n - 1));
  if (sd === 0) return null;
  return finiteOrNull((m / sd) * annual);
}
