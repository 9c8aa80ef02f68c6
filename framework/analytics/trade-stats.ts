import { MS_PER_MINUTE } from '../core/time.ts';
import type { TradeRecord } from '../model/results.ts';
import { asTradeColumns, type TradeColumns } from '../model/trade-columns.ts';
import { profitFactor } from './profit-factor.ts';
import { finiteOrNull } from './sample-stats.ts';
import { systemQualityNumber } from './system-quality-number.ts';

/**
 * Round-trip statistics on net PnL in account currency (pnl is net of both sides' fees). A trade with
 * pnl > 0 is a win, < 0 a loss; a breakeven trade (exactly 0) is neither and ends both streaks.
 */
export interface TradeStats {
  readonly tradeCount: number;
  readonly winCount: number;
  readonly lossCount: number;
  /** wins / all trades; null without trades. */
  readonly winRateFraction: number | null;
  readonly netPnlCurrency: number;
  readonly grossProfitCurrency: number;
  /** Σ losing PnL (negative or 0). */
  readonly grossLossCurrency: number;
  readonly profitFactor: number | null;
  /** Mean net PnL per trade. */
  readonly expectancyCurrency: number | null;
  /** avg win / |avg loss|. */
  readonly payoffRatio: number | null;
  readonly sqn: number | null;
  readonly avgWinCurrency: number | null;
  readonly avgLossCurrency: number | null;
  readonly largestWinCurrency: number | null;
  readonly largestLossCurrency: number | null;
  readonly maxConsecutiveWins: number;
  readonly maxConsecutiveLosses: number;
  readonly avgHoldingMinutes: number | null;
  readonly avgWinnerHoldingMinutes: number | null;
  readonly avgLoserHoldingMinutes: number | null;
  readonly feesPaidCurrency: number;
  /** Mean and worst maximum adverse excursion (currency, ≤ 0). */
  readonly avgMaeCurrency: number | null;
  readonly worstMaeCurrency: number | null;
  /** Mean and best maximum favourable excursion (currency, ≥ 0). */
  readonly avgMfeCurrency: number | null;
  readonly bestMfeCurrency: number | null;
}

/** Trade statistics in one pass over the trades (thousands of trades: well under a millisecond). */
export function tradeStats(trades: readonly TradeRecord[] | TradeColumns): TradeStats {
  const c = asTradeColumns(trades);
  const n = c.length;
  const pnls = c.pnl;
  const entryMs = c.entryMs;
  const exitMs = c.exitMs;
  const feeCol = c.fees;
  const maeCol = c.mae;
  const mfeCol = c.mfe;
  let wins = 0;
  let losses = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let largestWin: number | null = null;
  let largestLoss: number | null = null;
  let streakW = 0;
  let streakL = 0;
  let maxW = 0;
  let maxL = 0;
  let holdAll = 0;
  let holdWin = 0;
  let holdLoss = 0;
  let fees = 0;
  let maeSum = 0;
  let mfeSum = 0;
  let worstMae: number | null = null;
  let bestMfe: number | null = null;
  for (let i = 0; i < n; i++) {
    const p = pnls[i];
    const holdMin = (exitMs[i] - entryMs[i]) / MS_PER_MINUTE;
    holdAll += holdMin;
    fees += feeCol[i];
    const mae = maeCol[i];
    const mfe = mfeCol[i];
    maeSum += mae;
    mfeSum += mfe;
    if (worstMae === null || mae < worstMae) worstMae = mae;
    if (bestMfe === null || mfe > bestMfe) bestMfe = mfe;
    if (p > 0) {
      wins++;
      grossWin += p;
      holdWin += holdMin;
      if (largestWin === null || p > largestWin) largestWin = p;
      streakW++;
      streakL = 0;
      if (streakW > maxW) maxW = streakW;
    } else if (p < 0) {
      losses++;
      grossLoss += p;
      holdLoss += holdMin;
      if (largestLoss === null || p < largestLoss) largestLoss = p;
      streakL++;
      streakW = 0;
      if (streakL > maxL) maxL = streakL;
    } else {
      streakW = 0;
      streakL = 0;
    }
  }
  const avgWin = wins > 0 ? grossWin / wins : null;
  const avgLoss = losses > 0 ? grossLoss / losses : null;
  return {
    tradeCount: n,
    winCount: wins,
    lossCount: losses,
    winRateFraction: n > 0 ? wins / n : null,
    netPnlCurrency: grossWin + grossLoss,
    grossProfitCurrency: grossWin,
    grossLossCurrency: grossLoss,
    profitFactor: profitFactor(pnls),
    expectancyCurrency: n > 0 ? (grossWin + grossLoss) / n : null,
    payoffRatio: avgWin !== null && avgLoss !== null ? finiteOrNull(avgWin / Math.abs(avgLoss)) : null,
    sqn: systemQualityNumber(pnls),
    avgWinCurrency: avgWin,
    avgLossCurrency: avgLoss,
    largestWinCurrency: largestWin,
    largestLossCurrency: largestLoss,
    maxConsecutiveWins: maxW,
    maxConsecutiveLosses: maxL,
    avgHoldingMinutes: n > 0 ? holdAll / n : null,
    avgWinnerHoldingMinutes: wins > 0 ? holdWin / wins : null,
    avgLoserHoldingMinutes: losses > 0 ? holdLoss / losses : null,
    feesPaidCurrency: fees,
    avgMaeCurrency: n > 0 ? maeSum / n : null,
    worstMaeCurrency: worstMae,
    avgMfeCurrency: n > 0 ? mfeSum / n : null,
    bestMfeCurrency: bestMfe,
  };
}
