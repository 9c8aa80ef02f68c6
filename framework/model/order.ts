import { InvalidOrderTransitionError } from '../core/errors.ts';
import type { OrderSnapshot } from './journal.ts';

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop' | 'stop-limit' | 'trailing-stop';

/**
 * Order lifecycle (issue 5): pending -> submitted -> working -> partially-filled -> filled | cancelled |
 * rejected | expired. `pending` is the client-side state before risk and the broker have seen it.
 */
export type OrderStatus = 'pending' | 'submitted' | 'working' | 'partially-filled' | 'filled' | 'cancelled' | 'rejected' | 'expired';

const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['submitted', 'rejected', 'cancelled'],
  submitted: ['working', 'partially-filled', 'filled', 'cancelled', 'rejected', 'expired'],
  working: ['partially-filled', 'filled', 'cancelled', 'expired', 'working'],
  'partially-filled': ['partially-filled', 'filled', 'cancelled', 'expired'],
  filled: [],
  cancelled: [],
  rejected: [],
  expired: [],
};

export function isTerminal(status: OrderStatus): boolean {
  return status === 'filled' || status === 'cancelled' || status === 'rejected' || status === 'expired';
}

export function isOpenStatus(status: OrderStatus): boolean {
  return status === 'submitted' || status === 'working' || status === 'partially-filled';
}

/** Throws InvalidOrderTransitionError when the lifecycle does not allow `from -> to`. */
export function assertTransition(orderId: string, from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new InvalidOrderTransitionError(orderId, from, to);
}

/**
 * ALLOWED as comparisons (four checks per order on the hot path: the table lookup by a string key
 * went through the megamorphic keyed-load stub). tests/engine/order-transitions.test.ts checks the two
 * agree on every pair.
 */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  switch (from) {
    case 'pending':
      return to === 'submitted' || to === 'rejected' || to === 'cancelled';
    case 'submitted':
      return to === 'working' || to === 'partially-filled' || to === 'filled' || to === 'cancelled' || to === 'rejected' || to === 'expired';
    case 'working':
      return to === 'partially-filled' || to === 'filled' || to === 'cancelled' || to === 'expired' || to === 'working';
    case 'partially-filled':
      return to === 'partially-filled' || to === 'filled' || to === 'cancelled' || to === 'expired';
    default:
      return false;
  }
}

/** The allowed transitions as a table (documentation, and the reference canTransition is tested against). */
export function allowedTransitions(from: OrderStatus): readonly OrderStatus[] {
  return ALLOWED[from];
}

export function sideSign(side: Side): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}

