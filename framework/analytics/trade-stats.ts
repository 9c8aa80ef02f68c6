import { MS_PER_MINUTE } from '../core/time.ts';
import type { TradeRecord } from '../model/results.ts';
import { asTradeColumns, type TradeColumns } from '../model/trade-columns.ts';
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

/**
 * The running sums of tradeStats, one trade at a time: the engine adds each trade as it closes (so the
 * results phase does not loop over the trades again, cold), and tradeStats adds them from the columns.
 * One implementation, so both give bit-identical numbers. `null` states are kept as flags.
 */
export class TradeStatsTally {
  n = 0;
  private wins = 0;
  private losses = 0;
  private grossWin = 0;
  private grossLoss = 0;
  private largestWin = 0;
  private hasLargestWin = false;
  private largestLoss = 0;
  private hasLargestLoss = false;
  private streakW = 0;
  private streakL = 0;
  private maxW = 0;
  private maxL = 0;
  private holdAll = 0;
  private holdWin = 0;
  private holdLoss = 0;
  private fees = 0;
  private maeSum = 0;
  private mfeSum = 0;
  private worstMae = 0;
  private hasWorstMae = false;
  private bestMfe = 0;
  private hasBestMfe = false;
  /** profitFactor's sums (losses as a positive sum). */
  private pfWins = 0;
  private pfLosses = 0;

  add(p: number, entryMs: number, exitMs: number, fee: number, mae: number, mfe: number): void {
    this.n++;
    const holdMin = (exitMs - entryMs) / MS_PER_MINUTE;
    this.holdAll += holdMin;
    this.fees += fee;
    this.maeSum += mae;
    this.mfeSum += mfe;
    if (!this.hasWorstMae || mae < this.worstMae) {
      this.worstMae = mae;
      this.hasWorstMae = true;
    }
    if (!this.hasBestMfe || mfe > this.bestMfe) {
      this.bestMfe = mfe;
      this.hasBestMfe = true;
    }
    if (p > 0) {
      this.wins++;
      this.grossWin += p;
      this.holdWin += holdMin;
      if (!this.hasLargestWin || p > this.largestWin) {
        this.largestWin = p;
        this.hasLargestWin = true;
      }
      this.streakW++;
      this.streakL = 0;
      if (this.streakW > this.maxW) this.maxW = this.streakW;
      this.pfWins += p;
    } else if (p < 0) {
      this.losses++;
      this.grossLoss += p;
      this.holdLoss += holdMin;
      if (!this.hasLargestLoss || p < this.largestLoss) {
        this.largestLoss = p;
        this.hasLargestLoss = true;
      }
      this.streakL++;
      this.streakW = 0;
      if (this.streakL > this.maxL) this.maxL = this.streakL;
      this.pfLosses -= p;
    } else {
      this.streakW = 0;
      this.streakL = 0;
    }
  }

  /** The statistics of the trades added; `pnls` are their PnLs in order (the SQN needs a second pass). */
  stats(pnls: ArrayLike<number>): TradeStats {
    const n = this.n;
    const wins = this.wins;
    const losses = this.losses;
    const grossWin = this.grossWin;
    const grossLoss = this.grossLoss;
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
      profitFactor: this.pfLosses === 0 ? null : finiteOrNull(this.pfWins / this.pfLosses),
      expectancyCurrency: n > 0 ? (grossWin + grossLoss) / n : null,
      payoffRatio: avgWin !== null && avgLoss !== null ? finiteOrNull(avgWin / Math.abs(avgLoss)) : null,
      sqn: systemQualityNumber(pnls),
      avgWinCurrency: avgWin,
      avgLossCurrency: avgLoss,
      largestWinCurrency: this.hasLargestWin ? this.largestWin : null,
      largestLossCurrency: this.hasLargestLoss ? this.largestLoss : null,
      maxConsecutiveWins: this.maxW,
      maxConsecutiveLosses: this.maxL,
      avgHoldingMinutes: n > 0 ? this.holdAll / n : null,
      avgWinnerHoldingMinutes: wins > 0 ? this.holdWin / wins : null,
      avgLoserHoldingMinutes: losses > 0 ? this.holdLoss / losses : null,
      feesPaidCurrency: this.fees,
      avgMaeCurrency: n > 0 ? this.maeSum / n : null,
      worstMaeCurrency: this.hasWorstMae ? this.worstMae : null,
      avgMfeCurrency: n > 0 ? this.mfeSum / n : null,
      bestMfeCurrency: this.hasBestMfe ? this.bestMfe : null,
    };
  }
}

/** Trade statistics in one pass over the trades (TradeStatsTally over the columns). */
export function tradeStats(trades: readonly TradeRecord[] | TradeColumns): TradeStats {
  const c = asTradeColumns(trades);
  const t = new TradeStatsTally();
  const { pnl, entryMs, exitMs, fees, mae, mfe } = c;
  for (let i = 0; i < c.length; i++) t.add(pnl[i], entryMs[i], exitMs[i], fees[i], mae[i], mfe[i]);
  return t.stats(pnl);
}
