import { type Observable, type Subscription } from 'rxjs';
import { HotSubject } from '../../bus/hot-subject.ts';
import type { Clock } from '../../core/clock.ts';
import { isOnTick, roundPrice } from '../../core/tick-math.ts';
import type { Instrument } from '../../model/instrument.ts';
import type { Bar, Quote, TradeTick } from '../../model/market-data.ts';
import type { BrokerEvent } from '../../model/events.ts';
import type { ModifyOrder, SubmitOrder } from '../../model/order.ts';
import type { MarketFeed } from '../../feed/market-feed.ts';
import type { Broker } from '../broker.ts';
import { DEFAULT_FILL_MODEL, type FillModelOptions } from './fill-model.ts';

/**
 * The simulated venue (backtest and paper). Invariants (DESIGN.md §3 rule 3, §5):
 * - The venue moves before the strategy: it is subscribed to the feed before any instrument context,
 *   so each market event first matches resting orders, then the strategy sees it.
 * - An order submitted while event e is processed fills on a later event at the earliest
 *   (bars: a bar whose start is after the order's creation time; quotes/trades: a later event).
 *   Exception: a bracket child (parentClientOrderId set) submitted while its entry fills is live at once,
 *   from the entry's fill price on, so a market entry filled at the open can exit within the same bar.
 * - Prices are compared on the tick grid; every fill price is rounded to the tick size's decimals.
 * Known limitations: no queue position (a limit fills as soon as price trades through it), no latency,
 * bar-mode paths are an assumption about the unseen intrabar order of prices.
 */
interface VenueOrder {
  readonly cmd: SubmitOrder;
  readonly symbol: string;
  readonly isBuy: boolean;
  type: SubmitOrder['type'];
  size: number;
  filled: number;
  limitPrice: number;
  stopPrice: number;
  trailTicks: number;
  /** Best price seen since placement, for trailing stops (high for sells, low for buys). */
  trailAnchor: number;
  createdMs: number;
  /** Event sequence number at creation (quote/trade mode: fills need a later event). */
  createdSeq: number;
  /** Live from the current point of the current event (bracket children). */
  immediate: boolean;
  /** Stop-limit: the stop has triggered, the order rests as a limit. */
  triggered: boolean;
  /** Trailing stop: the stop price last reported to the client (trail-moved events). */
  reportedStop: number;
  done: boolean;
}

interface SymbolBook {
  readonly instrument: Instrument;
  readonly tick: number;
  orders: VenueOrder[];
  /** Net position at the venue, signed contracts. */
  position: number;
  bid: number;
  ask: number;
  last: number;
  /** Contracts filled in the current bar (volume cap). */
  filledThisBar: number;
  volumeCap: number;
}

/** The permanent key of SimulatedBroker.byId (see there). */
const ANCHOR: unique symbol = Symbol('anchor');

export class SimulatedBroker implements Broker {
  readonly name = 'simulated';
  /** HotSubject: Subject.next allocates a closure per event (two events per order). */
  private readonly subject = new HotSubject<BrokerEvent>();
  readonly events$: Observable<BrokerEvent> = this.subject.asObservable();

  onEvent(listener: (e: BrokerEvent) => void): () => void {
    return this.subject.addListener(listener);
  }
  private readonly books = new Map<string, SymbolBook>();
  /**
   * Working orders by client order id. It holds one permanent entry (under a symbol key no order id
   * can equal): a map that empties after every fill (a strategy with one order at a time) shrank its
   * table on the delete and grew it again on the next order, two table allocations per order
   * (Runtime_MapShrink in perf). With the anchor it never drops below a quarter full.
   */
  private readonly byId = new Map<string | symbol, VenueOrder>([[ANCHOR, undefined as unknown as VenueOrder]]);
  private readonly opts: FillModelOptions;
  private readonly subs: Subscription[] = [];
  private seq = 0;
  private fillSeq = 0;
  private venueSeq = 0;
  /** Bar currently being matched (undefined outside matching). */
  private matchingTsMs = Number.NaN;

  constructor(
    private readonly clock: Clock,
    instruments: readonly Instrument[],
    opts: Partial<FillModelOptions> = {},
  ) {
    this.opts = { ...DEFAULT_FILL_MODEL, ...opts };
    for (const ins of instruments) {
      this.books.set(ins.symbol, {
        instrument: ins,
        tick: ins.tickSize,
        orders: [],
        position: 0,
        bid: Number.NaN,
        ask: Number.NaN,
        last: Number.NaN,
        filledThisBar: 0,
        volumeCap: Infinity,
      });
    }
  }

