import type { SubmitOrder } from '../model/order.ts';
import { RISK_OK, type RiskDecision, type RiskRule, type RiskView } from './risk-gate.ts';
import { fmtSigned, reducesExposure, signedSize } from './exposure.ts';

/** A limit for every instrument, or per symbol (symbols not listed are unlimited; '*' is the default). */
export type PerSymbolLimit = number | Readonly<Record<string, number>>;

export function limitFor(limit: PerSymbolLimit, symbol: string): number | undefined {
  if (typeof limit === 'number') return limit;
  return limit[symbol] ?? limit['*'];
}

/**
 * Worst-case net position of a symbol if this order and every working order on its side that adds
 * exposure fill (signed contracts).
 */
export function worstCasePosition(cmd: Pick<SubmitOrder, 'symbol' | 'side' | 'size'>, view: RiskView): { position: number; working: number; after: number } {
  const position = view.positionOf(cmd.symbol);
  const working = signedSize(cmd.side, view.pendingExposure(cmd.symbol, cmd.side));
  return { position, working, after: position + working + signedSize(cmd.side, cmd.size) };
}

export function describeExposure(symbol: string, w: { position: number; working: number }, size: number, side: SubmitOrder['side']): string {
  return `position ${w.position}${w.working !== 0 ? `, working ${fmtSigned(w.working)}` : ''}, order ${fmtSigned(signedSize(side, size))}`;
}

/**
 * Max |net position| per instrument, in contracts, counting the order and the working orders that
 * would add to the same side. Orders that only reduce the position always pass.
 */
export class MaxPositionRule implements RiskRule {
  readonly name = 'max-position';
  constructor(private readonly limit: PerSymbolLimit) {}

  check(cmd: SubmitOrder, view: RiskView): RiskDecision {
    const max = limitFor(this.limit, cmd.symbol);
    if (max === undefined) return RISK_OK;
    const w = worstCasePosition(cmd, view);
    if (reducesExposure(cmd, w.position) || Math.abs(w.after) <= max) return RISK_OK;
    return { ok: false, rule: this.name, message: `max position ${max} for ${cmd.symbol}: ${describeExposure(cmd.symbol, w, cmd.size, cmd.side)}` };
  }
}
