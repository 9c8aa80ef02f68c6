import { Subscription } from 'rxjs';
import { FillJournal, OrderJournal, type OrderView } from '../model/journal.ts';
import type { IndexedSource } from '../core/lazy-array.ts';
import type { JsonSink } from '../core/json-bytes.ts';
import type { Clock } from '../core/clock.ts';
import { snapToTick } from '../core/tick-math.ts';
import type { Instrument } from '../model/instrument.ts';
import type { Fill } from '../model/fill.ts';
import type { BrokerEvent, RiskDenial } from '../model/events.ts';
import { Order, isTerminal, oppositeSide, type ModifyOrder, type Side, type SubmitOrder } from '../model/order.ts';
import type { TradeRecord } from '../model/results.ts';
import type { Broker } from './broker.ts';
import { PositionManager } from './position-manager.ts';
import { OrderIdIndex } from './order-id-index.ts';
import { AllowAllRisk, type RiskGate, type RiskView } from '../risk/risk-gate.ts';


/** Orders created between two sweeps of finished orders into the journal. */
const SWEEP_EVERY = 256;
/** Where an instrument context hears about its orders. */
export interface OrderSink {
  onOrder(order: Order): void;
  onFill(fill: Fill, order: Order): void;
  onTrade?(trade: TradeRecord): void;
  onDenied?(denial: RiskDenial): void;
}

/** What a strategy asks for; the manager fills in the client order id. */
export type OrderRequest = Omit<SubmitOrder, 'clientOrderId'>;

/**
 * The client side of every order, identical in backtest, paper and live (issue 5): assigns stable
 * client order ids, passes every command through the risk gate, drives each order's lifecycle from
 * broker events, applies fills to positions, and manages what a venue may not: bracket exits
 * (stop loss + take profit as an OCO pair that goes live when the entry fills, shrinks with partial
 * exits and is cancelled when the position goes flat any other way), OCO groups, and reduce-only orders.
 * Callbacks reach the owning instrument's sink in causal order: an order's own update and fill first,
 * then what they cause (a sibling's cancel).
 */
export class OrderManager implements RiskView {
  readonly positions: PositionManager;
  /**
   * Every order ever created, in creation order (results file). Open orders are the live objects;
   * orders that can no longer change are swept into a column journal (no heap objects per order for
   * the collector to copy) and come back as equal, new Order objects.
   */
  readonly orders: IndexedSource<Order>;
  /** The same orders as the results file reads them: live ones, or the journal's snapshots (no Order built). */
  readonly orderViews: IndexedSource<OrderView>;
  /** Creation index -> the order while it is not yet swept into the journal. */
  private readonly slots: (Order | null)[] = [];
  /** Creation indexes of the orders not yet swept. */
  private live: number[] = [];
  private readonly journal = new OrderJournal();
  /** Client order id -> creation index, for live and swept orders alike. */
  private readonly ids: OrderIdIndex;
  /** Every fill, in arrival order (columns: model/journal.ts). */
  readonly fills = new FillJournal();
  readonly denials: RiskDenial[] = [];
  private readonly working = new Map<string, Order[]>();
  private readonly instruments = new Map<string, Instrument>();
  private readonly sinks = new Map<string, OrderSink[]>();
  private readonly globalSinks: OrderSink[] = [];
  private readonly combined = new Map<string, OrderSink[]>();
  private lastSinkSymbol: string | undefined = undefined;
  private lastSinks: OrderSink[] = [];
  private readonly cancelRequested = new Set<string>();
  /** Bracket entry id -> its child ids. */
  private readonly bracketChildren = new Map<string, string[]>();
  private readonly sub: Subscription;
  private nextId = 0;
  risk: RiskGate = new AllowAllRisk();
  /** Supplied by the account: current equity for the risk view. */
  equityFn: () => number = () => Number.NaN;

  constructor(
    private readonly broker: Broker,
    private readonly clock: Clock,
    instruments: readonly Instrument[],
    private readonly idPrefix = 'O',
  ) {
    for (const ins of instruments) {
      this.instruments.set(ins.symbol, ins);
      this.working.set(ins.symbol, []);
    }
    this.positions = new PositionManager(instruments);
    this.ids = new OrderIdIndex(idPrefix);
    const slots = this.slots;
    this.orders = {
      get length() {
        return slots.length;
      },
      at: (i: number) => this.orderAt(i),
    };
    this.orderViews = {
      get length() {
        return slots.length;
      },
      at: (i: number) => slots[i] ?? this.journal.get(i),
    };
    const remove = broker.onEvent?.((e) => this.onBrokerEvent(e));
    this.sub = remove !== undefined ? new Subscription(remove) : broker.events$.subscribe((e) => this.onBrokerEvent(e));
  }

