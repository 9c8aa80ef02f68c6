import { msToTimeframe } from '../core/time.ts';
import { historyOf } from '../model/order.ts';
import type { OrderView } from '../model/journal.ts';
import {
  RESULTS_SCHEMA,
  type FillRecord,
  type InstrumentInfo,
  type OrderRecord,
  type ResultsFile,
  type RiskRecord,
  type RunInfo,
} from '../model/results.ts';
import type { TradingSuite } from './trading-suite.ts';
import { computeMetrics } from '../analytics/compute-metrics.ts';
import { defineLazyArray } from '../core/lazy-array.ts';
import { writeOrderRecord } from './results-json.ts';
import type { JsonSink } from '../core/json-bytes.ts';
import { portfolioSection } from '../portfolio/portfolio-section.ts';

export interface ResultsMeta {
  readonly run: RunInfo;
  /** Extra risk records (state changes) beyond the order manager's denials. */
  readonly riskStates?: readonly RiskRecord[];
  readonly portfolio?: Record<string, unknown>;
  /**
   * Build the order records when they are read or written, not now: for finished runs only (a
   * running session's orders still change, so its snapshot takes them as of now).
   */
  readonly lazyOrders?: boolean;
}

/**
 * The results file (DESIGN.md §6) of a suite, finished or running, the same in every mode: the
 * bookkeeping below, `run.errors` when a strategy or handler threw, `portfolio` for multi-instrument
 * runs and portfolio strategies, and the metrics.
 */
export function buildResults(suite: TradingSuite, meta: ResultsMeta): ResultsFile {
  const errors = suite.errorCounts();
  const withPortfolio = suite.size > 1 || suite.portfolioStrategy !== undefined || suite.features.has('portfolio');
  const portfolio = withPortfolio
    ? { ...(portfolioSection(suite.portfolio, suite.symbols().map((s) => suite.orders.positions.get(s))) as unknown as Record<string, unknown>), ...meta.portfolio }
    : meta.portfolio;
  const partial = bookkeeping(suite, { ...meta, run: errors !== undefined ? { ...meta.run, errors } : meta.run, portfolio });
  // Added in place (not spread): spreading would build the lazy order records.
  const out = partial as ResultsFile;
  // The metrics read the trades from the journal's columns, so results.trades stays a lazy view of the
  // journal (the writer streams it from the columns; ~19k records on a 1M-bar run) and no record is built.
  const trades = suite.orders.positions.trades.columns();
  (out as { metrics: ResultsFile['metrics'] }).metrics = computeMetrics(partial, { trades, tally: suite.tradeTally }) as unknown as Record<string, unknown>;
  return out;
}

