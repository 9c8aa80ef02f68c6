import type { Metrics } from '../analytics/metrics.ts';
import { underwaterSeries } from '../analytics/underwater-series.ts';
import { WeeklyOffsetCache } from '../analytics/weekly-offset-cache.ts';
import { MS_PER_HOUR } from '../core/time.ts';
import type { ResultsFile } from '../model/results.ts';

/**
 * What the page's script gets for one run: compact arrays, every timestamp already shifted to the
 * exchange's wall clock (the charts run with useUTC, so an axis reads 09:30 for 09:30 Chicago time).
 * Trades are rows [symbolIndex, direction ±1, size, entryLocalMs, entryPrice, exitLocalMs, exitPrice,
 * pnl, fees, mae, mfe, rMultiple|null]: arrays, not objects, because a run keeps every trade and keys
 * would double the file size.
 */
export interface RunView {
  readonly label: string;
  readonly timeZone: string;
  readonly symbols: string[];
  readonly equity: [number, number][];
  readonly drawdownPct: [number, number][];
  readonly benchmark: { symbol: string; equity: [number, number][] } | null;
  readonly rollingSharpe: [number, number | null][];
  readonly monthly: [number, number, number][];
  readonly pnlByHour: [number, number][];
  readonly pnlByWeekday: [string, number, number][];
  readonly candles: { symbol: string; timeframe: string; rows: [number, number, number, number, number][] }[];
  readonly trades: (number | null)[][];
  readonly correlation: { symbols: string[]; matrix: number[][] } | null;
}

/** Session close used to place daily points (benchmark, rolling Sharpe) on the exchange-time axis. */
const DAILY_POINT_HOUR = 16;

export function buildRunView(results: ResultsFile, metrics: Metrics, label: string): RunView {
  const mainZone = results.instruments[0]?.timeZone || 'UTC';
  const zones = new Map<string, WeeklyOffsetCache>();
  const zoneOf = (symbol: string | undefined): WeeklyOffsetCache => {
    const tz = results.instruments.find((i) => i.symbol === symbol)?.timeZone || mainZone;
    let z = zones.get(tz);
    if (z === undefined) zones.set(tz, (z = new WeeklyOffsetCache(tz)));
    return z;
  };
  const main = zoneOf(results.instruments[0]?.symbol);
  const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`) + DAILY_POINT_HOUR * MS_PER_HOUR;
  const symbols = results.instruments.map((i) => i.symbol);
  const symIndex = new Map(symbols.map((s, i) => [s, i]));
  for (const t of results.trades) if (!symIndex.has(t.symbol)) symIndex.set(t.symbol, symbols.push(t.symbol) - 1);

  const corr = (results.portfolio as { correlation?: { symbols?: unknown; matrix?: unknown } } | undefined)?.correlation;
  const correlation =
    corr && Array.isArray(corr.symbols) && Array.isArray(corr.matrix) ? { symbols: corr.symbols.map(String), matrix: corr.matrix as number[][] } : null;

  return {
    label,
    timeZone: mainZone,
    symbols,
    equity: results.equityCurve.map((p) => [main.localMs(p.tsMs), round(p.equity, 2)]),
    drawdownPct: underwaterSeries(results.equityCurve).map((p) => [main.localMs(p.tsMs), round(p.drawdownFraction * 100, 3)]),
    benchmark:
      metrics.benchmarkSymbol === null
        ? null
        : { symbol: metrics.benchmarkSymbol, equity: metrics.series.benchmarkEquity.map((p) => [dayMs(p.date), round(p.equity, 2)]) },
    rollingSharpe: metrics.series.rollingSharpe126d.map((p) => [dayMs(p.date), p.sharpe === null ? null : round(p.sharpe, 3)]),
    monthly: metrics.monthlyReturns.map((m) => [m.year, m.month, round(m.return * 100, 2)]),
    pnlByHour: metrics.pnlByHour.map((b) => [round(b.pnlCurrency, 2), b.tradeCount]),
    pnlByWeekday: metrics.pnlByWeekday.map((b) => [b.name, round(b.pnlCurrency, 2), b.tradeCount]),
    candles: Object.entries(results.candles ?? {}).map(([symbol, c]) => {
      const z = zoneOf(symbol);
      return { symbol, timeframe: c.timeframe, rows: c.rows.map((r) => [z.localMs(r[0]), r[1], r[2], r[3], r[4]]) };
    }),
    trades: results.trades.map((t) => {
      const z = zoneOf(t.symbol);
      return [
        symIndex.get(t.symbol)!,
        t.side === 'long' ? 1 : -1,
        t.size,
        z.localMs(t.entryMs),
        t.entryPrice,
        z.localMs(t.exitMs),
        t.exitPrice,
        round(t.pnl, 2),
        round(t.fees, 2),
        round(t.mae, 2),
        round(t.mfe, 2),
        t.riskAmount !== null && t.riskAmount > 0 ? round(t.pnl / t.riskAmount, 2) : null,
      ];
    }),
    correlation,
  };
}

/** Fixed decimals for the page (JSON size), finite or null. */
function round(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