  get fillModel(): FillModelOptions {
    return this.opts;
  }

  /**
   * Subscribe to the feed. Call before any instrument context subscribes (the venue moves first).
   * 'bars' matches on OHLC bars (backtest); 'ticks' on quotes and trades (paper, tick replays).
   */
  attach(feed: MarketFeed, matchOn: 'bars' | 'ticks'): void {
    for (const sym of feed.symbols) {
      if (!this.books.has(sym)) continue;
      if (matchOn === 'bars') {
        this.subs.push(feed.bars$(sym).subscribe((bar) => this.onBar(bar)));
      } else {
        this.subs.push(feed.quotes$(sym).subscribe((q) => this.onQuote(q)));
        this.subs.push(feed.trades$(sym).subscribe((t) => this.onTrade(t)));
      }
    }
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    for (const s of this.subs) s.unsubscribe();
    this.subs.length = 0;
  }

  /** Net venue position of a symbol (signed contracts). */
  positionOf(symbol: string): number {
    return this.books.get(symbol)?.position ?? 0;
  }

  workingCount(symbol: string): number {
    return this.books.get(symbol)?.orders.length ?? 0;
  }

  // ------------------------------------------------------------------ commands

  submit(cmd: SubmitOrder): void {
    const now = this.clock.nowMs();
    const book = this.books.get(cmd.symbol);
    const reason = book === undefined ? `unknown symbol ${cmd.symbol}` : this.validate(cmd, book.tick);
    if (reason !== undefined) {
      this.emit({ type: 'rejected', clientOrderId: cmd.clientOrderId, reason, tsMs: now });
      return;
    }
    if (this.byId.has(cmd.clientOrderId)) {
      this.emit({ type: 'rejected', clientOrderId: cmd.clientOrderId, reason: 'duplicate client order id', tsMs: now });
      return;
    }
    const isBuy = cmd.side === 'buy';
    const o: VenueOrder = {
      cmd,
      symbol: cmd.symbol,
      isBuy,
      type: cmd.type,
      size: cmd.size,
      filled: 0,
      limitPrice: cmd.limitPrice ?? Number.NaN,
      stopPrice: cmd.stopPrice ?? Number.NaN,
      trailTicks: cmd.trailTicks ?? Number.NaN,
      trailAnchor: Number.NaN,
      createdMs: now,
      createdSeq: this.seq,
      immediate: cmd.parentClientOrderId !== undefined && !Number.isNaN(this.matchingTsMs),
      triggered: false,
      reportedStop: Number.NaN,
      done: false,
    };
    if (o.type === 'trailing-stop') {
      const ref = !Number.isNaN(book!.last) ? book!.last : isBuy ? book!.ask : book!.bid;
      if (!Number.isNaN(cmd.stopPrice ?? Number.NaN)) {
        o.trailAnchor = isBuy ? o.stopPrice - o.trailTicks * book!.tick : o.stopPrice + o.trailTicks * book!.tick;
      } else if (!Number.isNaN(ref)) {
        o.trailAnchor = ref;
        o.stopPrice = this.trailStop(o, book!.tick);
      }
    }
    this.byId.set(cmd.clientOrderId, o);
    book!.orders.push(o);
    this.venueSeq += 1;
    this.emit({ type: 'accepted', clientOrderId: cmd.clientOrderId, venueOrderId: `SIM-${this.venueSeq}`, tsMs: now });
    if (o.type === 'trailing-stop') this.reportTrails(book!, now);
  }