/** Pure bookkeeping: everything is already in the suite's account, positions and orders. */
function bookkeeping(suite: TradingSuite, meta: ResultsMeta): Omit<ResultsFile, 'metrics'> {
  const account = suite.account;
  const instruments: InstrumentInfo[] = suite.contexts().map((c) => ({
    symbol: c.instrument.symbol,
    contractId: c.instrument.contractId,
    tickSize: c.instrument.tickSize,
    tickValue: c.instrument.tickValue,
    pointValue: c.instrument.pointValue,
    currency: c.instrument.currency,
    timeZone: c.instrument.session.timeZone,
    timeframe: suite.baseTimeframe,
  }));
  const bars: Record<string, number> = {};
  for (const c of suite.contexts()) bars[c.symbol] = account.barCount(c.symbol);
  const candles: ResultsFile['candles'] = {};
  const priceCurves: ResultsFile['priceCurves'] = {};
  let fromMs = Number.isNaN(account.firstTsMs) ? Infinity : account.firstTsMs;
  let toMs = -Infinity;
  for (const [sym, c] of Object.entries(account.candles())) {
    candles[sym] = { timeframe: msToTimeframe(c.timeframeMs), rows: c.rows };
    priceCurves[sym] = c.rows.map((r) => ({ tsMs: r[0], close: r[4] }));
  }
  for (const c of suite.contexts()) {
    const last = c.bars.last;
    if (last !== undefined) toMs = Math.max(toMs, last.tsMs);
  }
  const risk: RiskRecord[] = suite.orders.denials.map((d) => ({
    tsMs: d.tsMs,
    kind: 'denied' as const,
    rule: d.rule,
    message: d.message,
    symbol: d.symbol ?? null,
    clientOrderId: d.clientOrderId ?? null,
  }));
  if (meta.riskStates) risk.push(...meta.riskStates);
  risk.sort((a, b) => a.tsMs - b.tsMs);
  const openPositions = suite.orders.positions
    .all()
    .filter((p) => p.size !== 0)
    .map((p) => ({ symbol: p.instrument.symbol, size: p.size, avgPrice: round(p.avgPrice, 6), markPrice: p.markPrice, unrealizedPnl: round(p.unrealizedPnl, 2) }));
  const out: Omit<ResultsFile, 'metrics'> = {
    schema: RESULTS_SCHEMA,
    run: meta.run,
    instruments,
    period: { fromMs: fromMs === Infinity ? 0 : fromMs, toMs: toMs === -Infinity ? 0 : toMs },
    bars,
    orders: [], // replaced below by the lazy section
    // A fill already in the record's shape is used as it is (no copy of ~40k objects on a 1M-bar run).
    fills: [], // replaced below by lazy sections over the journals
    trades: [],
    dailyEquity: account.dailyEquity,
    equityCurve: account.equityCurve(),
    priceCurves,
    dailyPrices: account.dailyPrices(),
    candles,
    risk,
    drawdown: { ...account.drawdown, maxDrawdownPct: round(account.drawdown.maxDrawdownPct, 8) },
    exposure: { barsSeen: account.barsSeen, barsInMarket: account.barsInMarket },
    final: {
      equity: round(account.equity(), 2),
      cash: round(account.cash(), 2),
      realizedPnl: round(
        suite.orders.positions.all().reduce((s, p) => s + p.realizedPnl, 0),
        2,
      ),
      fees: round(
        suite.orders.positions.all().reduce((s, p) => s + p.fees, 0),
        2,
      ),
      openPositions,
    },
    ...(meta.portfolio !== undefined ? { portfolio: meta.portfolio } : {}),
  };
  // Order records are built when read (or streamed by the results writer), not kept twice.
  // Fills and trades are append-only journals of immutable records: a view of their first n is
  // stable, so it is lazy in every mode.
  const fills = suite.orders.fills;
  const trades = suite.orders.positions.trades;
  defineLazyArray(out, 'fills', indexes(fills.length), (i) => fills.at(i), (i, w) => (fills.writeJson(i, w), true), (w, from, to) => fills.writeJsonRange(w, from, to));
  defineLazyArray(out, 'trades', indexes(trades.length), (i) => trades.at(i), (i, w) => (trades.writeJson(i, w), true), (w, from, to) => trades.writeJsonRange(w, from, to));
  if (meta.lazyOrders === true) {
    const om = suite.orders;
    const views = om.orderViews;
    // Finished orders are written from the journal's columns, live ones from the Order.
    const writeOne = (i: number, w: JsonSink): boolean => om.writeJournalJson(i, w) || writeOrderRecord(views.at(i)!, w);
    const fallback = (i: number, w: JsonSink): void => {
      if (!writeOne(i, w)) w.text(JSON.stringify(orderRecord(views.at(i)!)));
    };
    defineLazyArray(out, 'orders', indexes(views.length), (i) => orderRecord(views.at(i)!), writeOne, (w, from, to) => om.writeOrdersJson(w, from, to, fallback));
  }
  else {
    const list = suite.orders.orderViews;
    const records = new Array<OrderRecord>(list.length);
    for (let i = 0; i < records.length; i++) records[i] = orderRecord(list.at(i)!);
    (out as { orders: OrderRecord[] }).orders = records;
  }
  return out;
}

/** 0..n-1 as a lazy section source (the journals are read by index). */
function indexes(n: number): { readonly length: number; at(i: number): number } {
  return { length: n, at: (i) => i };
}

function orderRecord(o: OrderView): OrderRecord {
  return {
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    size: o.size,
    limitPrice: Number.isNaN(o.limitPrice) ? null : o.limitPrice,
    stopPrice: Number.isNaN(o.stopPrice) ? null : o.stopPrice,
    trailTicks: Number.isNaN(o.trailTicks) ? null : o.trailTicks,
    status: o.status,
    filledSize: o.filledSize,
    avgFillPrice: Number.isNaN(o.avgFillPrice) ? null : round(o.avgFillPrice, 6),
    createdMs: o.createdMs,
    parentClientOrderId: o.parentClientOrderId ?? null,
    ocoGroup: o.ocoGroup ?? null,
    tag: o.tag ?? null,
    history: historyOf(o.transitionLog),
  };
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
