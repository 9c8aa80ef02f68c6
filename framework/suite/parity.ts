import type { FillRecord, OrderRecord, ResultsFile, TradeRecord } from '../model/results.ts';

export interface ParityReport {
  readonly identical: boolean;
  readonly orders: number;
  readonly fills: number;
  /** The first difference, in words (undefined when identical). */
  readonly difference?: string;
}

/**
 * Orders and fills of a replay (the backtest path) against a paper/live session. Compared: the order
 * sequence (id without its session prefix, symbol, side, type, size, prices, final status, filled size,
 * average price) and the fill sequence (order id, side, size, price, exchange time, fee). Not compared:
 * wall-clock times (createdMs, history: paper and live stamp them with the wall clock), fill ids (the
 * venue's), and whether an order still open at the end was acknowledged yet.
 */
export function compareSessions(replay: ResultsFile, session: ResultsFile): ParityReport {
  const pa = String(replay.run.config.idPrefix ?? 'O');
  const pb = String(session.run.config.idPrefix ?? 'O');
  const oa = replay.orders.map((o) => orderKey(o, pa));
  const ob = session.orders.map((o) => orderKey(o, pb));
  const fa = replay.fills.map((f) => fillKey(f, pa));
  const fb = session.fills.map((f) => fillKey(f, pb));
  const d = firstDiff('order', oa, ob) ?? firstDiff('fill', fa, fb);
  return d === undefined ? { identical: true, orders: oa.length, fills: fa.length } : { identical: false, orders: oa.length, fills: fa.length, difference: d };
}

/** Round trips of two runs (live vs paper): entry/exit times and prices, size, side, net PnL, fees. */
export function compareTrades(a: readonly TradeRecord[], b: readonly TradeRecord[]): string | undefined {
  const k = (t: TradeRecord): string => JSON.stringify([t.symbol, t.side, t.size, t.entryMs, t.entryPrice, t.exitMs, t.exitPrice, round2(t.pnl), round2(t.fees)]);
  return firstDiff('trade', a.map(k), b.map(k));
}

function orderKey(o: OrderRecord, prefix: string): string {
  const status = o.status === 'submitted' ? 'working' : o.status;
  return JSON.stringify({
    id: strip(o.clientOrderId, prefix),
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    size: o.size,
    limitPrice: o.limitPrice,
    stopPrice: o.stopPrice,
    status,
    filledSize: o.filledSize,
    avgFillPrice: o.avgFillPrice,
  });
}

function fillKey(f: FillRecord, prefix: string): string {
  return JSON.stringify({ id: strip(f.clientOrderId, prefix), symbol: f.symbol, side: f.side, size: f.size, price: f.price, tsMs: f.tsMs, fee: round2(f.fee) });
}

function strip(id: string, prefix: string): string {
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function firstDiff(what: string, a: readonly string[], b: readonly string[]): string | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `${what} #${i + 1} differs: replay ${a[i]} vs session ${b[i]}`;
  if (a.length !== b.length) {
    const extra = a.length > b.length ? `replay has ${what} ${a[n]}` : `session has ${what} ${b[n]}`;
    return `${what} count differs (replay ${a.length}, session ${b.length}); first extra: ${extra}`;
  }
  return undefined;
}
