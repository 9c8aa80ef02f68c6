import type { SubmitOrder } from '../model/order.ts';
import { RISK_OK, type RiskDecision, type RiskRule, type RiskView } from './risk-gate.ts';
import { reducesExposure } from './exposure.ts';
import { describeExposure, worstCasePosition } from './max-position-rule.ts';

/**
 * Max Σ |net position| over all instruments, in contracts (micros and minis count alike: one contract
 * is one contract). The order's symbol counts at its worst case (order + working orders on its side);
 * other symbols at their worst case when the view lists them, else at their current position.
 */
export class MaxTotalPositionRule implements RiskRule {
  readonly name = 'max-total-position';
  constructor(private readonly max: number) {}

  check(cmd: SubmitOrder, view: RiskView): RiskDecision {
    const w = worstCasePosition(cmd, view);
    if (reducesExposure(cmd, w.position)) return RISK_OK;
    let others = 0;
    const symbols = view.symbols?.();
    if (symbols === undefined) others = view.totalAbsPosition() - Math.abs(w.position);
    else {
      for (const s of symbols) {
        if (s === cmd.symbol) continue;
        const p = view.positionOf(s);
        others += Math.max(Math.abs(p + view.pendingExposure(s, 'buy')), Math.abs(p - view.pendingExposure(s, 'sell')));
      }
    }
    const total = others + Math.abs(w.after);
    if (total <= this.max) return RISK_OK;
    return { ok: false, rule: this.name, message: `max total position ${this.max}: other instruments ${others}, ${cmd.symbol} ${describeExposure(cmd.symbol, w, cmd.size, cmd.side)} -> ${total}` };
  }
}
