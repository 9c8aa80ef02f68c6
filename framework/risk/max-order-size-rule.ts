import type { SubmitOrder } from '../model/order.ts';
import { RISK_OK, type RiskDecision, type RiskRule } from './risk-gate.ts';
import { limitFor, type PerSymbolLimit } from './max-position-rule.ts';

/**
 * Max contracts in one order (a fat-finger guard). Reduce-only orders are exempt: an exit is never
 * larger than the position, and the max position rule bounds that.
 */
export class MaxOrderSizeRule implements RiskRule {
  readonly name = 'max-order-size';
  constructor(private readonly limit: PerSymbolLimit) {}

  check(cmd: SubmitOrder): RiskDecision {
    const max = limitFor(this.limit, cmd.symbol);
    if (max === undefined || cmd.reduceOnly === true || cmd.size <= max) return RISK_OK;
    return { ok: false, rule: this.name, message: `max order size ${max} for ${cmd.symbol}: order ${cmd.size}` };
  }
}