  dispose(): void {
    this.sub.unsubscribe();
  }

  addSink(symbol: string | '*', sink: OrderSink): () => void {
    const list = symbol === '*' ? this.globalSinks : (this.sinks.get(symbol) ?? this.sinks.set(symbol, []).get(symbol)!);
    list.push(sink);
    this.sinksChanged();
    return () => {
      const i = list.indexOf(sink);
      if (i >= 0) list.splice(i, 1);
      this.sinksChanged();
    };
  }

  get(clientOrderId: string): Order | undefined {
    const i = this.ids.slotOf(clientOrderId);
    return i < 0 ? undefined : this.orderAt(i);
  }

  /** The order while it is not yet swept into the journal (every order that can still change). */
  private liveOrder(clientOrderId: string): Order | undefined {
    const i = this.ids.slotOf(clientOrderId);
    return i < 0 ? undefined : (this.slots[i] ?? undefined);
  }

  /**
   * Write the JSON of the results record of order i when it is in the journal (from the columns);
   * false, nothing written, for an order still live (the caller writes the Order).
   */
  writeJournalJson(i: number, out: JsonSink): boolean {
    return this.slots[i] === null && this.journal.writeJson(i, out);
  }

  /**
   * The results JSON of orders [from, to) joined by commas: finished orders with the common life
   * straight from the journal's columns in one loop, any other by `fallback` (live orders too).
   */
  writeOrdersJson(out: JsonSink, from: number, to: number, fallback: (i: number, out: JsonSink) => void): void {
    this.journal.writeJsonRange(out, from, to, fallback);
  }

  private orderAt(i: number): Order | undefined {
    const o = this.slots[i];
    if (o !== null && o !== undefined) return o;
    const s = this.journal.get(i);
    return s === undefined ? undefined : Order.restore(s);
  }

  private addOrder(o: Order): void {
    if (this.live.length >= SWEEP_EVERY) this.sweep();
    this.live.push(this.slots.length);
    this.ids.add(o.clientOrderId, this.slots.length);
    this.slots.push(o);
  }

  /**
   * Move the orders that can no longer change into the journal. Runs every SWEEP_EVERY new orders,
   * so its cost is constant per order, and at fixed points of the run (deterministic).
   */
  private sweep(): void {
    const keep: number[] = [];
    const live = this.live;
    for (let k = 0; k < live.length; k++) {
      const i = live[k];
      const o = this.slots[i]!;
      if (isTerminal(o.status) && this.journal.put(i, o)) {
        this.slots[i] = null;
      } else keep.push(i);
    }
    this.live = keep;
  }

  /** Working (open) orders, of one symbol or all. */
  workingOrders(symbol?: string): readonly Order[] {
    if (symbol !== undefined) return this.working.get(symbol) ?? [];
    const out: Order[] = [];
    for (const l of this.working.values()) out.push(...l);
    return out;
  }

  hasWorkingOrders(symbol: string): boolean {
    return (this.working.get(symbol)?.length ?? 0) > 0;
  }

  // ------------------------------------------------------------------ commands

  /** Create, risk-check and send an order. Returns it; a denied one comes back `rejected`. */
  submit(req: OrderRequest): Order {
    this.nextId += 1;
    // Every field in a fixed order: one object shape for every command (no spread).
    const cmd: SubmitOrder = {
      clientOrderId: this.idPrefix + this.nextId,
      symbol: req.symbol,
      side: req.side,
      type: req.type,
      size: req.size,
      limitPrice: req.limitPrice,
      stopPrice: req.stopPrice,
      trailTicks: req.trailTicks,
      bracket: req.bracket,
      ocoGroup: req.ocoGroup,
      reduceOnly: req.reduceOnly,
      parentClientOrderId: req.parentClientOrderId,
      tag: req.tag,
    };
    return this.submitCommand(cmd);
  }

