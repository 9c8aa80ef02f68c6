import type { Clock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { snapToTick } from '../core/tick-math.ts';
import { isoUtc } from '../core/time.ts';
import { EventBus, type Channel } from '../bus/event-bus.ts';
import { BarWindow } from '../feed/bar-window.ts';
import type { Indicator } from '../indicators/indicator.ts';
import type { Instrument } from '../model/instrument.ts';
import type { Bar, DepthUpdate, Quote, TradeTick } from '../model/market-data.ts';
import type { Fill } from '../model/fill.ts';
import type { RiskDenial } from '../model/events.ts';
import type { Order, Side } from '../model/order.ts';
import type { TradeRecord } from '../model/results.ts';
import type { OrderManager, OrderRequest } from '../execution/order-manager.ts';
import type { PositionState } from '../execution/position-manager.ts';
import type { Account, SymbolTrack } from '../portfolio/account.ts';
import type { Strategy } from '../strategy/strategy.ts';
import type { BracketRequest, OrderOptions, PositionView, StrategyContext } from '../strategy/strategy-context.ts';

/** Topics of an instrument's own bus. A handler here never sees another instrument's events. */
export interface InstrumentTopics {
  bar: Bar;
  quote: Quote;
  trade: TradeTick;
  depth: DepthUpdate;
  order: Order;
  fill: { fill: Fill; order: Order };
  'trade-closed': TradeRecord;
  denied: RiskDenial;
}

/**
 * One instrument's world (issue 6): spec, data (closed bars in a bounded window, last quote and
 * trade), orders, position, indicators, its own EventBus, and the strategy instance that trades it.
 * It is the StrategyContext that strategy sees. Per closed bar: window, indicators, account mark,
 * then the strategy (the venue has already matched: DESIGN.md §3 rule 3).
 */
export class InstrumentContext implements StrategyContext {
  readonly bus: EventBus<InstrumentTopics>;
  /** Topics bound once (published per bar, per order event): no topic lookup per event. */
  private readonly barChannel: Channel<Bar>;
  private readonly channels: {
    readonly quote: Channel<Quote>;
    readonly trade: Channel<TradeTick>;
    readonly depth: Channel<DepthUpdate>;
    readonly order: Channel<Order>;
    readonly fill: Channel<{ fill: Fill; order: Order }>;
    readonly tradeClosed: Channel<TradeRecord>;
    readonly denied: Channel<RiskDenial>;
  };
  readonly bars: BarWindow;
  /** Closed bars per timeframe: the base one (`bars`) and coarser ones the suite builds from it (issue 6). */
  readonly timeframeBars = new Map<string, BarWindow>();
  lastQuote: Quote | undefined = undefined;
  lastTrade: TradeTick | undefined = undefined;
  private readonly indicators: Indicator<unknown>[] = [];
  private strategy: Strategy | undefined;
  private readonly state: PositionState;
  private readonly track: SymbolTrack | undefined;
  private started = false;
  private ocoSeq = 0;
  logSink: (line: string) => void = (line) => process.stderr.write(`${line}\n`);

  constructor(
    readonly instrument: Instrument,
    private readonly orders: OrderManager,
    private readonly account: Account,
    private readonly clock: Clock,
    windowBars = 256,
  ) {
    this.bus = new EventBus<InstrumentTopics>(`${instrument.symbol} bus`);
    this.barChannel = this.bus.channel('bar');
    const bus = this.bus;
    this.channels = {
      quote: bus.channel('quote'),
      trade: bus.channel('trade'),
      depth: bus.channel('depth'),
      order: bus.channel('order'),
      fill: bus.channel('fill'),
      tradeClosed: bus.channel('trade-closed'),
      denied: bus.channel('denied'),
    };
    this.bars = new BarWindow(windowBars);
    this.state = orders.positions.get(instrument.symbol);
    this.track = account.trackOf(instrument.symbol);
    orders.addSink(instrument.symbol, {
      onOrder: (o) => this.handleOrder(o),
      onFill: (f, o) => this.handleFill(f, o),
      onTrade: (t) => this.handleTradeClosed(t),
      onDenied: (d) => this.handleDenied(d),
    });
  }

  get symbol(): string {
    return this.instrument.symbol;
  }

  get position(): PositionView {
    return this.state;
  }

  attachStrategy(strategy: Strategy): void {
    this.strategy = strategy;
  }

  /** Run the strategy's onStart once (indicators get declared here). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.strategy?.onStart(this);
  }

  stopStrategy(): void {
    this.strategy?.onStop(this);
  }

  // ------------------------------------------------------------------ market events (hot path)

  handleBar(bar: Bar): void {
    this.bars.push(bar);
    const inds = this.indicators;
    for (let i = 0; i < inds.length; i++) inds[i].updateBar(bar);
    if (this.track !== undefined) this.account.onTrackBar(this.track, bar.tsMs, bar.open, bar.high, bar.low, bar.close);
    if (this.strategy !== undefined) this.strategy.onBar(bar, this);
    this.barChannel.publish(bar);
  }

  handleQuote(q: Quote): void {
    this.lastQuote = q;
    this.strategy?.onQuote(q, this);
    this.channels.quote.publish(q);
  }

  handleTrade(t: TradeTick): void {
    this.lastTrade = t;
    this.account.markPrice(t.symbol, t.price);
    this.strategy?.onTrade(t, this);
    this.channels.trade.publish(t);
  }

  handleDepth(d: DepthUpdate): void {
    this.channels.depth.publish(d);
  }

  private handleOrder(o: Order): void {
    this.strategy?.onOrder(o, this);
    this.channels.order.publish(o);
  }

  private handleFill(f: Fill, o: Order): void {
    // This context's own fills (the order manager routes them by symbol): its track, no lookup.
    if (this.track !== undefined) this.account.markTrack(this.track, f.price);
    else this.account.markPrice(f.symbol, f.price);
    this.strategy?.onFill(f, o, this);
    if (this.channels.fill.hasHandlers) this.channels.fill.publish({ fill: f, order: o });
  }

  private handleTradeClosed(t: TradeRecord): void {
    this.strategy?.onTradeClosed(t, this);
    this.channels.tradeClosed.publish(t);
  }

  private handleDenied(d: RiskDenial): void {
    this.strategy?.onDenied(d, this);
    this.channels.denied.publish(d);
  }

  // ------------------------------------------------------------------ StrategyContext

  nowMs(): number {
    return this.clock.nowMs();
  }

  equity(): number {
    return this.account.equity();
  }

  workingOrders(): readonly Order[] {
    return this.orders.workingOrders(this.symbol);
  }

  indicator<T extends Indicator<unknown>>(ind: T): T {
    this.indicators.push(ind);
    if (ind.warmupBars + 1 > this.bars.capacity) this.bars.ensureCapacity(ind.warmupBars + 1);
    return ind;
  }

  /** Indicators declared on this context (warm-up sizing). */
  declaredIndicators(): readonly Indicator<unknown>[] {
    return this.indicators;
  }

  /** Closed bars of one of the suite's timeframes, newest first (see TradingSuite `timeframes`). */
  barsOf(timeframe: string): BarWindow {
    const w = this.timeframeBars.get(timeframe);
    if (w === undefined) throw new ConfigError(`${this.symbol} has no ${timeframe} bars`, { hint: `declare it in the suite's timeframes; have: ${[...this.timeframeBars.keys()].join(', ') || 'none'}` });
    return w;
  }

  lookback(n: number): void {
    this.bars.ensureCapacity(n);
  }

  private send(side: Side, size: number, type: OrderRequest['type'], limitPrice: number | undefined, stopPrice: number | undefined, trailTicks: number | undefined, opts?: OrderOptions): Order {
    return this.orders.submit({
      symbol: this.instrument.symbol,
      side,
      type,
      size,
      limitPrice,
      stopPrice,
      trailTicks,
      bracket: opts?.bracket,
      ocoGroup: opts?.ocoGroup,
      reduceOnly: opts?.reduceOnly,
      tag: opts?.tag,
    });
  }

  market(side: Side, size: number, opts?: OrderOptions): Order {
    return this.send(side, size, 'market', undefined, undefined, undefined, opts);
  }

  limit(side: Side, size: number, price: number, opts?: OrderOptions): Order {
    return this.send(side, size, 'limit', price, undefined, undefined, opts);
  }

  stop(side: Side, size: number, stopPrice: number, opts?: OrderOptions): Order {
    return this.send(side, size, 'stop', undefined, stopPrice, undefined, opts);
  }

  stopLimit(side: Side, size: number, stopPrice: number, limitPrice: number, opts?: OrderOptions): Order {
    return this.send(side, size, 'stop-limit', limitPrice, stopPrice, undefined, opts);
  }

  trailingStop(side: Side, size: number, trailTicks: number, opts?: OrderOptions): Order {
    return this.send(side, size, 'trailing-stop', undefined, undefined, trailTicks, opts);
  }

  bracket(req: BracketRequest): Order {
    const bracket = { stopTicks: req.stopTicks, targetTicks: req.targetTicks, stopPrice: req.stopPrice, targetPrice: req.targetPrice };
    const entry = req.entry ?? 'market';
    return this.send(req.side, req.size, entry, entry === 'limit' ? req.price : undefined, entry === 'stop' ? req.price : undefined, undefined, { bracket, tag: req.tag ?? 'bracket entry' });
  }

  oco(a: Order, b: Order): void {
    // OCO lives in the OrderManager (identical for every broker): a fill of one cancels the other.
    this.ocoSeq += 1;
    const group = `${this.symbol}.oco${this.ocoSeq}`;
    a.ocoGroup = group;
    b.ocoGroup = group;
  }

  modify(order: Order | string, change: { size?: number; limitPrice?: number; stopPrice?: number; trailTicks?: number }): boolean {
    const id = typeof order === 'string' ? order : order.clientOrderId;
    return this.orders.modify({ clientOrderId: id, ...change });
  }

  cancel(order: Order | string): boolean {
    return this.orders.cancel(typeof order === 'string' ? order : order.clientOrderId);
  }

  cancelAll(): void {
    this.orders.cancelAll(this.symbol);
  }

  flatten(reason = 'flatten'): Order | undefined {
    return this.orders.flatten(this.symbol, reason);
  }

  reverse(): Order | undefined {
    const pos = this.state.size;
    if (pos === 0) return undefined;
    this.orders.cancelAll(this.symbol, 'reverse');
    return this.market(pos > 0 ? 'sell' : 'buy', Math.abs(pos) * 2, { tag: 'reverse' });
  }

  closePosition(size?: number): Order | undefined {
    const pos = this.state.size;
    if (pos === 0) return undefined;
    const n = size === undefined ? Math.abs(pos) : Math.min(size, Math.abs(pos));
    return this.market(pos > 0 ? 'sell' : 'buy', n, { reduceOnly: true, tag: 'close position' });
  }

  addStopLoss(spec: { ticks?: number; price?: number }): Order | undefined {
    const pos = this.state.size;
    if (pos === 0) return undefined;
    const tick = this.instrument.tickSize;
    const price = spec.price ?? snapToTick(this.state.avgPrice - Math.sign(pos) * (spec.ticks ?? 0) * tick, tick);
    return this.stop(pos > 0 ? 'sell' : 'buy', Math.abs(pos), price, { reduceOnly: true, tag: 'stop loss' });
  }

  addTakeProfit(spec: { ticks?: number; price?: number }): Order | undefined {
    const pos = this.state.size;
    if (pos === 0) return undefined;
    const tick = this.instrument.tickSize;
    const price = spec.price ?? snapToTick(this.state.avgPrice + Math.sign(pos) * (spec.ticks ?? 0) * tick, tick);
    return this.limit(pos > 0 ? 'sell' : 'buy', Math.abs(pos), price, { reduceOnly: true, tag: 'take profit' });
  }

  log(message: string): void {
    this.logSink(`[${isoUtc(this.clock.nowMs())}] ${this.symbol}: ${message}`);
  }
}
