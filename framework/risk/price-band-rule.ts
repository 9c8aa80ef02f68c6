import type { SubmitOrder } from '../model/order.ts';
import { RISK_OK, type RiskDecision, type RiskRule, type RiskView } from './risk-gate.ts';

/**
 * Limit and stop prices must lie within N ticks of the last price (a fat-finger guard). Distances are
 * compared in integer ticks. Passes when no price is known yet, and for bracket children (their
 * distance was chosen with the entry, and refusing a protective stop would leave the position naked).
 */
export class PriceBandRule implements RiskRule {
  readonly name = 'price-band';
  constructor(private readonly maxTicks: number) {}

  check(cmd: SubmitOrder, view: RiskView): RiskDecision {
    if (cmd.parentClientOrderId !== undefined) return RISK_OK;
    const last = view.lastPrice(cmd.symbol);
    const ins = view.instrument(cmd.symbol);
    if (Number.isNaN(last) || ins === undefined) return RISK_OK;
    for (const [label, price] of [
      ['limit', cmd.limitPrice],
      ['stop', cmd.stopPrice],
    ] as const) {
      if (price === undefined || !Number.isFinite(price)) continue;
      const ticks = Math.round(Math.abs(price - last) / ins.tickSize);
      if (ticks > this.maxTicks) {
        return { ok: false, rule: this.name, message: `price band ${this.maxTicks} ticks for ${cmd.symbol}: ${label} ${price} is ${ticks} ticks from last ${last}` };
      }
    }
    return RISK_OK;
  }
}
