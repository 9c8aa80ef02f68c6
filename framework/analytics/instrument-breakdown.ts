import type { TradeRecord } from '../model/results.ts';
import { asTradeColumns, type TradeColumns } from '../model/trade-columns.ts';

export interface InstrumentStats {
  readonly symbol: string;
  readonly tradeCount: number;
  readonly netPnlCurrency: number;
  readonly winRateFraction: number | null;
  readonly feesCurrency: number;
}

/** Per-instrument running sums of instrumentBreakdown, one trade at a time (shared with the engine's tally). */
export class InstrumentTally {
  /** By symbol, the given ones first, then new ones in first-seen order. */
  private readonly acc = new Map<string, { n: number; pnl: number; wins: number; fees: number }>();
  private lastSymbol: string | undefined = undefined;
  private last: { n: number; pnl: number; wins: number; fees: number } = { n: 0, pnl: 0, wins: 0, fees: 0 };

  constructor(symbols: readonly string[]) {
    for (const s of symbols) this.acc.set(s, { n: 0, pnl: 0, wins: 0, fees: 0 });
  }

  add(symbol: string, pnl: number, fee: number): void {
    let a = this.last;
    if (symbol !== this.lastSymbol) {
      let found = this.acc.get(symbol);
      if (found === undefined) this.acc.set(symbol, (found = { n: 0, pnl: 0, wins: 0, fees: 0 }));
      a = this.last = found;
      this.lastSymbol = symbol;
    }
    a.n++;
    a.pnl += pnl;
    a.fees += fee;
    if (pnl > 0) a.wins++;
  }

  stats(): InstrumentStats[] {
    return [...this.acc].map(([symbol, a]) => ({
      symbol,
      tradeCount: a.n,
      netPnlCurrency: a.pnl,
      winRateFraction: a.n > 0 ? a.wins / a.n : null,
      feesCurrency: a.fees,
    }));
  }
}

/** Per-instrument trade count, net PnL, win rate and fees, in the order given by `symbols` (instruments without trades included). */
export function instrumentBreakdown(trades: readonly TradeRecord[] | TradeColumns, symbols: readonly string[]): InstrumentStats[] {
  const c = asTradeColumns(trades);
  const t = new InstrumentTally(symbols);
  const { pnl, fees, symbol } = c;
  for (let i = 0; i < c.length; i++) t.add(c.symbols[symbol[i]], pnl[i], fees[i]);
  return t.stats();
}
