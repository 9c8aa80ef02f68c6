import type { Side } from '../model/order.ts';

/** Signed contracts of an order: + for buys, − for sells. */
export function signedSize(side: Side, size: number): number {
  return side === 'buy' ? size : -size;
}

/**
 * True when an order can only shrink |position|: it is reduce-only, or it trades against the open
 * position and is not larger than it (so it cannot flip it). This is what REDUCING lets through.
 */
export function reducesExposure(order: { readonly side: Side; readonly size: number; readonly reduceOnly?: boolean }, positionContracts: number): boolean {
  if (order.reduceOnly === true) return true;
  if (positionContracts === 0) return false;
  const against = positionContracts > 0 ? order.side === 'sell' : order.side === 'buy';
  return against && order.size <= Math.abs(positionContracts);
}

/** Format a signed contract count for messages: `+1`, `-2`. */
export function fmtSigned(n: number): string {
  return n > 0 ? `+${n}` : `${n}`;
}

/** Currency amounts in messages: two decimals, no grouping (deterministic across locales). */
export function fmtMoney(x: number): string {
  return x.toFixed(2);
}
