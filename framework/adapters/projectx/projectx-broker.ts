import { Subject, type Observable, type Subscription } from 'rxjs';
import type { Clock } from '../../core/clock.ts';
import { ApiError, ConfigError } from '../../core/errors.ts';
import type { BrokerEvent, ConnectionStatus } from '../../model/events.ts';
import type { Instrument } from '../../model/instrument.ts';
import type { ModifyOrder, SubmitOrder } from '../../model/order.ts';
import type { Broker } from '../../execution/broker.ts';
import { SubmissionUncertainError, type ModifyOrderRequest, type PlaceOrderRequest, type TimeRange } from './rest-client.ts';
import type { VenueOrder, VenuePosition, VenueTrade } from './venue-types.ts';

/** What the broker needs of ProjectXRestClient. */
export interface OrderRestApi {
  placeOrder(req: PlaceOrderRequest): Promise<string>;
  cancelOrder(accountId: number, orderId: string | number): Promise<void>;
  modifyOrder(m: ModifyOrderRequest): Promise<void>;
  searchOpenOrders(accountId: number): Promise<VenueOrder[]>;
  searchOrders(q: TimeRange): Promise<VenueOrder[]>;
  searchTrades(q: TimeRange): Promise<VenueTrade[]>;
  searchOpenPositions(accountId: number): Promise<VenuePosition[]>;
  findByCustomTag(accountId: number, customTag: string, sinceMs: number): Promise<VenueOrder | undefined>;
}

