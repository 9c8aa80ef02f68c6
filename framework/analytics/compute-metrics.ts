import { MS_PER_DAY, daysFromCivil, timeframeToMs } from '../core/time.ts';
import type { EquityPoint, ResultsFile } from '../model/results.ts';
import { tradeColumns, type TradeColumns } from '../model/trade-columns.ts';
import { annualVolatility } from './annual-volatility.ts';
import { bestWorstDay } from './best-worst-day.ts';
import { buyAndHoldBenchmark } from './buy-and-hold-benchmark.ts';
import { cagr } from './cagr.ts';
import { calmarRatio } from './calmar-ratio.ts';
import { dailyReturns } from './daily-returns.ts';
import { drawdownPeriods } from './drawdown-periods.ts';
import { instrumentBreakdown } from './instrument-breakdown.ts';
import { longestDrawdownDays } from './longest-drawdown-days.ts';
import { maxDrawdown } from './max-drawdown.ts';
import { METRICS_SCHEMA, type Metrics } from './metrics.ts';
import { monthlyReturns } from './monthly-returns.ts';
import { pnlByTime } from './pnl-by-time.ts';
import { rMultipleStats } from './r-multiple-stats.ts';
import { rollingSharpe } from './rolling-sharpe.ts';
import { sharpeRatio } from './sharpe-ratio.ts';
import { sortinoRatio } from './sortino-ratio.ts';
import { timeInMarket, type BarClock } from './time-in-market.ts';
import { totalReturn } from './total-return.ts';
import type { TradeTally } from './trade-tally.ts';
import { tradeStats } from './trade-stats.ts';
import { worstDrawdowns } from './worst-drawdowns.ts';

const PERIODS_PER_YEAR = 252;
const ROLLING_WINDOW_DAYS = 126;

/**
 * All performance metrics of a run (DESIGN.md §7), from the results file alone. Pure and fast: a 1M-bar
 * run (~5 000 equity points, thousands of trades) takes a few milliseconds. The engine stores the
 * output as results.metrics; the report recomputes it so an older file renders with current formulas.
 */
export function computeMetrics(
  results: Omit<ResultsFile, 'metrics'> | ResultsFile,
  /**
   * The trades as columns when the caller has them (the engine's journal; results.trades is then read
   * only without exposure counts, for time in market), and their per-trade metrics summed as they
   * closed (used when it counted the same trades).
   */
  given?: { readonly trades?: TradeColumns; readonly tally?: TradeTally },
): Metrics {
  const trades = given?.trades ?? tradeColumns(results.trades);
  const tally = given?.tally?.matches(results.instruments, trades.length) === true ? given.tally : undefined;
  const startingCash = results.run.config.startingCash;
  const endEquity = results.final.equity;
  const { fromMs, toMs } = results.period;
  const calendarDays = Math.max(0, (toMs - fromMs) / MS_PER_DAY);
  const daily = results.dailyEquity;
  const returns = dailyReturns(daily, startingCash);

  // Episodes (worst 5, longest) come from the downsampled curve; the single deepest one from the
  // engine's exact bar-resolution figures when the results carry them (results.drawdown).
  const curve = equityCurveFrom(results, startingCash);
  const periods = drawdownPeriods(curve);
  const dd = deepestDrawdown(results, periods);

  const cagrFraction = cagr(startingCash, endEquity, calendarDays);
  const maxDdFraction = dd.fraction;
  const days = bestWorstDay(daily, returns, startingCash);
  const months = monthlyReturns(daily, returns);
  let bestM = -1;
  let worstM = -1;
  for (let i = 0; i < months.length; i++) {
    if (bestM < 0 || months[i].return > months[bestM].return) bestM = i;
    if (worstM < 0 || months[i].return < months[worstM].return) worstM = i;
  }
  const monthKey = (i: number): string | null => (i < 0 ? null : `${months[i].year}-${String(months[i].month).padStart(2, '0')}`);

  const first = results.instruments[0];
  const bench =
    first === undefined
      ? null
      : buyAndHoldBenchmark(first.symbol, results.dailyPrices?.[first.symbol] ?? [], first.pointValue, startingCash, daily);
  const byTime = tally !== undefined ? tally.byTime.stats() : pnlByTime(trades, results.instruments);

  const metrics: Metrics = {
    schema: METRICS_SCHEMA,
    conventions: { periodsPerYear: PERIODS_PER_YEAR, riskFreeRate: 0, rollingWindowDays: ROLLING_WINDOW_DAYS },
    startingCashCurrency: startingCash,
    endingEquityCurrency: endEquity,
    netProfitCurrency: endEquity - startingCash,
    periodFromMs: fromMs,
    periodToMs: toMs,
    calendarDays,
    tradingDays: daily.length,
    totalReturnFraction: totalReturn(startingCash, endEquity),
    cagrFraction,
    annualVolatilityFraction: annualVolatility(returns, PERIODS_PER_YEAR),
    sharpeRatio: sharpeRatio(returns, PERIODS_PER_YEAR),
    sortinoRatio: sortinoRatio(returns, PERIODS_PER_YEAR),
    calmarRatio: calmarRatio(cagrFraction, maxDdFraction),
    maxDrawdownFraction: maxDdFraction,
    maxDrawdownCurrency: dd.currency,
    maxDrawdownStartMs: dd.startMs,
    maxDrawdownTroughMs: dd.troughMs,
    maxDrawdownRecoveryMs: dd.recoveryMs,
    maxDrawdownDurationDays: dd.startMs !== null && dd.recoveryMs !== null ? (dd.recoveryMs - dd.startMs) / MS_PER_DAY : null,
    longestDrawdownDays: longestDrawdownDays(periods),
    worstDrawdowns: worstDrawdowns(periods, 5),
    timeInMarketFraction: timeInMarketOf(results),
    ...(tally !== undefined ? tally.stats.stats(trades.pnl) : tradeStats(trades)),
    ...(tally !== undefined ? tally.rMultiples.stats() : rMultipleStats(trades)),
    bestDayDate: days.best?.date ?? null,
    bestDayReturnFraction: days.best?.returnFraction ?? null,
    bestDayPnlCurrency: days.best?.pnlCurrency ?? null,
    worstDayDate: days.worst?.date ?? null,
    worstDayReturnFraction: days.worst?.returnFraction ?? null,
    worstDayPnlCurrency: days.worst?.pnlCurrency ?? null,
    bestMonth: monthKey(bestM),
    bestMonthReturnFraction: bestM < 0 ? null : months[bestM].return,
    worstMonth: monthKey(worstM),
    worstMonthReturnFraction: worstM < 0 ? null : months[worstM].return,
    monthlyReturns: months,
    byInstrument: tally !== undefined ? tally.byInstrument.stats() : instrumentBreakdown(trades, results.instruments.map((i) => i.symbol)),
    benchmarkSymbol: bench?.symbol ?? null,
    benchmarkTotalReturnFraction: bench?.totalReturnFraction ?? null,
    benchmarkCorrelation: bench?.correlationOfDailyReturns ?? null,
    pnlByHour: byTime.byHour,
    pnlByWeekday: byTime.byWeekday,
    series: {
      rollingSharpe126d: rollingSharpe(daily, returns, ROLLING_WINDOW_DAYS, PERIODS_PER_YEAR),
      benchmarkEquity: bench?.equity ?? [],
    },
  };
  return jsonSafe(metrics);
}

