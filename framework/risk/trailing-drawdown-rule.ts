import { RISK_OK, type RiskDecision } from './risk-gate.ts';
import type { AccountSample, RiskBreach, StatefulRiskRule } from './stateful-risk-rule.ts';
import { fmtMoney } from './exposure.ts';

export interface TrailingDrawdownConfig {
  /** Allowed drawdown from the peak balance, currency. */
  readonly amount: number;
  /**
   * 'intraday': the peak follows every mark of equity (incl. open PnL), as Topstep's intraday trailing
   * accounts do. 'eod': the peak moves only with end-of-session equity (Topstep's end-of-day trailing
   * Maximum Loss Limit); the breach itself is still checked at every mark.
   */
  readonly mode: 'intraday' | 'eod';
  /** Stop trailing once the threshold reaches the starting balance (default true, as prop firms do). */
  readonly lockAtStartingBalance?: boolean;
}

/**
 * Trailing max drawdown as prop-firm accounts apply it: threshold = peak − amount, where peak starts at
 * the starting balance and rises with equity (intraday) or with session-end equity (eod); with the lock
 * the threshold never rises above the starting balance. Equity at or below the threshold is a breach:
 * flatten and halt for the rest of the run (the account is blown).
 */
export class TrailingDrawdownRule implements StatefulRiskRule {
  readonly name = 'trailing-drawdown';
  private start = Number.NaN;
  private peak = Number.NaN;
  private breached = false;
  constructor(private readonly cfg: TrailingDrawdownConfig) {}

  /** Current liquidation threshold, currency (NaN before the first sample). */
  get threshold(): number {
    const t = this.peak - this.cfg.amount;
    return this.cfg.lockAtStartingBalance === false ? t : Math.min(t, this.start);
  }

  get peakEquity(): number {
    return this.peak;
  }

  private init(sample: AccountSample): void {
    if (Number.isNaN(this.start)) {
      this.start = sample.equity;
      this.peak = sample.equity;
    }
  }

  onSessionStart(sample: AccountSample): void {
    this.init(sample);
    // eod: the equity handed in is the previous session's last mark, i.e. its end-of-day balance.
    if (this.cfg.mode === 'eod' && sample.equity > this.peak) this.peak = sample.equity;
  }

  observe(sample: AccountSample): RiskBreach | undefined {
    this.init(sample);
    if (this.cfg.mode === 'intraday' && sample.equity > this.peak) this.peak = sample.equity;
    if (this.breached || sample.equity > this.threshold) return undefined;
    this.breached = true;
    return {
      rule: this.name,
      action: 'halt',
      message: `trailing drawdown: equity ${fmtMoney(sample.equity)} <= threshold ${fmtMoney(this.threshold)} (peak ${fmtMoney(this.peak)} - ${fmtMoney(this.cfg.amount)}, ${this.cfg.mode})`,
    };
  }

  check(): RiskDecision {
    return RISK_OK;
  }
}
