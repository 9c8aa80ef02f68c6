import type { ContractMarket } from './contract-market.ts';
import { isWorking, type GatewayState, type OrderRecord } from './gateway-state.ts';
import { applyFill } from './position-ledger.ts';
import type { UserEventSink } from './user-event-sink.ts';
import { ErrorCode, OrderStatus, OrderType, type BracketSpec, type PlaceOrderRequest } from './wire-types.ts';

export interface EngineResult {
  success: boolean;
  errorCode: number;
  errorMessage: string | null;
  orderId?: number | null;
}

const ok = (orderId?: number): EngineResult => (orderId === undefined ? { success: true, errorCode: 0, errorMessage: null } : { success: true, errorCode: 0, errorMessage: null, orderId });
const fail = (errorCode: number, errorMessage: string, orderId: number | null = null): EngineResult => ({ success: false, errorCode, errorMessage, orderId });

/**
 * Matches orders against the simulated market (quote/trade mode of DESIGN §5):
 * - Market: buy at the best ask, sell at the best bid.
 * - Limit (and JoinBid/JoinAsk, which become limits at the best bid/ask when placed): marketable on
 *   arrival -> fills at the ask/bid; resting -> fills at its price once the opposite side trades
 *   through it (a print, or the far side of the book, strictly beyond the limit).
 * - Stop: triggers on the last trade (buy: last >= stop; sell: last <= stop), fills at the ask/bid.
 * - StopLimit: triggers as a stop, then rests as a limit.
 * - TrailingStop: `trailPrice` is taken as a DISTANCE in price units (the SDK's reading; the doc calls
 *   it unresolved). The stop starts at last -/+ distance and ratchets only in the holder's favour.
 * - Brackets: stopLossBracket/takeProfitBracket `ticks` are a distance from the entry fill; signed or
 *   unsigned is accepted (absolute value, direction from the side). Children are created when the
 *   entry fills, OCO-linked (one filling cancels the other), and cancelled when the position is flat.
 * Fills are whole (no partials). Every change is pushed to the sink.
 */
export class OrderEngine {
  /** Working orders per contract, in arrival order. */
  private readonly working = new Map<string, OrderRecord[]>();
  rejectOrders: boolean | string = false;

  constructor(
    private readonly state: GatewayState,
    private readonly market: (contractId: string) => ContractMarket | undefined,
    private readonly sink: UserEventSink,
    private readonly nowMs: (m: ContractMarket) => number,
  ) {}

  hasWorking(contractId: string): boolean {
    const list = this.working.get(contractId);
    return list !== undefined && list.length > 0;
  }

  place(req: PlaceOrderRequest, userName: string): EngineResult {
    const account = this.state.accounts.get(Number(req.accountId));
    if (account === undefined || account.userName !== userName) return fail(ErrorCode.PlaceAccountNotFound, 'Account not found');
    const m = this.market(String(req.contractId));
    if (m === undefined) return fail(ErrorCode.PlaceContractNotFound, `Contract '${req.contractId}' not found`);
    const reason = this.validate(req, m);
    if (reason !== undefined) return fail(ErrorCode.PlaceOrderRejected, reason);
    const tag = req.customTag ?? null;
    if (tag !== null) {
      for (const o of this.state.orders.values()) {
        if (o.accountId === account.id && o.customTag === tag) return fail(ErrorCode.PlaceOrderRejected, `customTag '${tag}' is already used on this account`);
      }
    }
    const tick = m.spec.tickSize;
    const toTicks = (p: number | null | undefined): number => (p === null || p === undefined ? Number.NaN : Math.round(p / tick));
    const o = this.newOrder(account.id, m, req.type, req.side, req.size, tag);
    o.limitTicks = toTicks(req.limitPrice);
    o.stopTicks = toTicks(req.stopPrice);
    o.stopLossBracket = req.stopLossBracket ?? null;
    o.takeProfitBracket = req.takeProfitBracket ?? null;
    if (req.type === OrderType.JoinBid) o.limitTicks = m.bidTicks;
    if (req.type === OrderType.JoinAsk) o.limitTicks = m.askTicks;
    if (req.type === OrderType.TrailingStop) this.startTrail(o, m, Math.round(Math.abs(req.trailPrice!) / tick));
    if (!account.canTrade || this.rejectOrders !== false) {
      o.status = OrderStatus.Rejected;
      this.sink.order(o);
      const why = typeof this.rejectOrders === 'string' ? this.rejectOrders : account.canTrade ? 'Order rejected' : 'Account cannot trade';
      return fail(ErrorCode.PlaceOrderRejected, why, o.id);
    }
    this.addWorking(o);
    this.sink.order(o);
    this.tryFill(o, m, true);
    return ok(o.id);
  }

