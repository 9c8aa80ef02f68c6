import type { TradeRecord } from '../model/results.ts';

export interface InstrumentStats {
  readonly symbol: string;
  readonly tradeCount: number;
  readonly netPnlCurrency: number;
  readonly winRateFraction: number | null;
  readonly feesCurrency: number;
}

/** Per-instrument trade count, net PnL, win rate and fees, in the order given by `symbols` (instruments without trades included). */
export function instrumentBreakdown(trades: readonly TradeRecord[], symbols: readonly string[]): InstrumentStats[] {
  const acc = new Map<string, { n: number; pnl: number; wins: number; fees: number }>();
  for (const s of symbols) acc.set(s, { n: 0, pnl: 0, wins: 0, fees: 0 });
  for (const t of trades) {
    let a = acc.get(t.symbol);
    if (a === undefined) acc.set(t.symbol, (a = { n: 0, pnl: 0, wins: 0, fees: 0 }));
    a.n++;
    a.pnl += t.pnl;
    a.fees += t.fees;
    if (t.pnl > 0) a.wins++;
  }
  return [...acc].map(([symbol, a]) => ({
    symbol,
    tradeCount: a.n,
    netPnlCurrency: a.pnl,
    winRateFraction: a.n > 0 ? a.wins / a.n : null,
    feesCurrency: a.fees,
  }));
}
