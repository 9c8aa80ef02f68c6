import type { Instrument } from '../model/instrument.ts';
import type { ModifyOrder, SubmitOrder } from '../model/order.ts';

/** What the risk gate may read about the account when it decides (a read-only view). */
export interface RiskView {
  nowMs(): number;
  instrument(symbol: string): Instrument | undefined;
  /** Net position, signed contracts. */
  positionOf(symbol: string): number;
  /** Σ |position| over instruments. */
  totalAbsPosition(): number;
  /** Working orders (all instruments, or one). */
  openOrderCount(symbol?: string): number;
  /** Σ remaining size of working orders on one side that would increase |position|. */
  pendingExposure(symbol: string, side: 'buy' | 'sell'): number;
  lastPrice(symbol: string): number;
  equity(): number;
  /** Instruments of the account (optional: total-exposure rules count other symbols' working orders). */
  symbols?(): readonly string[];
  /** An order by client id (optional: modify checks read the order they change). */
  orderOf?(clientOrderId: string): OrderLike | undefined;
}

/** The fields of an order a risk rule reads (model/order.ts Order satisfies it). */
export interface OrderLike {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: SubmitOrder['type'];
  readonly size: number;
  readonly filledSize: number;
  readonly reduceOnly: boolean;
  readonly parentClientOrderId: string | undefined;
}

export type RiskDecision = { readonly ok: true } | { readonly ok: false; readonly rule: string; readonly message: string };

export const RISK_OK: RiskDecision = { ok: true };

/**
 * Every order passes the risk gate before it reaches a broker (issue 5). A denial is a value: the
 * OrderManager turns it into a rejected order and a RiskDenial record, never an exception.
 */
export interface RiskGate {
  checkSubmit(cmd: SubmitOrder, view: RiskView): RiskDecision;
  checkModify?(change: ModifyOrder, view: RiskView): RiskDecision;
}

/** The default gate: lets everything through. */
export class AllowAllRisk implements RiskGate {
  checkSubmit(): RiskDecision {
    return RISK_OK;
  }
}

/**
 * One risk rule (max position, daily loss, trading hours, correlated exposure...). The RiskManager
 * runs its rules in order; the first denial wins. Rules are small, pure where they can be, and
 * never throw for a normal denial.
 */
export interface RiskRule {
  readonly name: string;
  check(cmd: SubmitOrder, view: RiskView): RiskDecision;
}
