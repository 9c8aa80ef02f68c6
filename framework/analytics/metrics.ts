import type { DailyEquityPoint } from '../model/results.ts';
import type { DrawdownPeriod } from './drawdown-periods.ts';
import type { InstrumentStats } from './instrument-breakdown.ts';
import type { MonthlyReturn } from './monthly-returns.ts';
import type { PnlBucket } from './pnl-by-time.ts';
import type { RMultipleStats } from './r-multiple-stats.ts';
import type { TradeStats } from './trade-stats.ts';

export const METRICS_SCHEMA = 'projectx-ts/metrics@1';

/**
 * Everything computeMetrics returns; the engine stores it as results.metrics. JSON-safe: every number is
 * finite, an undefined metric is null (DESIGN.md §7). Units are in the names: *Fraction (0.12 = 12 %),
 * *Currency (account currency), *Ms (epoch ms), *Days (calendar days), *Minutes; ratios are unitless.
 */
export interface Metrics extends TradeStats, RMultipleStats {
  readonly schema: typeof METRICS_SCHEMA;
  /** The conventions the numbers follow (DESIGN.md §7). */
  readonly conventions: { readonly periodsPerYear: number; readonly riskFreeRate: number; readonly rollingWindowDays: number };
  readonly startingCashCurrency: number;
  readonly endingEquityCurrency: number;
  readonly netProfitCurrency: number;
  readonly periodFromMs: number;
  readonly periodToMs: number;
  readonly calendarDays: number;
  /** Trading dates with an end-of-session equity. */
  readonly tradingDays: number;

  readonly totalReturnFraction: number | null;
  readonly cagrFraction: number | null;
  readonly annualVolatilityFraction: number | null;
  readonly sharpeRatio: number | null;
  readonly sortinoRatio: number | null;
  readonly calmarRatio: number | null;

  /**
   * Deepest drawdown as a negative fraction of the running peak (bar-resolution equity: results.drawdown
   * when present, else the sampled curve); 0 when equity never fell below a peak.
   */
  readonly maxDrawdownFraction: number | null;
  /** Largest peak-to-trough drop in currency (negative; may be a different episode than the deepest fraction). */
  readonly maxDrawdownCurrency: number | null;
  readonly maxDrawdownStartMs: number | null;
  readonly maxDrawdownTroughMs: number | null;
  readonly maxDrawdownRecoveryMs: number | null;
  /** Peak to recovery of the deepest drawdown; null if not recovered. */
  readonly maxDrawdownDurationDays: number | null;
  readonly longestDrawdownDays: number | null;
  readonly worstDrawdowns: DrawdownPeriod[];

  /** Share of bars with an open position: results.exposure when present, else the approximation of analytics/time-in-market.ts. */
  readonly timeInMarketFraction: number | null;

  readonly bestDayDate: string | null;
  readonly bestDayReturnFraction: number | null;
  readonly bestDayPnlCurrency: number | null;
  readonly worstDayDate: string | null;
  readonly worstDayReturnFraction: number | null;
  readonly worstDayPnlCurrency: number | null;
  /** 'YYYY-MM' */
  readonly bestMonth: string | null;
  readonly bestMonthReturnFraction: number | null;
  readonly worstMonth: string | null;
  readonly worstMonthReturnFraction: number | null;
  readonly monthlyReturns: MonthlyReturn[];

  readonly byInstrument: InstrumentStats[];

  /** Buy & hold of one contract of the first instrument. */
  readonly benchmarkSymbol: string | null;
  readonly benchmarkTotalReturnFraction: number | null;
  readonly benchmarkCorrelation: number | null;

  /** Net PnL by exit hour / weekday in exchange time. */
  readonly pnlByHour: (PnlBucket & { hour: number })[];
  readonly pnlByWeekday: (PnlBucket & { weekday: number; name: string })[];

  /** Series for charts. */
  readonly series: {
    readonly rollingSharpe126d: { date: string; sharpe: number | null }[];
    readonly benchmarkEquity: DailyEquityPoint[];
  };
}