  cancel(accountId: number, orderId: number, userName: string): EngineResult {
    const account = this.state.accounts.get(accountId);
    if (account === undefined || account.userName !== userName) return fail(ErrorCode.OrderAccountNotFound, 'Account not found');
    const o = this.state.orders.get(orderId);
    if (o === undefined || o.accountId !== accountId) return fail(ErrorCode.OrderNotFound, 'Order not found');
    if (!isWorking(o)) return fail(ErrorCode.OrderRejected, `Order ${orderId} is not working`);
    this.finish(o, OrderStatus.Cancelled);
    return ok();
  }

  modify(req: { accountId: number; orderId: number; size?: number | null; limitPrice?: number | null; stopPrice?: number | null; trailPrice?: number | null }, userName: string): EngineResult {
    const account = this.state.accounts.get(Number(req.accountId));
    if (account === undefined || account.userName !== userName) return fail(ErrorCode.OrderAccountNotFound, 'Account not found');
    const o = this.state.orders.get(Number(req.orderId));
    if (o === undefined || o.accountId !== account.id) return fail(ErrorCode.OrderNotFound, 'Order not found');
    if (!isWorking(o)) return fail(ErrorCode.OrderRejected, `Order ${o.id} is not working`);
    const m = this.market(o.contractId)!;
    const tick = m.spec.tickSize;
    if (req.size !== undefined && req.size !== null) {
      if (!Number.isInteger(req.size) || req.size < 1) return fail(ErrorCode.OrderRejected, 'size must be a positive integer');
      o.size = req.size;
    }
    for (const [p, name] of [[req.limitPrice, 'limitPrice'], [req.stopPrice, 'stopPrice']] as const) {
      if (p !== undefined && p !== null && !onGrid(p, tick)) return fail(ErrorCode.OrderRejected, `${name} ${p} is not on the ${tick} tick grid`);
    }
    if (req.limitPrice !== undefined && req.limitPrice !== null) o.limitTicks = Math.round(req.limitPrice / tick);
    if (req.stopPrice !== undefined && req.stopPrice !== null) o.stopTicks = Math.round(req.stopPrice / tick);
    if (req.trailPrice !== undefined && req.trailPrice !== null && o.type === OrderType.TrailingStop) this.startTrail(o, m, Math.round(Math.abs(req.trailPrice) / tick));
    o.updatedMs = this.nowMs(m);
    this.sink.order(o);
    this.tryFill(o, m, true);
    return ok();
  }

  /** Flatten (size undefined) or reduce a position with a market order. */
  closePosition(accountId: number, contractId: string, userName: string, size?: number): EngineResult {
    const account = this.state.accounts.get(accountId);
    if (account === undefined || account.userName !== userName) return fail(ErrorCode.PositionAccountNotFound, 'Account not found');
    const m = this.market(contractId);
    if (m === undefined) return fail(ErrorCode.PositionContractNotFound, `Contract '${contractId}' not found`);
    const pos = this.state.positions.get(`${accountId}:${contractId}`);
    if (pos === undefined) return fail(ErrorCode.PositionNotFound, 'Position not found');
    const held = Math.abs(pos.netContracts);
    const qty = size ?? held;
    if (!Number.isInteger(qty) || qty < 1 || qty > held) return fail(ErrorCode.PartialInvalidCloseSize, `close size must be 1..${held}`);
    const o = this.newOrder(accountId, m, OrderType.Market, pos.netContracts > 0 ? 1 : 0, qty, null);
    this.addWorking(o);
    this.sink.order(o);
    this.tryFill(o, m, true);
    return ok();
  }

