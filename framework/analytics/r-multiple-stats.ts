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

/** R-multiples: net pnl / riskAmount for trades whose stop defined a risk (riskAmount non-null and > 0). */
export function rMultipleStats(trades: readonly TradeRecord[] | TradeColumns): RMultipleStats {
  const c = asTradeColumns(trades);
  const pnl = c.pnl;
  const risk = c.riskAmount;
  let n = 0;
  let sum = 0;
  let winN = 0;
  let winSum = 0;
  let lossN = 0;
  let lossSum = 0;
  let best: number | null = null;
  let worst: number | null = null;
  for (let i = 0; i < c.length; i++) {
    const riskAmount = risk[i];
    if (!(riskAmount > 0)) continue;
    const r = pnl[i] / riskAmount;
    if (!Number.isFinite(r)) continue;
    n++;
    sum += r;
    if (r > 0) {
      winN++;
      winSum += r;
    } else if (r < 0) {
      lossN++;
      lossSum += r;
    }
    if (best === null || r > best) best = r;
    if (worst === null || r < worst) worst = r;
  }
  const avgWinR = winN > 0 ? winSum / winN : null;
  const avgLossR = lossN > 0 ? lossSum / lossN : null;
  return {
    rTradeCount: n,
    avgRMultiple: n > 0 ? sum / n : null,
    expectancyR: n > 0 ? (winN / n) * (avgWinR ?? 0) + (lossN / n) * (avgLossR ?? 0) : null,
    avgWinR,
    avgLossR,
    bestR: best,
    worstR: worst,
  };
}