  private submitCommand(cmd: SubmitOrder): Order {
    const now = this.clock.nowMs();
    const order = Order.fromCommand(cmd, now);
    this.addOrder(order);
    const decision = this.instruments.has(cmd.symbol) ? this.risk.checkSubmit(cmd, this) : { ok: false as const, rule: 'instrument', message: `unknown symbol ${cmd.symbol}` };
    if (!decision.ok) {
      order.transition('rejected', now, `risk: ${decision.rule}: ${decision.message}`);
      const denial: RiskDenial = { tsMs: now, rule: decision.rule, message: decision.message, clientOrderId: cmd.clientOrderId, symbol: cmd.symbol };
      this.denials.push(denial);
      this.notifyOrder(order);
      for (const s of this.sinksOf(cmd.symbol)) s.onDenied?.(denial);
      return order;
    }
    order.transition('submitted', now);
    this.working.get(cmd.symbol)!.push(order);
    if (cmd.type === 'stop' && cmd.stopPrice !== undefined) this.noteStop(cmd.symbol, cmd.side, cmd.stopPrice);
    this.broker.submit(cmd);
    return order;
  }

  cancel(clientOrderId: string, reason = 'cancelled by strategy'): boolean {
    const o = this.liveOrder(clientOrderId);
    if (o === undefined || !o.isOpen || this.cancelRequested.has(clientOrderId)) return false;
    this.cancelRequested.add(clientOrderId);
    this.broker.cancel(clientOrderId, reason);
    return true;
  }

  modify(change: ModifyOrder): boolean {
    const o = this.liveOrder(change.clientOrderId);
    if (o === undefined || !o.isOpen || this.cancelRequested.has(change.clientOrderId)) return false;
    const decision = this.risk.checkModify?.(change, this);
    if (decision !== undefined && !decision.ok) {
      const denial: RiskDenial = { tsMs: this.clock.nowMs(), rule: decision.rule, message: decision.message, clientOrderId: o.clientOrderId, symbol: o.symbol };
      this.denials.push(denial);
      for (const s of this.sinksOf(o.symbol)) s.onDenied?.(denial);
      return false;
    }
    this.broker.modify(change);
    return true;
  }

  /**
   * The manager's own size adjustments (bracket growth, OCO and reduce-only shrink): they only keep
   * exits in step with the position, so they skip the risk gate.
   */
  private adjust(change: ModifyOrder): void {
    const o = this.liveOrder(change.clientOrderId);
    if (o === undefined || !o.isOpen || this.cancelRequested.has(change.clientOrderId)) return;
    this.broker.modify(change);
  }

  cancelAll(symbol?: string, reason = 'cancel all'): void {
    for (const o of [...this.workingOrders(symbol)]) this.cancel(o.clientOrderId, reason);
  }

  /** Cancel the symbol's working orders and close its position at market. */
  flatten(symbol: string, reason = 'flatten'): Order | undefined {
    this.cancelAll(symbol, reason);
    const pos = this.positions.get(symbol).size;
    if (pos === 0) return undefined;
    return this.submit({ symbol, side: pos > 0 ? 'sell' : 'buy', type: 'market', size: Math.abs(pos), reduceOnly: true, tag: reason });
  }

  flattenAll(reason = 'flatten all'): void {
    for (const sym of this.instruments.keys()) this.flatten(sym, reason);
  }

  // ------------------------------------------------------------------ RiskView

  nowMs(): number {
    return this.clock.nowMs();
  }
  instrument(symbol: string): Instrument | undefined {
    return this.instruments.get(symbol);
  }
  positionOf(symbol: string): number {
    return this.instruments.has(symbol) ? this.positions.get(symbol).size : 0;
  }
  totalAbsPosition(): number {
    return this.positions.totalAbsPosition();
  }
  openOrderCount(symbol?: string): number {
    return this.workingOrders(symbol).length;
  }
  pendingExposure(symbol: string, side: Side): number {
    let n = 0;
    for (const o of this.working.get(symbol) ?? []) if (o.side === side && !o.reduceOnly) n += o.remainingSize;
    return n;
  }
  lastPrice(symbol: string): number {
    return this.instruments.has(symbol) ? this.positions.get(symbol).markPrice : Number.NaN;
  }
  equity(): number {
    return this.equityFn();
  }
  symbols(): readonly string[] {
    return [...this.instruments.keys()];
  }
  orderOf(clientOrderId: string): Order | undefined {
    return this.liveOrder(clientOrderId);
  }

  // ------------------------------------------------------------------ broker events

