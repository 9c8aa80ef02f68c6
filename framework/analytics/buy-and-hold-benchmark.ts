import type { DailyEquityPoint, DailyPricePoint } from '../model/results.ts';
import { correlation } from './correlation.ts';
import { dailyReturns } from './daily-returns.ts';
import { totalReturn } from './total-return.ts';

export interface BenchmarkResult {
  readonly symbol: string;
  /** Buy & hold equity per trading date: startingCash + (close − firstClose) × pointValue (one contract, no costs). */
  readonly equity: DailyEquityPoint[];
  readonly totalReturnFraction: number | null;
  /** Pearson correlation of the strategy's and the benchmark's daily returns on their common dates. */
  readonly correlationOfDailyReturns: number | null;
}

/**
 * Buy & hold of one contract of an instrument, bought at the first session close in the data. Futures
 * benchmark in account terms (PnL over account equity), not the instrument's price return.
 */
export function buyAndHoldBenchmark(
  symbol: string,
  prices: readonly DailyPricePoint[],
  pointValue: number,
  startingCash: number,
  strategyEquity: readonly DailyEquityPoint[],
): BenchmarkResult | null {
  if (prices.length === 0) return null;
  const first = prices[0].close;
  const equity = prices.map((p) => ({ date: p.date, equity: startingCash + (p.close - first) * pointValue }));
  // Correlation on dates both series have, each re-based on those common dates.
  const byDate = new Map<string, number>();
  for (const e of equity) byDate.set(e.date, e.equity);
  const s: DailyEquityPoint[] = [];
  const b: DailyEquityPoint[] = [];
  for (const e of strategyEquity) {
    const be = byDate.get(e.date);
    if (be === undefined) continue;
    s.push(e);
    b.push({ date: e.date, equity: be });
  }
  return {
    symbol,
    equity,
    totalReturnFraction: totalReturn(startingCash, equity[equity.length - 1].equity),
    correlationOfDailyReturns: correlation(dailyReturns(s, startingCash), dailyReturns(b, startingCash)),
  };
}