  /** Called after every market update of m. */
  onMarket(m: ContractMarket): void {
    const list = this.working.get(m.spec.contractId);
    if (list === undefined || list.length === 0) return;
    for (const o of list.slice()) if (isWorking(o)) this.tryFill(o, m, false);
  }

  private validate(req: PlaceOrderRequest, m: ContractMarket): string | undefined {
    const tick = m.spec.tickSize;
    if (![1, 2, 3, 4, 5, 6, 7].includes(req.type)) return `unsupported order type ${req.type}`;
    if (req.side !== 0 && req.side !== 1) return `side must be 0 (buy) or 1 (sell), got ${req.side}`;
    if (!Number.isInteger(req.size) || req.size < 1) return 'size must be a positive integer';
    const needLimit = req.type === OrderType.Limit || req.type === OrderType.StopLimit;
    const needStop = req.type === OrderType.Stop || req.type === OrderType.StopLimit;
    if (needLimit && (typeof req.limitPrice !== 'number' || !onGrid(req.limitPrice, tick))) return `limitPrice must be a price on the ${tick} tick grid`;
    if (needStop && (typeof req.stopPrice !== 'number' || !onGrid(req.stopPrice, tick))) return `stopPrice must be a price on the ${tick} tick grid`;
    if (req.type === OrderType.TrailingStop && !(typeof req.trailPrice === 'number' && Math.abs(req.trailPrice) >= tick)) return 'trailPrice (a distance in price units) must be at least one tick';
    for (const b of [req.stopLossBracket, req.takeProfitBracket]) {
      if (b !== undefined && b !== null && (!Number.isInteger(b.ticks) || b.ticks === 0 || Math.abs(b.ticks) > 1000)) return 'bracket ticks must be a non-zero integer up to 1000';
    }
    return undefined;
  }

  private newOrder(accountId: number, m: ContractMarket, type: number, side: number, size: number, customTag: string | null): OrderRecord {
    const now = this.nowMs(m);
    const o: OrderRecord = {
      id: this.state.nextOrderId++, accountId, contractId: m.spec.contractId, symbolId: m.spec.symbolId, createdMs: now, updatedMs: now,
      status: OrderStatus.Open, type, side, size, limitTicks: Number.NaN, stopTicks: Number.NaN, trailTicks: Number.NaN,
      fillVolume: 0, filledPrice: null, customTag, parentOrderId: null, linkedOrderId: null,
      stopLossBracket: null, takeProfitBracket: null, triggered: false, tickSize: m.spec.tickSize,
    };
    this.state.orders.set(o.id, o);
    return o;
  }

  private startTrail(o: OrderRecord, m: ContractMarket, distanceTicks: number): void {
    o.trailTicks = distanceTicks;
    o.stopTicks = o.side === 1 ? m.lastTicks - distanceTicks : m.lastTicks + distanceTicks;
  }

  private addWorking(o: OrderRecord): void {
    let list = this.working.get(o.contractId);
    if (list === undefined) this.working.set(o.contractId, (list = []));
    list.push(o);
  }

  private removeWorking(o: OrderRecord): void {
    const list = this.working.get(o.contractId);
    if (list === undefined) return;
    const i = list.indexOf(o);
    if (i >= 0) list.splice(i, 1);
  }

  private finish(o: OrderRecord, status: number): void {
    o.status = status;
    o.updatedMs = this.nowMs(this.market(o.contractId)!);
    this.removeWorking(o);
    this.sink.order(o);
  }

  /** The fill price in ticks if o can fill now, else NaN. `arrival`: just placed or modified. */
  private fillTicks(o: OrderRecord, m: ContractMarket, arrival: boolean): number {
    const buy = o.side === 0;
    switch (o.type) {
      case OrderType.Market:
        return buy ? m.askTicks : m.bidTicks;
      case OrderType.Stop:
      case OrderType.TrailingStop:
        if (o.type === OrderType.TrailingStop) this.ratchet(o, m);
        return (buy ? m.lastTicks >= o.stopTicks : m.lastTicks <= o.stopTicks) ? (buy ? m.askTicks : m.bidTicks) : Number.NaN;
      case OrderType.StopLimit:
        if (!o.triggered) {
          if (!(buy ? m.lastTicks >= o.stopTicks : m.lastTicks <= o.stopTicks)) return Number.NaN;
          o.triggered = true;
          arrival = true;
        }
        return this.limitFill(o, m, arrival);
      default:
        return this.limitFill(o, m, arrival);
    }
  }