  private onBrokerEvent(e: BrokerEvent): void {
    switch (e.type) {
      case 'accepted': {
        const o = this.liveOrder(e.clientOrderId);
        if (o === undefined || o.status !== 'submitted') return;
        o.venueOrderId = e.venueOrderId;
        o.transition('working', e.tsMs);
        this.notifyOrder(o);
        return;
      }
      case 'rejected':
        return this.finish(e.clientOrderId, 'rejected', e.tsMs, e.reason);
      case 'cancelled':
        return this.finish(e.clientOrderId, 'cancelled', e.tsMs, e.reason);
      case 'expired':
        return this.finish(e.clientOrderId, 'expired', e.tsMs, e.reason);
      case 'filled':
        return this.onFilled(e.fill);
      case 'modified': {
        const o = this.liveOrder(e.change.clientOrderId);
        if (o === undefined) return;
        if (e.change.size !== undefined) o.size = e.change.size;
        if (e.change.limitPrice !== undefined) o.limitPrice = e.change.limitPrice;
        if (e.change.stopPrice !== undefined) o.stopPrice = e.change.stopPrice;
        if (e.change.trailTicks !== undefined) o.trailTicks = e.change.trailTicks;
        o.updatedMs = e.tsMs;
        o.note(e.tsMs, 'modified');
        this.notifyOrder(o);
        return;
      }
      case 'modify-rejected': {
        this.cancelRequested.delete(e.clientOrderId);
        return;
      }
      case 'created': {
        if (this.ids.slotOf(e.command.clientOrderId) >= 0) return;
        const o = Order.fromCommand(e.command, e.tsMs);
        this.addOrder(o);
        o.venueOrderId = e.venueOrderId;
        o.transition('submitted', e.tsMs, 'created by venue');
        o.transition('working', e.tsMs);
        this.working.get(o.symbol)?.push(o);
        this.notifyOrder(o);
        return;
      }
      case 'trail-moved': {
        const o = this.liveOrder(e.clientOrderId);
        if (o !== undefined) o.stopPrice = e.stopPrice;
        return;
      }
      case 'triggered': {
        const o = this.liveOrder(e.clientOrderId);
        if (o === undefined) return;
        o.triggered = true;
        o.note(e.tsMs, `triggered at ${e.stopPrice}`);
        return;
      }
    }
  }

  private finish(id: string, status: 'rejected' | 'cancelled' | 'expired', tsMs: number, reason: string): void {
    const o = this.liveOrder(id);
    if (o === undefined || !o.isOpen) return;
    o.transition(status, tsMs, reason);
    this.cancelRequested.delete(id);
    this.removeWorking(o);
    this.notifyOrder(o);
    // A bracket entry that dies unfilled takes nothing with it (its children do not exist yet).
  }

  private onFilled(fill: Fill): void {
    const o = this.liveOrder(fill.clientOrderId);
    if (o === undefined) return;
    o.applyFill(fill.size, fill.price);
    o.transition(o.filledSize >= o.size ? 'filled' : 'partially-filled', fill.tsMs);
    if (!o.isOpen) this.removeWorking(o);
    this.fills.push(fill);
    const trade = this.positions.applyFill(fill);
    // Causal order: the order's own update and fill reach the strategy before their consequences.
    this.notifyOrder(o);
    // Indexed loops on the per-order path: before the JIT optimizes it, a for-of is an iterator object
    // and a result object per step.
    const sinks = this.sinksOf(o.symbol);
    for (let k = 0; k < sinks.length; k++) sinks[k].onFill(fill, o);
    if (trade !== undefined) {
      const after = this.sinksOf(o.symbol); // a fill handler may have added or removed a sink
      for (let k = 0; k < after.length; k++) after[k].onTrade?.(trade);
    }
    if (o.bracket !== undefined) this.syncBracket(o);
    if (o.ocoGroup !== undefined) this.resolveOco(o, fill.size);
    this.syncReduceOnly(o.symbol);
  }