  /** Tell the client where trailing stops stand now (once per event, only when they moved). */
  private reportTrails(book: SymbolBook, tsMs: number): void {
    // Indexed (like the other per-bar loops here): before the JIT optimizes it, a for-of allocates.
    const orders = book.orders;
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i];
      if (o.type !== 'trailing-stop' || o.done || Number.isNaN(o.stopPrice) || o.stopPrice === o.reportedStop) continue;
      o.reportedStop = o.stopPrice;
      this.emit({ type: 'trail-moved', clientOrderId: o.cmd.clientOrderId, stopPrice: o.stopPrice, tsMs });
    }
  }

  cancel(clientOrderId: string, reason = 'cancelled by client'): void {
    const o = this.byId.get(clientOrderId);
    const now = this.clock.nowMs();
    if (o === undefined || o.done) {
      this.emit({ type: 'modify-rejected', clientOrderId, reason: 'order not working', tsMs: now });
      return;
    }
    this.close(o);
    this.emit({ type: 'cancelled', clientOrderId, reason, tsMs: now });
  }

  modify(change: ModifyOrder): void {
    const o = this.byId.get(change.clientOrderId);
    const now = this.clock.nowMs();
    if (o === undefined || o.done) {
      this.emit({ type: 'modify-rejected', clientOrderId: change.clientOrderId, reason: 'order not working', tsMs: now });
      return;
    }
    const tick = this.books.get(o.symbol)!.tick;
    const bad =
      (change.size !== undefined && (!Number.isInteger(change.size) || change.size <= o.filled)) ||
      (change.limitPrice !== undefined && !isOnTick(change.limitPrice, tick)) ||
      (change.stopPrice !== undefined && !isOnTick(change.stopPrice, tick)) ||
      (change.trailTicks !== undefined && !(change.trailTicks > 0));
    if (bad) {
      this.emit({ type: 'modify-rejected', clientOrderId: o.cmd.clientOrderId, reason: 'invalid modify (size below filled, price off tick or trail <= 0)', tsMs: now });
      return;
    }
    if (change.size !== undefined) o.size = change.size;
    if (change.limitPrice !== undefined) o.limitPrice = change.limitPrice;
    if (change.stopPrice !== undefined) o.stopPrice = change.stopPrice;
    if (change.trailTicks !== undefined) {
      o.trailTicks = change.trailTicks;
      if (!Number.isNaN(o.trailAnchor)) o.stopPrice = this.trailStop(o, tick);
    }
    this.emit({ type: 'modified', change, tsMs: now });
  }

  private validate(cmd: SubmitOrder, tick: number): string | undefined {
    if (!Number.isInteger(cmd.size) || cmd.size <= 0) return `size must be a positive whole number of contracts, got ${cmd.size}`;
    const needsLimit = cmd.type === 'limit' || cmd.type === 'stop-limit';
    const needsStop = cmd.type === 'stop' || cmd.type === 'stop-limit';
    if (needsLimit && !(Number.isFinite(cmd.limitPrice) && isOnTick(cmd.limitPrice!, tick))) return `limit price ${cmd.limitPrice} missing or off the ${tick} tick grid`;
    if (needsStop && !(Number.isFinite(cmd.stopPrice) && isOnTick(cmd.stopPrice!, tick))) return `stop price ${cmd.stopPrice} missing or off the ${tick} tick grid`;
    if (cmd.type === 'trailing-stop' && !(Number.isInteger(cmd.trailTicks) && cmd.trailTicks! > 0)) return `trailing stop needs trailTicks > 0, got ${cmd.trailTicks}`;
    return undefined;
  }

  // ------------------------------------------------------------------ bar mode

  /**
   * Match this symbol's working orders against one bar. Path: open, then the two extremes in the
   * order of the fill model, then the close. Each segment is walked from its start price; the
   * nearest order trigger along the direction fills first, and orders created by fills (bracket
   * children) join from the fill price on.
   */
  onBar(bar: Bar): void {
    this.matchBar(this.books.get(bar.symbol), bar);
  }

  /** onBar for the bars of one symbol, its book looked up once (the replay's per-bar path). */
  barHandler(symbol: string): (bar: Bar) => void {
    const book = this.books.get(symbol);
    return (bar) => this.matchBar(book, bar);
  }

  private matchBar(book: SymbolBook | undefined, bar: Bar): void {
    this.seq++;
    if (book === undefined) return;
    book.last = bar.close;
    if (book.orders.length === 0) return;
    this.matchingTsMs = bar.tsMs;
    book.filledThisBar = 0;
    book.volumeCap = this.opts.volumeCapFraction > 0 ? Math.floor(bar.volume * this.opts.volumeCapFraction) : Infinity;
    try {
      this.matchPoint(book, bar, bar.open);
      let highFirst: boolean;
      const nearerHigh = bar.high - bar.open < bar.open - bar.low || (bar.high - bar.open === bar.open - bar.low && bar.close < bar.open);
      if (this.opts.intrabarPath === 'pessimistic' && book.position !== 0) highFirst = book.position < 0;
      else highFirst = nearerHigh;
      const first = highFirst ? bar.high : bar.low;
      const second = highFirst ? bar.low : bar.high;
      this.matchSegment(book, bar, bar.open, first);
      this.matchSegment(book, bar, first, second);
      this.matchSegment(book, bar, second, bar.close);
      // Trailing anchors ratchet on the bar's extremes even when nothing triggered.
    } finally {
      this.matchingTsMs = Number.NaN;
      this.compact(book);
      this.reportTrails(book, bar.tsMs);
    }
  }

  private eligibleInBar(o: VenueOrder, bar: Bar): boolean {
    return !o.done && (o.immediate || bar.tsMs > o.createdMs);
  }

  /** Orders that execute at a single price point (the open): market orders and gaps through prices. */
  private matchPoint(book: SymbolBook, bar: Bar, price: number): void {
    const tick = book.tick;
    const slip = this.opts.slippageTicks * tick;
    for (let guard = 0; guard < 1000; guard++) {
      let hit: VenueOrder | undefined;
      let fillPrice = 0;
      const orders = book.orders;
      for (let i = 0; i < orders.length; i++) {
        const o = orders[i];
        if (!this.eligibleInBar(o, bar)) continue;
        const p = this.pointFill(o, price, tick, slip);
        if (!Number.isNaN(p)) {
          hit = o;
          fillPrice = p;
          break;
        }
      }
      if (hit === undefined) return;
      this.fill(book, hit, fillPrice, bar.tsMs);
    }
  }

  /** Fill price of an order at a standing price (the open, or a gap), NaN if it does not execute there. */
  private pointFill(o: VenueOrder, price: number, tick: number, slip: number): number {
    const touch = this.opts.limitFill === 'touch';
    switch (o.type) {
      case 'market':
        return o.isBuy ? price + slip : price - slip;
      case 'limit':
        return limitCrossed(o, price, touch) ? price : Number.NaN;
      case 'stop':
        if (o.isBuy ? price >= o.stopPrice : price <= o.stopPrice) return o.isBuy ? price + slip : price - slip;
        return Number.NaN;
      case 'stop-limit':
        if (!o.triggered && (o.isBuy ? price >= o.stopPrice : price <= o.stopPrice)) this.trigger(o, o.stopPrice);
        if (o.triggered && limitCrossed(o, price, touch)) return price;
        return Number.NaN;
      case 'trailing-stop':
        if (!Number.isNaN(o.trailAnchor) && (o.isBuy ? price >= o.stopPrice : price <= o.stopPrice)) return o.isBuy ? price + slip : price - slip;
        if (Number.isNaN(o.trailAnchor) || (o.isBuy ? price < o.trailAnchor : price > o.trailAnchor)) {
          o.trailAnchor = price;
          o.stopPrice = this.trailStop(o, tick);
        }
        return Number.NaN;
    }
  }

  /** Walk from `from` to `to`; fill triggered orders in the order the path meets them. */
  private matchSegment(book: SymbolBook, bar: Bar, from: number, to: number): void {
    if (from === to) return;
    const up = to > from;
    const tick = book.tick;
    const slip = this.opts.slippageTicks * tick;
    const touch = this.opts.limitFill === 'touch';
    let cur = from;
    for (let guard = 0; guard < 1000; guard++) {
      // Trailing stops ratchet with the move so far.
      let best: VenueOrder | undefined;
      let bestLevel = up ? Infinity : -Infinity;
      const orders = book.orders;
      for (let i = 0; i < orders.length; i++) {
        const o = orders[i];
        if (!this.eligibleInBar(o, bar)) continue;
        const level = this.triggerLevel(o, cur, to, up, tick, touch);
        if (Number.isNaN(level)) continue;
        if (up ? level < bestLevel : level > bestLevel) {
          bestLevel = level;
          best = o;
        }
      }
      if (best === undefined) {
        this.ratchetTrails(book, bar, to);
        return;
      }
      // Anchors of trailing orders move with the path up to the trigger level.
      this.ratchetTrails(book, bar, bestLevel, best);
      cur = bestLevel;
      if (best.type === 'stop-limit' && !best.triggered) {
        this.trigger(best, best.stopPrice);
        continue;
      }
      let price: number;
      if (best.type === 'limit' || best.type === 'stop-limit') price = best.isBuy ? Math.min(cur, best.limitPrice) : Math.max(cur, best.limitPrice);
      else price = best.isBuy ? cur + slip : cur - slip;
      this.fill(book, best, price, bar.tsMs);
    }
  }

  /**
   * The price along [cur -> to] at which an order acts, or NaN. Buy stops / sell limits act on the way
   * up, sell stops / buy limits on the way down. A stop-limit's first level is its trigger.
   */
  private triggerLevel(o: VenueOrder, cur: number, to: number, up: boolean, tick: number, touch: boolean): number {
    switch (o.type) {
      case 'market':
        return cur;
      case 'limit':
        return limitLevel(o, cur, to, up, touch);
      case 'stop':
        return stopLevel(o.isBuy, o.stopPrice, cur, to, up);
      case 'stop-limit':
        if (!o.triggered) return stopLevel(o.isBuy, o.stopPrice, cur, to, up);
        return limitLevel(o, cur, to, up, touch);
      case 'trailing-stop': {
        if (Number.isNaN(o.trailAnchor)) return Number.NaN;
        // Moving in the order's favour only raises the anchor; moving against it may trigger.
        if (o.isBuy === up) return stopLevel(o.isBuy, o.stopPrice, cur, to, up);
        return Number.NaN;
      }
    }
  }

  private ratchetTrails(book: SymbolBook, bar: Bar, price: number, except?: VenueOrder): void {
    const tick = book.tick;
    const orders = book.orders;
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i];
      if (o.type !== 'trailing-stop' || o === except || !this.eligibleInBar(o, bar) || Number.isNaN(o.trailAnchor)) continue;
      const better = o.isBuy ? price < o.trailAnchor : price > o.trailAnchor;
      if (better) {
        o.trailAnchor = price;
        o.stopPrice = this.trailStop(o, tick);
      }
    }
  }

  private trailStop(o: VenueOrder, tick: number): number {
    return roundPrice(o.isBuy ? o.trailAnchor + o.trailTicks * tick : o.trailAnchor - o.trailTicks * tick, tick);
  }

  private trigger(o: VenueOrder, level: number): void {
    o.triggered = true;
    this.emit({ type: 'triggered', clientOrderId: o.cmd.clientOrderId, stopPrice: level, tsMs: this.clock.nowMs() });
  }

  /**
   * Fill every working market order of a symbol at `price` now, without slippage: used once, to close
   * positions at the last close when a backtest ends with --close-at-end.
   */
  fillMarketAt(symbol: string, price: number, tsMs: number): void {
    const book = this.books.get(symbol);
    if (book === undefined) return;
    for (const o of book.orders) if (!o.done && o.type === 'market') this.fill(book, o, price, tsMs);
    this.compact(book);
  }

  // ------------------------------------------------------------------ quote / trade mode

  /** Quote mode: market orders fill at the touch; limits when the opposite side trades through. */
  onQuote(q: Quote): void {
    this.seq++;
    const book = this.books.get(q.symbol);
    if (book === undefined) return;
    book.bid = q.bid;
    book.ask = q.ask;
    if (book.orders.length === 0) return;
    const touch = this.opts.limitFill === 'touch';
    const slip = this.opts.slippageTicks * book.tick;
    for (const o of book.orders) {
      if (o.done || o.createdSeq >= this.seq) continue;
      const px = o.isBuy ? q.ask : q.bid;
      if (Number.isNaN(px)) continue;
      if (o.type === 'market') this.fill(book, o, o.isBuy ? px + slip : px - slip, q.tsMs);
      else if ((o.type === 'limit' || (o.type === 'stop-limit' && o.triggered)) && limitCrossed(o, px, touch)) {
        this.fill(book, o, o.isBuy ? Math.min(px, o.limitPrice) : Math.max(px, o.limitPrice), q.tsMs);
      }
    }
    this.compact(book);
  }

  /** Trade mode: stops trigger on the last trade; limits fill when a print goes through them. */
  onTrade(t: TradeTick): void {
    this.seq++;
    const book = this.books.get(t.symbol);
    if (book === undefined) return;
    book.last = t.price;
    if (book.orders.length === 0) return;
    const tick = book.tick;
    const touch = this.opts.limitFill === 'touch';
    const slip = this.opts.slippageTicks * tick;
    for (const o of book.orders) {
      if (o.done || o.createdSeq >= this.seq) continue;
      const p = t.price;
      const touchPx = o.isBuy ? book.ask : book.bid;
      const marketPx = Number.isNaN(touchPx) ? p : touchPx;
      switch (o.type) {
        case 'market':
          this.fill(book, o, o.isBuy ? marketPx + slip : marketPx - slip, t.tsMs);
          break;
        case 'limit':
          if (limitCrossed(o, p, touch)) this.fill(book, o, o.limitPrice, t.tsMs);
          break;
        case 'stop':
          if (o.isBuy ? p >= o.stopPrice : p <= o.stopPrice) {
            this.fill(book, o, (o.isBuy ? Math.max(marketPx, o.stopPrice) + slip : Math.min(marketPx, o.stopPrice) - slip), t.tsMs);
          }
          break;
        case 'stop-limit':
          if (!o.triggered && (o.isBuy ? p >= o.stopPrice : p <= o.stopPrice)) this.trigger(o, o.stopPrice);
          else if (o.triggered && limitCrossed(o, p, touch)) this.fill(book, o, o.limitPrice, t.tsMs);
          break;
        case 'trailing-stop':
          if (Number.isNaN(o.trailAnchor) || (o.isBuy ? p < o.trailAnchor : p > o.trailAnchor)) {
            o.trailAnchor = p;
            o.stopPrice = this.trailStop(o, tick);
          } else if (o.isBuy ? p >= o.stopPrice : p <= o.stopPrice) {
            this.fill(book, o, o.isBuy ? Math.max(marketPx, o.stopPrice) + slip : Math.min(marketPx, o.stopPrice) - slip, t.tsMs);
          }
          break;
      }
    }
    this.compact(book);
    this.reportTrails(book, t.tsMs);
  }

  // ------------------------------------------------------------------ fills

  private fill(book: SymbolBook, o: VenueOrder, rawPrice: number, tsMs: number): void {
    const price = roundPrice(rawPrice, book.tick);
    let size = o.size - o.filled;
    const capLeft = book.volumeCap - book.filledThisBar;
    if (size > capLeft) size = capLeft;
    if (size <= 0) {
      // Volume cap spent for this bar: the order rests until the next one.
      o.createdMs = Math.max(o.createdMs, this.matchingTsMs);
      o.immediate = false;
      return;
    }
    book.filledThisBar += size;
    o.filled += size;
    if (o.filled >= o.size) this.close(o);
    else if (!Number.isNaN(this.matchingTsMs)) {
      // Partially filled under the cap: rests until the next bar.
      o.createdMs = this.matchingTsMs;
      o.immediate = false;
    }
    book.position += o.isBuy ? size : -size;
    this.fillSeq += 1;
    this.emit({
      type: 'filled',
      fill: {
        fillId: `F${this.fillSeq}`,
        clientOrderId: o.cmd.clientOrderId,
        symbol: o.symbol,
        side: o.cmd.side,
        size,
        price,
        tsMs,
        fee: Math.round(this.opts.commissionPerContract * size * 1e6) / 1e6,
      },
    });
  }

  private close(o: VenueOrder): void {
    o.done = true;
    this.byId.delete(o.cmd.clientOrderId);
  }

  /** Drop done orders in place (called after a matching pass, never during one). */
  private compact(book: SymbolBook): void {
    const l = book.orders;
    let k = 0;
    for (let i = 0; i < l.length; i++) {
      const o = l[i];
      if (!o.done) l[k++] = o;
    }
    // pop, not `l.length = k`: assigning an array's length goes through the runtime (~70 ns per
    // order in perf); popping the one or two finished orders stays in optimized code.
    while (l.length > k) l.pop();
  }

  private emit(e: BrokerEvent): void {
    this.subject.next(e);
  }
}