  private limitFill(o: OrderRecord, m: ContractMarket, arrival: boolean): number {
    const L = o.limitTicks;
    if (o.side === 0) {
      if (arrival && m.askTicks <= L) return m.askTicks;
      return m.lastTicks < L || m.askTicks < L ? L : Number.NaN;
    }
    if (arrival && m.bidTicks >= L) return m.bidTicks;
    return m.lastTicks > L || m.bidTicks > L ? L : Number.NaN;
  }

  /** Trailing stop: follow the last trade at the distance, only in the holder's favour. */
  private ratchet(o: OrderRecord, m: ContractMarket): void {
    const next = o.side === 1 ? m.lastTicks - o.trailTicks : m.lastTicks + o.trailTicks;
    if (o.side === 1 ? next > o.stopTicks : next < o.stopTicks) {
      o.stopTicks = next;
      o.updatedMs = this.nowMs(m);
      this.sink.order(o);
    }
  }

  private tryFill(o: OrderRecord, m: ContractMarket, arrival: boolean): void {
    if (!isWorking(o)) return;
    const ticks = this.fillTicks(o, m, arrival);
    if (Number.isNaN(ticks)) return;
    const price = m.price(ticks);
    const now = this.nowMs(m);
    o.fillVolume = o.size;
    o.filledPrice = price;
    this.finish(o, OrderStatus.Filled);
    const flat = applyFill(this.state, this.sink, m.spec, o, price, o.size, now);
    if (o.linkedOrderId !== null) {
      const partner = this.state.orders.get(o.linkedOrderId);
      if (partner !== undefined && isWorking(partner)) this.finish(partner, OrderStatus.Cancelled);
    }
    if (flat) {
      for (const c of this.working.get(o.contractId)?.slice() ?? []) {
        if (c.accountId === o.accountId && c.parentOrderId !== null) this.finish(c, OrderStatus.Cancelled);
      }
    } else if (o.stopLossBracket !== null || o.takeProfitBracket !== null) {
      this.openBracket(o, m, ticks);
    }
  }

  private openBracket(entry: OrderRecord, m: ContractMarket, fillTicks: number): void {
    const dir = entry.side === 0 ? 1 : -1;
    const exitSide = 1 - entry.side;
    const child = (spec: BracketSpec, isStop: boolean): OrderRecord => {
      const dist = Math.abs(spec.ticks);
      const level = isStop ? fillTicks - dir * dist : fillTicks + dir * dist;
      const type = isStop ? (spec.type === OrderType.Limit || spec.type === OrderType.TrailingStop ? spec.type : OrderType.Stop) : spec.type === OrderType.Stop ? OrderType.Stop : OrderType.Limit;
      const c = this.newOrder(entry.accountId, m, type, exitSide, entry.size, null);
      c.parentOrderId = entry.id;
      if (type === OrderType.Stop) c.stopTicks = level;
      else if (type === OrderType.TrailingStop) this.startTrail(c, m, dist);
      else c.limitTicks = level;
      return c;
    };
    const sl = entry.stopLossBracket !== null ? child(entry.stopLossBracket, true) : undefined;
    const tp = entry.takeProfitBracket !== null ? child(entry.takeProfitBracket, false) : undefined;
    if (sl !== undefined && tp !== undefined) {
      sl.linkedOrderId = tp.id;
      tp.linkedOrderId = sl.id;
    }
    for (const c of [sl, tp]) {
      if (c === undefined) continue;
      this.addWorking(c);
      this.sink.order(c);
    }
    for (const c of [sl, tp]) if (c !== undefined) this.tryFill(c, m, false);
  }
}

function onGrid(price: number, tick: number): boolean {
  return Number.isFinite(price) && Math.abs(price / tick - Math.round(price / tick)) < 1e-6;
}