/**
 * The bar-resolution curve the drawdowns are measured on, anchored at the starting cash when the curve
 * starts after the period start (so a loss on the first bars counts as a drawdown). Falls back to daily
 * equity (at UTC midnight of each trading date) when a run recorded no curve.
 */
function equityCurveFrom(results: Omit<ResultsFile, 'metrics'>, startingCash: number): EquityPoint[] {
  const src: readonly EquityPoint[] =
    results.equityCurve.length > 0
      ? results.equityCurve
      : results.dailyEquity.map((d) => ({ tsMs: daysFromCivil(d.date) * MS_PER_DAY, equity: d.equity }));
  if (src.length === 0 || src[0].tsMs > results.period.fromMs) return [{ tsMs: results.period.fromMs, equity: startingCash }, ...src];
  return src as EquityPoint[];
}

interface DeepestDrawdown {
  fraction: number | null;
  currency: number | null;
  startMs: number | null;
  troughMs: number | null;
  recoveryMs: number | null;
}

/**
 * Max drawdown as negative fraction and currency. results.drawdown (exact, bar resolution, positive
 * magnitudes: maxDrawdownPct 0.1 = 10 %) wins over the sampled curve, which can only miss a trough.
 * A curve that never fell below a peak has a max drawdown of 0 (defined), not null.
 */
function deepestDrawdown(results: Omit<ResultsFile, 'metrics'>, periods: ReturnType<typeof drawdownPeriods>): DeepestDrawdown {
  const exact = (results as Partial<Pick<ResultsFile, 'drawdown'>>).drawdown;
  if (exact !== undefined && exact !== null && Number.isFinite(exact.maxDrawdownPct) && Number.isFinite(exact.maxDrawdown)) {
    return {
      fraction: exact.maxDrawdownPct === 0 ? 0 : -Math.abs(exact.maxDrawdownPct),
      currency: exact.maxDrawdown === 0 ? 0 : -Math.abs(exact.maxDrawdown),
      startMs: exact.peakMs,
      troughMs: exact.troughMs,
      recoveryMs: exact.recoveryMs,
    };
  }
  const deepest = maxDrawdown(periods);
  if (deepest === null) return { fraction: 0, currency: 0, startMs: null, troughMs: null, recoveryMs: null };
  let currency = 0;
  for (const p of periods) if (p.depthCurrency < currency) currency = p.depthCurrency;
  return { fraction: deepest.depthFraction, currency, startMs: deepest.startMs, troughMs: deepest.troughMs, recoveryMs: deepest.recoveryMs };
}

/** Exact share of bars with an open position when the engine counted them, else the trade-interval approximation. */
function timeInMarketOf(results: Omit<ResultsFile, 'metrics'>): number | null {
  const exposure = (results as Partial<Pick<ResultsFile, 'exposure'>>).exposure;
  if (exposure !== undefined && exposure !== null && exposure.barsSeen > 0) return exposure.barsInMarket / exposure.barsSeen;
  return timeInMarket(results.trades, results.period, barClock(results));
}

/** The candles of the instrument with the most rows, as the bar clock for time in market. */
function barClock(results: Omit<ResultsFile, 'metrics'>): BarClock | undefined {
  let best: { timeframe: string; rows: [number, number, number, number, number][] } | undefined;
  for (const c of Object.values(results.candles ?? {})) if (best === undefined || c.rows.length > best.rows.length) best = c;
  if (best === undefined) return undefined;
  const barMs = timeframeToMs(best.timeframe);
  if (!(barMs > 0)) return undefined;
  return { startsMs: best.rows.map((r) => r[0]), barMs };
}

/** Defence in depth: any non-finite number that slipped through (NaN in the input) becomes null. */
function jsonSafe<T>(value: T): T {
  if (typeof value === 'number') return (Number.isFinite(value) ? value : null) as T;
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonSafe(v);
    return out as T;
  }
  return value;
}