/** What the broker needs of UserHubClient. */
export interface UserStreamSource {
  readonly orders$: Observable<VenueOrder>;
  readonly trades$: Observable<VenueTrade>;
  readonly positions$: Observable<VenuePosition>;
  readonly status$: Observable<ConnectionStatus>;
  start(accountId: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ProjectXBrokerOptions {
  readonly rest: OrderRestApi;
  readonly userHub: UserStreamSource;
  readonly accountId: number;
  readonly contracts: readonly { readonly contractId: string; readonly instrument: Instrument }[];
  readonly clock: Clock;
  readonly log?: (line: string) => void;
  /** Position mismatches are warned about only if they persist this long (events race). Default 1000. */
  readonly positionCheckDelayMs?: number;
}

interface Tracked {
  readonly cmd: SubmitOrder;
  venueOrderId: string | undefined;
  accepted: boolean;
  done: boolean;
  filled: number;
}

/**
 * The Broker port on ProjectX (live): REST for commands, the user hub for what happens.
 * - Every order carries its clientOrderId as `customTag`, so an uncertain send is reconciled, never
 *   duplicated (the REST client searches by tag and re-sends at most once; if the outcome is still
 *   unknown the broker searches again and rejects only when the venue provably has no such order).
 * - Events: 'accepted' (REST answer or the order's first open state), 'filled' from GatewayUserTrade
 *   (price, size, fees, exchange time), 'cancelled' / 'rejected' / 'expired' from order state changes,
 *   'modified' / 'modify-rejected' from the modify call. Each fill goes out once (dedupe by trade id);
 *   a trade that arrives before its order's id is known waits for it.
 * - Brackets and OCO are managed client-side by the OrderManager (identical for every broker), so
 *   orders go out plain; venue-created orders (no tag of ours) are ignored.
 * - Reconciliation on start and after every user-hub reconnect: open orders, our orders' final states,
 *   trades since the last one seen (missed fills emitted exactly once) and positions.
 * - Positions from GatewayUserPosition are checked against the fills seen; a persistent mismatch is
 *   logged as a warning (the venue is the truth; the strategy's view may be stale).
 */
export class ProjectXBroker implements Broker {
  readonly name = 'projectx';
  private readonly subject = new Subject<BrokerEvent>();
  readonly events$: Observable<BrokerEvent> = this.subject.asObservable();
  private readonly opts: ProjectXBrokerOptions;
  private readonly byClient = new Map<string, Tracked>();
  private readonly byVenue = new Map<string, Tracked>();
  private readonly seenTrades = new Set<string>();
  private readonly orphanTrades = new Map<string, VenueTrade[]>();
  private readonly contractOf = new Map<string, string>();
  private readonly symbolOf = new Map<string, string>();
  private readonly netFromFills = new Map<string, number>();
  private readonly venueNet = new Map<string, number>();
  private readonly subs: Subscription[] = [];
  private readonly log: (line: string) => void;
  private startedMs = 0;
  private lastTradeMs = 0;
  private connectedOnce = false;
  private stopped = false;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private reconciling: Promise<void> | undefined;
  /** REST calls in flight (tests wait for 0 before moving the market). */
  inFlight = 0;
  reconciliations = 0;
  positionWarnings = 0;
  /** Called right before an order's REST call leaves (latency bench). */
  onBeforeSend: ((cmd: SubmitOrder) => void) | undefined = undefined;

  constructor(opts: ProjectXBrokerOptions) {
    this.opts = opts;
    for (const c of opts.contracts) {
      this.contractOf.set(c.instrument.symbol, c.contractId);
      this.symbolOf.set(c.contractId, c.instrument.symbol);
    }
    this.log = opts.log ?? (() => undefined);
  }

  /** Orders whose fate the venue has not told yet (market orders not filled, REST answers pending). */
  get pendingCount(): number {
    let n = this.inFlight;
    for (const t of this.byClient.values()) if (!t.done && (!t.accepted || t.cmd.type === 'market')) n += 1;
    return n;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.startedMs = this.opts.clock.nowMs();
    const hub = this.opts.userHub;
    this.subs.push(hub.orders$.subscribe((o) => this.onVenueOrder(o)));
    this.subs.push(hub.trades$.subscribe((t) => this.onVenueTrade(t)));
    this.subs.push(hub.positions$.subscribe((p) => this.onVenuePosition(p)));
    this.subs.push(
      hub.status$.subscribe((s) => {
        if (s.state !== 'connected') return;
        if (this.connectedOnce) void this.reconcile('reconnect');
        this.connectedOnce = true;
      }),
    );
    await hub.start(this.opts.accountId);
    this.connectedOnce = true;
    await this.reconcile('start');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.checkTimer !== undefined) clearTimeout(this.checkTimer);
    for (const s of this.subs) s.unsubscribe();
    this.subs.length = 0;
    await this.reconciling?.catch(() => undefined);
    await this.opts.userHub.stop();
  }

  // ------------------------------------------------------------------ commands

  submit(cmd: SubmitOrder): void {
    const now = this.opts.clock.nowMs();
    const contractId = this.contractOf.get(cmd.symbol);
    if (contractId === undefined) return this.emit({ type: 'rejected', clientOrderId: cmd.clientOrderId, reason: `unknown symbol ${cmd.symbol}`, tsMs: now });
    if (this.byClient.has(cmd.clientOrderId)) return this.emit({ type: 'rejected', clientOrderId: cmd.clientOrderId, reason: 'duplicate client order id', tsMs: now });
    const t: Tracked = { cmd, venueOrderId: undefined, accepted: false, done: false, filled: 0 };
    this.byClient.set(cmd.clientOrderId, t);
    const tick = this.opts.contracts.find((c) => c.contractId === contractId)!.instrument.tickSize;
    const req: PlaceOrderRequest = {
      accountId: this.opts.accountId,
      contractId,
      type: cmd.type,
      side: cmd.side,
      size: cmd.size,
      customTag: cmd.clientOrderId,
      ...(cmd.limitPrice !== undefined ? { limitPrice: cmd.limitPrice } : {}),
      ...(cmd.stopPrice !== undefined ? { stopPrice: cmd.stopPrice } : {}),
      ...(cmd.type === 'trailing-stop' && cmd.trailTicks !== undefined ? { trailPrice: cmd.trailTicks * tick } : {}),
    };
    this.onBeforeSend?.(cmd);
    this.inFlight += 1;
    this.opts.rest
      .placeOrder(req)
      .then((venueOrderId) => this.bind(t, venueOrderId, 'accepted by REST'))
      .catch((err: unknown) => this.onPlaceError(t, err))
      .finally(() => {
        this.inFlight -= 1;
      });
  }

  cancel(clientOrderId: string, reason = 'cancelled by client'): void {
    const t = this.byClient.get(clientOrderId);
    const now = this.opts.clock.nowMs();
    if (t === undefined || t.done || t.venueOrderId === undefined) {
      this.emit({ type: 'modify-rejected', clientOrderId, reason: t?.venueOrderId === undefined && t !== undefined && !t.done ? 'order not acknowledged yet' : 'order not working', tsMs: now });
      return;
    }
    this.call(this.opts.rest.cancelOrder(this.opts.accountId, t.venueOrderId), (err) => {
      this.log(`projectx: cancel of ${clientOrderId} failed: ${message(err)}`);
      this.emit({ type: 'modify-rejected', clientOrderId, reason: `cancel failed: ${message(err)}`, tsMs: this.opts.clock.nowMs() });
    });
    this.cancelReasons.set(clientOrderId, reason);
  }

  private readonly cancelReasons = new Map<string, string>();

  modify(change: ModifyOrder): void {
    const t = this.byClient.get(change.clientOrderId);
    const now = this.opts.clock.nowMs();
    if (t === undefined || t.done || t.venueOrderId === undefined) {
      this.emit({ type: 'modify-rejected', clientOrderId: change.clientOrderId, reason: 'order not working', tsMs: now });
      return;
    }
    const tick = this.opts.contracts.find((c) => c.instrument.symbol === t.cmd.symbol)!.instrument.tickSize;
    const req: ModifyOrderRequest = {
      accountId: this.opts.accountId,
      orderId: t.venueOrderId,
      ...(change.size !== undefined ? { size: change.size } : {}),
      ...(change.limitPrice !== undefined ? { limitPrice: change.limitPrice } : {}),
      ...(change.stopPrice !== undefined ? { stopPrice: change.stopPrice } : {}),
      ...(change.trailTicks !== undefined ? { trailPrice: change.trailTicks * tick } : {}),
    };
    this.call(
      this.opts.rest.modifyOrder(req).then(() => this.emit({ type: 'modified', change, tsMs: this.opts.clock.nowMs() })),
      (err) => this.emit({ type: 'modify-rejected', clientOrderId: change.clientOrderId, reason: `modify failed: ${message(err)}`, tsMs: this.opts.clock.nowMs() }),
    );
  }

  private call(p: Promise<unknown>, onError: (err: unknown) => void): void {
    this.inFlight += 1;
    p.catch(onError).finally(() => {
      this.inFlight -= 1;
    });
  }

  private async onPlaceError(t: Tracked, err: unknown): Promise<void> {
    if (t.done || t.accepted) return;
    if (err instanceof SubmissionUncertainError) {
      // The REST client already searched and re-sent once; search one last time before giving up.
      try {
        const found = await this.opts.rest.findByCustomTag(this.opts.accountId, t.cmd.clientOrderId, this.startedMs);
        if (found !== undefined) {
          this.bind(t, found.venueOrderId, 'found by customTag');
          this.onVenueOrder(found);
          return;
        }
      } catch (e) {
        this.log(`projectx: reconciling ${t.cmd.clientOrderId} failed: ${message(e)}`);
      }
      this.finish(t, 'rejected', `submission uncertain and not found on the venue: ${message(err)}`);
      return;
    }
    const reason = err instanceof ApiError ? `venue rejected: ${err.message}${err.errorName ? ` (${err.errorName})` : ''}` : `submit failed: ${message(err)}`;
    this.finish(t, 'rejected', reason);
  }

  // ------------------------------------------------------------------ venue events

  private bind(t: Tracked, venueOrderId: string, _how: string): void {
    if (t.venueOrderId === undefined) {
      t.venueOrderId = venueOrderId;
      this.byVenue.set(venueOrderId, t);
    }
    if (!t.accepted && !t.done) {
      t.accepted = true;
      this.emit({ type: 'accepted', clientOrderId: t.cmd.clientOrderId, venueOrderId, tsMs: this.opts.clock.nowMs() });
    }
    const waiting = this.orphanTrades.get(venueOrderId);
    if (waiting !== undefined) {
      this.orphanTrades.delete(venueOrderId);
      for (const tr of waiting) this.onVenueTrade(tr);
    }
  }

  private trackedOf(o: VenueOrder): Tracked | undefined {
    return this.byVenue.get(o.venueOrderId) ?? (o.customTag !== undefined ? this.byClient.get(o.customTag) : undefined);
  }

  private onVenueOrder(o: VenueOrder): void {
    if (o.accountId !== this.opts.accountId) return;
    const t = this.trackedOf(o);
    if (t === undefined) return; // not ours (manual, venue bracket children)
    if (o.status === 'rejected') {
      if (t.venueOrderId === undefined) {
        t.venueOrderId = o.venueOrderId;
        this.byVenue.set(o.venueOrderId, t);
      }
      this.finish(t, 'rejected', 'rejected by the venue');
      return;
    }
    this.bind(t, o.venueOrderId, 'order event');
    if (o.status === 'cancelled') this.finish(t, 'cancelled', this.cancelReasons.get(t.cmd.clientOrderId) ?? 'cancelled at the venue');
    else if (o.status === 'expired') this.finish(t, 'expired', 'expired at the venue');
    // 'filled' is not an event here: fills come from trades (price, size, fees).
  }

  private onVenueTrade(tr: VenueTrade): void {
    if (tr.accountId !== this.opts.accountId || tr.voided || this.seenTrades.has(tr.tradeId)) return;
    const t = this.byVenue.get(tr.venueOrderId);
    if (t === undefined) {
      let list = this.orphanTrades.get(tr.venueOrderId);
      if (list === undefined) this.orphanTrades.set(tr.venueOrderId, (list = []));
      if (!list.some((x) => x.tradeId === tr.tradeId)) list.push(tr);
      return;
    }
    this.seenTrades.add(tr.tradeId);
    if (tr.tsMs > this.lastTradeMs) this.lastTradeMs = tr.tsMs;
    t.filled += tr.sizeContracts;
    if (t.filled >= t.cmd.size) t.done = true;
    const signed = tr.side === 'buy' ? tr.sizeContracts : -tr.sizeContracts;
    this.netFromFills.set(t.cmd.symbol, (this.netFromFills.get(t.cmd.symbol) ?? 0) + signed);
    this.emit({
      type: 'filled',
      fill: {
        fillId: `PX-${tr.tradeId}`,
        clientOrderId: t.cmd.clientOrderId,
        symbol: t.cmd.symbol,
        side: tr.side,
        size: tr.sizeContracts,
        price: tr.price,
        tsMs: tr.tsMs,
        fee: tr.fees,
        venueTradeId: tr.tradeId,
      },
    });
    this.scheduleCheck();
  }

  private onVenuePosition(p: VenuePosition): void {
    if (p.accountId !== undefined && p.accountId !== this.opts.accountId) return;
    const sym = this.symbolOf.get(p.contractId);
    if (sym === undefined) return;
    this.venueNet.set(sym, p.netContracts);
    this.scheduleCheck();
  }

  private scheduleCheck(): void {
    if (this.checkTimer !== undefined || this.stopped) return;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      this.checkPositions();
    }, this.opts.positionCheckDelayMs ?? 1000);
    this.checkTimer.unref?.();
  }

  /** Venue net positions vs the fills this session saw; a difference is logged (the account may hold other positions). */
  checkPositions(): string[] {
    const out: string[] = [];
    for (const [sym, venue] of this.venueNet) {
      const ours = this.netFromFills.get(sym) ?? 0;
      if (venue !== ours) out.push(`${sym}: venue ${venue}, fills seen ${ours}`);
    }
    for (const w of out) {
      this.positionWarnings += 1;
      this.log(`warning: position mismatch ${w}`);
    }
    return out;
  }

  private finish(t: Tracked, type: 'rejected' | 'cancelled' | 'expired', reason: string): void {
    if (t.done) return;
    t.done = true;
    this.emit({ type, clientOrderId: t.cmd.clientOrderId, reason, tsMs: this.opts.clock.nowMs() });
  }

  // ------------------------------------------------------------------ reconciliation

  /** Catch up on what happened while we were not listening. Serialised; safe to call any time. */
  reconcile(why: string): Promise<void> {
    const run = async (): Promise<void> => {
      const acc = this.opts.accountId;
      const rest = this.opts.rest;
      this.reconciliations += 1;
      const sinceMs = Math.min(this.startedMs, this.lastTradeMs || this.startedMs) - 60_000;
      const [open, orders, trades, positions] = await Promise.all([
        rest.searchOpenOrders(acc),
        rest.searchOrders({ accountId: acc, startMs: this.startedMs - 60_000 }),
        rest.searchTrades({ accountId: acc, startMs: sinceMs }),
        rest.searchOpenPositions(acc),
      ]);
      for (const o of [...orders, ...open]) {
        const t = this.trackedOf(o);
        if (t !== undefined && t.venueOrderId === undefined) this.bind(t, o.venueOrderId, 'reconciled');
      }
      trades.sort((a, b) => a.tsMs - b.tsMs);
      for (const tr of trades) this.onVenueTrade(tr);
      for (const o of orders) if (o.status === 'cancelled' || o.status === 'expired' || o.status === 'rejected') this.onVenueOrder(o);
      for (const p of positions) this.onVenuePosition(p);
      for (const sym of this.symbolOf.values()) if (!positions.some((p) => this.symbolOf.get(p.contractId) === sym) && this.venueNet.has(sym)) this.venueNet.set(sym, 0);
      this.log(`projectx: reconciled (${why}): ${open.length} open order(s), ${trades.length} trade(s) since ${new Date(sinceMs).toISOString()}, ${positions.length} position(s)`);
    };
    const prev = this.reconciling ?? Promise.resolve();
    const next = prev.then(run, run).catch((err: unknown) => this.log(`projectx: reconciliation (${why}) failed: ${message(err)}`));
    this.reconciling = next;
    return next;
  }

  private emit(e: BrokerEvent): void {
    this.subject.next(e);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Map a resolved account name or id to the venue account id. */
export function pickAccount<A extends { accountId: number; name: string; canTrade: boolean }>(accounts: readonly A[], wanted: string | undefined): A {
  const list = accounts.filter((a) => wanted === undefined || a.name === wanted || String(a.accountId) === wanted);
  const a = list.find((x) => x.canTrade) ?? list[0];
  if (a === undefined) {
    throw new ConfigError(`account '${wanted ?? '(first active)'}' not found`, { where: '--account', hint: `accounts: ${accounts.map((x) => x.name).join(', ') || '(none)'}` });
  }
  return a;
}
