import type { TradeRecord } from './results.ts';

/**
 * Closed trades as columns: what the trade metrics read (analytics/trade-stats.ts and its siblings).
 *
 * Why: the engine keeps its trades in a column journal (model/journal.ts); the metrics used to read
 * them as records, so a 1M-bar run rebuilt ~19k trade objects (~5 MB that the young-generation
 * collector then copied) only to sum a few fields, in loops that run once, mostly interpreted. Read
 * from typed arrays the same sums cost a fraction of that, in the same order, so the results are the
 * same to the last bit. A results file's records (the report) convert with `tradeColumns`.
 */
export interface TradeColumns {
  readonly length: number;
  /** Distinct symbols; `symbol[i]` indexes them. */
  readonly symbols: readonly string[];
  readonly symbol: ArrayLike<number>;
  readonly entryMs: ArrayLike<number>;
  readonly exitMs: ArrayLike<number>;
  readonly pnl: ArrayLike<number>;
  readonly fees: ArrayLike<number>;
  readonly mae: ArrayLike<number>;
  readonly mfe: ArrayLike<number>;
  /** NaN where the trade had no defined risk (riskAmount null). */
  readonly riskAmount: ArrayLike<number>;
}

/** Zeroed columns for n trades, to be filled in place (the journal, tradeColumns). */
export function allocTradeColumns(n: number, symbols: readonly string[]) {
  return {
    length: n,
    symbols,
    symbol: new Int32Array(n),
    entryMs: new Float64Array(n),
    exitMs: new Float64Array(n),
    pnl: new Float64Array(n),
    fees: new Float64Array(n),
    mae: new Float64Array(n),
    mfe: new Float64Array(n),
    riskAmount: new Float64Array(n),
  } satisfies TradeColumns;
}

/** The columns of trade records, in their order. */
export function tradeColumns(trades: readonly TradeRecord[]): TradeColumns {
  const n = trades.length;
  const symbols: string[] = [];
  const codes = new Map<string, number>();
  const cols = allocTradeColumns(n, symbols);
  const { symbol, entryMs, exitMs, pnl, fees, mae, mfe, riskAmount } = cols;
  for (let i = 0; i < n; i++) {
    const t = trades[i];
    let c = codes.get(t.symbol);
    if (c === undefined) {
      c = symbols.length;
      symbols.push(t.symbol);
      codes.set(t.symbol, c);
    }
    symbol[i] = c;
    entryMs[i] = t.entryMs;
    exitMs[i] = t.exitMs;
    pnl[i] = t.pnl;
    fees[i] = t.fees;
    mae[i] = t.mae;
    mfe[i] = t.mfe;
    riskAmount[i] = t.riskAmount ?? Number.NaN;
  }
  return cols;
}

/** Columns as they are, or the columns of records. */
export function asTradeColumns(trades: readonly TradeRecord[] | TradeColumns): TradeColumns {
  return Array.isArray(trades) ? tradeColumns(trades as readonly TradeRecord[]) : (trades as TradeColumns);
}
