import type { TradeRecord } from '../model/results.ts';
import { asTradeColumns, type TradeColumns } from '../model/trade-columns.ts';

export interface InstrumentStats {
  readonly symbol: string;
  readonly tradeCount: number;
  readonly netPnlCurrency: number;
  readonly winRateFraction: number | null;
  readonly feesCurrency: number;
}

/** Per-instrument trade count, net PnL, win rate and fees, in the order given by `symbols` (instruments without trades included). */
export function instrumentBreakdown(trades: readonly TradeRecord[] | TradeColumns, symbols: readonly string[]): InstrumentStats[] {
  const acc = new Map<string, { n: number; pnl: number; wins: number; fees: number }>();
  for (const s of symbols) acc.set(s, { n: 0, pnl: 0, wins: 0, fees: 0 });
  const c = asTradeColumns(trades);
  const pnlCol = c.pnl;
  const feeCol = c.fees;
  const symCol = c.symbol;
  // Per symbol code, resolved at its first trade (so new symbols join the map in first-seen order).
  const byCode: ({ n: number; pnl: number; wins: number; fees: number } | undefined)[] = c.symbols.map(() => undefined);
  for (let i = 0; i < c.length; i++) {
    const code = symCol[i];
    let a = byCode[code];
    if (a === undefined) {
      const symbol = c.symbols[code];
      a = acc.get(symbol);
      if (a === undefined) acc.set(symbol, (a = { n: 0, pnl: 0, wins: 0, fees: 0 }));
      byCode[code] = a;
    }
    const pnl = pnlCol[i];
    a.n++;
    a.pnl += pnl;
    a.fees += feeCol[i];
    if (pnl > 0) a.wins++;
  }
  return [...acc].map(([symbol, a]) => ({
    symbol,
    tradeCount: a.n,
    netPnlCurrency: a.pnl,
    winRateFraction: a.n > 0 ? a.wins / a.n : null,
    feesCurrency: a.fees,
  }));
}
