import type { TradeRecord } from '../model/results.ts';
import { asTradeColumns, type TradeColumns } from '../model/trade-columns.ts';

export interface RMultipleStats {
  /** Trades with a defined initial risk (riskAmount > 0). */
  readonly rTradeCount: number;
  /** Mean R over those trades. */
  readonly avgRMultiple: number | null;
  /**
   * Expectancy in R = winRate × avgWinR + lossRate × avgLossR (Van Tharp's form). With pnl/risk it is
   * algebraically the mean R; it is kept as its own field because traders look for it by this name.
   */
  readonly expectancyR: number | null;
  readonly avgWinR: number | null;
  readonly avgLossR: number | null;
  readonly bestR: number | null;
  readonly worstR: number | null;
}

/** The running sums of rMultipleStats, one trade at a time (the engine's tally and rMultipleStats share it). */
export class RMultipleTally {
  private n = 0;
  private sum = 0;
  private winN = 0;
  private winSum = 0;
  private lossN = 0;
  private lossSum = 0;
  private best = 0;
  private worst = 0;

  add(pnl: number, riskAmount: number): void {
    if (!(riskAmount > 0)) return;
    const r = pnl / riskAmount;
    if (!Number.isFinite(r)) return;
    if (this.n === 0 || r > this.best) this.best = r;
    if (this.n === 0 || r < this.worst) this.worst = r;
    this.n++;
    this.sum += r;
    if (r > 0) {
      this.winN++;
      this.winSum += r;
    } else if (r < 0) {
      this.lossN++;
      this.lossSum += r;
    }
  }

  stats(): RMultipleStats {
    const { n, sum, winN, winSum, lossN, lossSum } = this;
    const avgWinR = winN > 0 ? winSum / winN : null;
    const avgLossR = lossN > 0 ? lossSum / lossN : null;
    return {
      rTradeCount: n,
      avgRMultiple: n > 0 ? sum / n : null,
      expectancyR: n > 0 ? (winN / n) * (avgWinR ?? 0) + (lossN / n) * (avgLossR ?? 0) : null,
      avgWinR,
      avgLossR,
      bestR: n > 0 ? this.best : null,
      worstR: n > 0 ? this.worst : null,
    };
  }
}

/** R-multiples: net pnl / riskAmount for trades whose stop defined a risk (riskAmount non-null and > 0). */
export function rMultipleStats(trades: readonly TradeRecord[] | TradeColumns): RMultipleStats {
  const c = asTradeColumns(trades);
  const t = new RMultipleTally();
  const { pnl, riskAmount } = c;
  for (let i = 0; i < c.length; i++) t.add(pnl[i], riskAmount[i]);
  return t.stats();
}
