import type { SubmitOrder } from '../model/order.ts';
import { RISK_OK, type RiskDecision, type RiskRule, type RiskView } from './risk-gate.ts';

/**
 * Max working orders on the account. Reduce-only orders and bracket children are never denied by it:
 * refusing a protective stop would leave a filled position unprotected. So a bracket entry counts as
 * one order when it is sent, and its stop and target join the count when it fills.
 */
export class MaxOpenOrdersRule implements RiskRule {
  readonly name = 'max-open-orders';
  constructor(private readonly max: number) {}

  check(cmd: SubmitOrder, view: RiskView): RiskDecision {
    if (cmd.reduceOnly === true || cmd.parentClientOrderId !== undefined) return RISK_OK;
    const working = view.openOrderCount();
    if (working + 1 <= this.max) return RISK_OK;
    return { ok: false, rule: this.name, message: `max open orders ${this.max}: working ${working}, order +1 (${cmd.symbol})` };
  }
}