export function oppositeSide(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

/** A stop loss / take profit pair attached to an entry; distances in ticks or absolute prices. */
export interface BracketSpec {
  readonly stopTicks?: number;
  readonly targetTicks?: number;
  readonly stopPrice?: number;
  readonly targetPrice?: number;
}

/** Command: submit an order. `clientOrderId` is unique and stable (sent to ProjectX as customTag). */
export interface SubmitOrder {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly size: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  /** Trailing stop distance in ticks. */
  readonly trailTicks?: number;
  /** Stop loss / take profit activated when this order fills (an OCO pair). */
  readonly bracket?: BracketSpec;
  /** Orders sharing an OCO group: a fill of one cancels the others. */
  readonly ocoGroup?: string;
  /** Only reduces an existing position (exits, flatten); the risk manager lets these through when REDUCING. */
  readonly reduceOnly?: boolean;
  /** Client id of the bracket entry this order protects, if it is a bracket child. */
  readonly parentClientOrderId?: string;
  /** Free text shown in reports. */
  readonly tag?: string;
}

export interface ModifyOrder {
  readonly clientOrderId: string;
  readonly size?: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly trailTicks?: number;
}

/** A transition in an order's life, with time and reason. */
export interface OrderTransition {
  readonly status: OrderStatus;
  readonly tsMs: number;
  readonly reason?: string;
}

/** The client's view of an order; mutated only by the OrderManager / broker that owns it. */
export class Order {
  status: OrderStatus = 'pending';
  filledSize = 0;
  /** Volume-weighted average fill price; NaN until the first fill. */
  avgFillPrice = Number.NaN;
  limitPrice: number;
  stopPrice: number;
  trailTicks: number;
  size: number;
  /** Venue order id (ProjectX orderId), when known. */
  venueOrderId: string | undefined = undefined;
  updatedMs: number;
  /**
   * Transitions as flat triples [status, tsMs, reason | undefined]: one array per order instead of an
   * object per transition (a 1M-bar backtest keeps ~40k orders alive for the results file).
   */
  private readonly log: (string | number | undefined)[] = [];
  /** Stop-limit: true once the stop has triggered and the order rests as a limit. */
  triggered = false;

  constructor(
    readonly clientOrderId: string,
    readonly symbol: string,
    readonly side: Side,
    readonly type: OrderType,
    size: number,
    limitPrice: number,
    stopPrice: number,
    trailTicks: number,
    readonly createdMs: number,
    public ocoGroup: string | undefined,
    readonly parentClientOrderId: string | undefined,
    readonly bracket: BracketSpec | undefined,
    readonly reduceOnly: boolean,
    readonly tag: string | undefined,
  ) {
    this.size = size;
    this.limitPrice = limitPrice;
    this.stopPrice = stopPrice;
    this.trailTicks = trailTicks;
    this.updatedMs = createdMs;
    this.log.push('pending', createdMs, undefined);
  }

  /** Every transition with its time and reason, oldest first (allocates: for results and tests). */
  get history(): OrderTransition[] {
    return historyOf(this.log);
  }

  /**
   * The history as it is kept: flat triples [status, tsMs, reason | undefined], oldest first.
   * Read-only and allocation-free (the results file encoder walks ~40k of these on a 1M-bar run).
   */
  get transitionLog(): readonly (string | number | undefined)[] {
    return this.log;
  }

  /** Record an event in the history that is not a status change (modified, triggered). */
  note(tsMs: number, reason: string): void {
    this.log.push(this.status, tsMs, reason);
  }

  static fromCommand(cmd: SubmitOrder, tsMs: number): Order {
    return new Order(
      cmd.clientOrderId,
      cmd.symbol,
      cmd.side,
      cmd.type,
      cmd.size,
      cmd.limitPrice ?? Number.NaN,
      cmd.stopPrice ?? Number.NaN,
      cmd.trailTicks ?? Number.NaN,
      tsMs,
      cmd.ocoGroup,
      cmd.parentClientOrderId,
      cmd.bracket,
      cmd.reduceOnly ?? false,
      cmd.tag,
    );
  }

  /** An order as a journal kept it (model/journal.ts): the same state and history, a new object. */
  static restore(s: OrderSnapshot): Order {
    const o = new Order(
      s.clientOrderId,
      s.symbol,
      s.side,
      s.type,
      s.size,
      s.limitPrice,
      s.stopPrice,
      s.trailTicks,
      s.createdMs,
      s.ocoGroup,
      s.parentClientOrderId,
      s.bracket,
      s.reduceOnly,
      s.tag,
    );
    o.status = s.status;
    o.filledSize = s.filledSize;
    o.avgFillPrice = s.avgFillPrice;
    o.updatedMs = s.updatedMs;
    o.venueOrderId = s.venueOrderId;
    o.triggered = s.triggered;
    o.log.length = 0;
    const l = s.transitionLog;
    for (let i = 0; i < l.length; i++) o.log.push(l[i]);
    return o;
  }

  get remainingSize(): number {
    return this.size - this.filledSize;
  }

  get isOpen(): boolean {
    return isOpenStatus(this.status);
  }

  /** Apply a lifecycle transition (throws on an illegal one). */
  transition(to: OrderStatus, tsMs: number, reason?: string): void {
    assertTransition(this.clientOrderId, this.status, to);
    this.status = to;
    this.updatedMs = tsMs;
    this.log.push(to, tsMs, reason);
  }

  /** Record a fill of `size` at `price` (status handled by the caller). */
  applyFill(size: number, price: number): void {
    const prev = this.filledSize;
    this.filledSize = prev + size;
    this.avgFillPrice = prev === 0 ? price : (this.avgFillPrice * prev + price * size) / this.filledSize;
  }
}

/** Transitions from the flat [status, tsMs, reason | undefined] triples an order keeps. */
export function historyOf(l: readonly (string | number | undefined)[]): OrderTransition[] {
  const n = l.length / 3;
  // Sized up front: push from [] would reserve 17 slots for the usual 4.
  const out = new Array<OrderTransition>(n);
  for (let j = 0, i = 0; j < n; j++, i += 3) {
    const reason = l[i + 2] as string | undefined;
    out[j] = reason === undefined ? { status: l[i] as OrderStatus, tsMs: l[i + 1] as number } : { status: l[i] as OrderStatus, tsMs: l[i + 1] as number, reason };
  }
  return out;
}