function limitCrossed(o: VenueOrder, price: number, touch: boolean): boolean {
  return o.isBuy ? (touch ? price <= o.limitPrice : price < o.limitPrice) : touch ? price >= o.limitPrice : price > o.limitPrice;
}

/** Level where a limit fills on the segment cur -> to, or NaN. Fill price is min/max(cur, limit). */
function limitLevel(o: VenueOrder, cur: number, to: number, up: boolean, touch: boolean): number {
  if (o.isBuy) {
    if (up) return limitCrossed(o, cur, touch) ? cur : Number.NaN;
    return limitCrossed(o, to, touch) ? Math.min(cur, o.limitPrice) : Number.NaN;
  }
  if (!up) return limitCrossed(o, cur, touch) ? cur : Number.NaN;
  return limitCrossed(o, to, touch) ? Math.max(cur, o.limitPrice) : Number.NaN;
}

/** Level where a stop triggers on the segment cur -> to, or NaN (buy stops on the way up). */
function stopLevel(isBuy: boolean, stop: number, cur: number, to: number, up: boolean): number {
  if (isBuy) {
    if (cur >= stop) return cur;
    return up && to >= stop ? stop : Number.NaN;
  }
  if (cur <= stop) return cur;
  return !up && to <= stop ? stop : Number.NaN;
}
