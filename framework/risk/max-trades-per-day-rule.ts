import type { Fill } from '../model/fill.ts';
import type { SubmitOrder } from '../model/order.ts';
import { RISK_OK, type RiskDecision, type RiskView } from './risk-gate.ts';
import type { AccountSample, StatefulRiskRule } from './stateful-risk-rule.ts';
import { reducesExposure, signedSize } from './exposure.ts';

/**
 * Max trades per trading session (account-wide). A trade is a round trip; it is counted when a fill
 * opens it (a position leaves flat, or flips through zero). An order that would open a new one (sent
 * while flat, or large enough to flip) is denied once the session's count reaches the limit; scale-ins
 * and exits pass. Working entry orders are not counted in advance, so several resting entries can
 * each open a trade before the count catches up. Resets when the session rolls (account calendar).
 */
export class MaxTradesPerDayRule implements StatefulRiskRule {
  readonly name = 'max-trades-per-day';
  private day = Number.NaN;
  private count = 0;
  constructor(private readonly max: number) {}

  /** Trades opened in the current session. */
  get tradesToday(): number {
    return this.count;
  }

  onSessionStart(sample: AccountSample): void {
    this.day = sample.tradingDay;
    this.count = 0;
  }

  onFill(fill: Fill, positionAfter: number, tradingDay: number): void {
    if (tradingDay !== this.day) {
      this.day = tradingDay;
      this.count = 0;
    }
    const before = positionAfter - signedSize(fill.side, fill.size);
    const opened = positionAfter !== 0 && (before === 0 || Math.sign(before) !== Math.sign(positionAfter));
    if (opened) this.count += 1;
  }

  check(cmd: SubmitOrder, view: RiskView): RiskDecision {
    const pos = view.positionOf(cmd.symbol);
    if (reducesExposure(cmd, pos)) return RISK_OK;
    const opensTrade = pos === 0 || Math.sign(pos + signedSize(cmd.side, cmd.size)) === -Math.sign(pos);
    if (!opensTrade || this.count < this.max) return RISK_OK;
    return { ok: false, rule: this.name, message: `max trades per day ${this.max}: ${this.count} opened this session, order would open another (${cmd.symbol})` };
  }
}