  /** Create (first fill) or grow (later partial fills) the bracket's stop and target. */
  private syncBracket(entry: Order): void {
    const b = entry.bracket!;
    const ins = this.instruments.get(entry.symbol)!;
    const kids = this.bracketChildren.get(entry.clientOrderId);
    if (kids === undefined) {
      const exitSide = oppositeSide(entry.side);
      const dir = entry.side === 'buy' ? 1 : -1;
      const group = `${entry.clientOrderId}.oco`;
      const ids: string[] = [];
      const stopPrice = b.stopPrice ?? (b.stopTicks !== undefined ? snapToTick(entry.avgFillPrice - dir * b.stopTicks * ins.tickSize, ins.tickSize) : undefined);
      const targetPrice = b.targetPrice ?? (b.targetTicks !== undefined ? snapToTick(entry.avgFillPrice + dir * b.targetTicks * ins.tickSize, ins.tickSize) : undefined);
      const base = { symbol: entry.symbol, side: exitSide, size: entry.filledSize, ocoGroup: group, reduceOnly: true, parentClientOrderId: entry.clientOrderId };
      this.bracketChildren.set(entry.clientOrderId, ids);
      if (stopPrice !== undefined) {
        const c = this.submitCommand({ ...base, clientOrderId: `${entry.clientOrderId}.sl`, type: 'stop', stopPrice, tag: 'stop loss' });
        ids.push(c.clientOrderId);
      }
      if (targetPrice !== undefined) {
        const c = this.submitCommand({ ...base, clientOrderId: `${entry.clientOrderId}.tp`, type: 'limit', limitPrice: targetPrice, tag: 'take profit' });
        ids.push(c.clientOrderId);
      }
      return;
    }
    // Later partial fills of the entry: each exit grows to cover the whole open position.
    const pos = Math.abs(this.positions.get(entry.symbol).size);
    for (const id of kids) {
      const c = this.liveOrder(id);
      if (c !== undefined && c.isOpen && c.remainingSize < pos) this.adjust({ clientOrderId: id, size: c.filledSize + pos });
    }
  }

  /** One member of an OCO group filled: bracket siblings shrink to its remainder, others are cancelled. */
  private resolveOco(o: Order, _filled: number): void {
    for (const other of this.workingOrders(o.symbol)) {
      if (other === o || other.ocoGroup !== o.ocoGroup || this.cancelRequested.has(other.clientOrderId)) continue;
      const isBracket = o.parentClientOrderId !== undefined && other.parentClientOrderId === o.parentClientOrderId;
      if (!isBracket || o.remainingSize === 0) this.cancel(other.clientOrderId, `OCO: ${o.clientOrderId} filled`);
      else if (other.remainingSize > o.remainingSize) this.adjust({ clientOrderId: other.clientOrderId, size: other.filledSize + o.remainingSize });
    }
  }

  /** Reduce-only orders never outsize the position, and die with it. */
  private syncReduceOnly(symbol: string): void {
    const list = this.working.get(symbol);
    if (list === undefined) return;
    // Most fills leave no reduce-only order working: skip the copy below.
    let any = false;
    for (let i = 0; i < list.length; i++) if (list[i].reduceOnly) any = true;
    if (!any) return;
    const pos = this.positions.get(symbol).size;
    for (const o of [...list]) {
      if (!o.reduceOnly || this.cancelRequested.has(o.clientOrderId)) continue;
      const reduces = (pos > 0 && o.side === 'sell') || (pos < 0 && o.side === 'buy');
      if (!reduces) this.cancel(o.clientOrderId, pos === 0 ? 'position flat' : 'position reversed');
      else if (o.remainingSize > Math.abs(pos)) this.adjust({ clientOrderId: o.clientOrderId, size: o.filledSize + Math.abs(pos) });
    }
  }

  private noteStop(symbol: string, side: Side, stopPrice: number): void {
    const p = this.positions.get(symbol);
    if ((p.size > 0 && side === 'sell') || (p.size < 0 && side === 'buy')) p.noteProtectiveStop(stopPrice);
  }

  private removeWorking(o: Order): void {
    const l = this.working.get(o.symbol);
    if (l === undefined) return;
    const i = l.indexOf(o);
    if (i < 0) return;
    // Shift down in place and pop: splice returns a new array of the removed element (an allocation
    // per order), and assigning `length` goes through the runtime.
    for (let k = i + 1; k < l.length; k++) l[k - 1] = l[k];
    l.pop();
  }

  /**
   * A symbol's sinks then the global ones; built once per sink change, not per event. The last
   * symbol's list is kept at hand (a run of one instrument never looks it up; 3-4 times per order).
   */
  private sinksOf(symbol: string): OrderSink[] {
    if (symbol === this.lastSinkSymbol) return this.lastSinks;
    let c = this.combined.get(symbol);
    if (c === undefined) {
      c = [...(this.sinks.get(symbol) ?? []), ...this.globalSinks];
      this.combined.set(symbol, c);
    }
    this.lastSinkSymbol = symbol;
    this.lastSinks = c;
    return c;
  }

  /** Forget the combined sink lists (a sink was added or removed). */
  private sinksChanged(): void {
    this.combined.clear();
    this.lastSinkSymbol = undefined;
    this.lastSinks = [];
  }

  private notifyOrder(o: Order): void {
    const sinks = this.sinksOf(o.symbol);
    for (let k = 0; k < sinks.length; k++) sinks[k].onOrder(o);
  }
}
