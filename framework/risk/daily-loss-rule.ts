import { RISK_OK, type RiskDecision } from './risk-gate.ts';
import type { AccountSample, RiskBreach, StatefulRiskRule } from './stateful-risk-rule.ts';
import { fmtMoney } from './exposure.ts';

/**
 * Max loss per trading session in currency, realized + unrealized: loss = equity at the session start
 * − equity now (equity = cash + open PnL at the last marks: bar closes and fills). At `maxLoss` the
 * manager flattens, cancels working orders and denies everything until the next session, then resumes.
 * Optional `reduceAt` (currency, < maxLoss): from that loss on only exposure-reducing orders pass
 * (REDUCING) until the next session. Resolution is the mark: a bar that dips through the limit and
 * closes above it does not breach.
 */
export class DailyLossRule implements StatefulRiskRule {
  readonly name = 'daily-loss';
  private startEquity = Number.NaN;
  private day = Number.NaN;
  private reduced = false;
  private breached = false;
  constructor(
    private readonly maxLoss: number,
    private readonly reduceAt?: number,
  ) {}

  /** Equity at the start of the current session (NaN before the first sample). */
  get sessionStartEquity(): number {
    return this.startEquity;
  }

  onSessionStart(sample: AccountSample): void {
    this.startEquity = sample.equity;
    this.day = sample.tradingDay;
    this.reduced = false;
    this.breached = false;
  }

  observe(sample: AccountSample): RiskBreach | undefined {
    if (Number.isNaN(this.startEquity) || sample.tradingDay !== this.day) this.onSessionStart(sample);
    const loss = this.startEquity - sample.equity;
    const numbers = `(session start equity ${fmtMoney(this.startEquity)}, equity ${fmtMoney(sample.equity)})`;
    if (!this.breached && loss >= this.maxLoss) {
      this.breached = true;
      return { rule: this.name, action: 'halt-session', message: `daily loss ${fmtMoney(loss)} >= max ${fmtMoney(this.maxLoss)} ${numbers}` };
    }
    if (!this.breached && !this.reduced && this.reduceAt !== undefined && loss >= this.reduceAt) {
      this.reduced = true;
      return { rule: this.name, action: 'reduce', message: `daily loss ${fmtMoney(loss)} >= reduce-only level ${fmtMoney(this.reduceAt)} ${numbers}` };
    }
    return undefined;
  }

  /** The manager's state gate enforces the breach; the rule itself never denies. */
  check(): RiskDecision {
    return RISK_OK;
  }
}
