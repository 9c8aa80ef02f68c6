import { SeededRandom } from '../../core/rng.ts';
import { snapToTick } from '../../core/tick-math.ts';
import { ContractMarket } from './contract-market.ts';
import type { GatewayMarket } from './gateway-config.ts';
import { HubMethodError, type HubConnection, type SignalRHub } from './signalr-hub.ts';

/** Steps per event-loop turn per subscribed contract in fast mode (quoteIntervalMs 0). */
const FAST_BURST = 400;
/** A client with more than this many bytes queued gets no new fast-mode quotes until it drains. */
const BACKLOG_LIMIT = 2 * 1024 * 1024;

/**
 * The seeded market behind the market hub: one ContractMarket per contract, stepped every
 * `quoteIntervalMs` while someone watches it (a hub subscription or a working order), caught up
 * minute by minute when idle so retrieveBars history is continuous with live prices. quoteIntervalMs 0
 * is the benchmark's fast mode: bursts of steps every event-loop turn, throttled by client backlog.
 * After every print `onUpdate` runs (the order engine matches against it).
 */
export class MarketSimulator {
  readonly markets = new Map<string, ContractMarket>();
  onUpdate: (m: ContractMarket, tsMs: number) => void = () => {};
  /** Whether orders keep a contract active (set by the server to the order engine). */
  hasWorkingOrders: (contractId: string) => boolean = () => false;
  paused = false;
  private timer: NodeJS.Timeout | undefined;
  private fastHandle: NodeJS.Immediate | undefined;
  private lastCatchUpMs = 0;
  private hub: SignalRHub | undefined;

  constructor(
    specs: readonly GatewayMarket[],
    seed: number,
    private readonly nowMs: () => number,
    private readonly quoteIntervalMs: number,
    historyDays: number,
    replay?: { contractId: string; baseMs: number },
  ) {
    const now = nowMs();
    const minute = now - (now % 60_000);
    specs.forEach((spec, i) => {
      const rng = new SeededRandom((seed * 7919 + i * 104_729 + 1) >>> 0);
      const isReplay = replay !== undefined && replay.contractId === spec.contractId;
      const m = new ContractMarket(spec, rng, isReplay ? replay.baseMs : 60_000);
      if (isReplay) m.replayed = true;
      else m.generate(minute - historyDays * 86_400_000, minute);
      this.markets.set(spec.contractId, m);
    });
  }

  get(contractId: string): ContractMarket | undefined {
    return this.markets.get(contractId);
  }

  attachHub(hub: SignalRHub): void {
    this.hub = hub;
    const sub = (kind: 'q' | 't' | 'd', on: boolean) => (conn: HubConnection, args: unknown[]): null => {
      const id = String(args[0]);
      const m = this.markets.get(id);
      if (m === undefined) throw new HubMethodError(`Contract '${id}' not found`);
      const key = `${kind}:${id}`;
      if (!on) {
        hub.unsubscribe(conn, key);
        return null;
      }
      hub.subscribe(conn, key);
      this.catchUp(m);
      // A snapshot right away, so a subscriber sees the market even while it is paused.
      const ts = m.lastTsMs;
      conn.send(kind === 'q' ? m.quoteRecord(ts) : kind === 't' ? m.tradeRecord() : m.depthRecord(ts, true));
      return null;
    };
    hub
      .method('SubscribeContractQuotes', sub('q', true))
      .method('SubscribeContractTrades', sub('t', true))
      .method('SubscribeContractMarketDepth', sub('d', true))
      .method('UnsubscribeContractQuotes', sub('q', false))
      .method('UnsubscribeContractTrades', sub('t', false))
      .method('UnsubscribeContractMarketDepth', sub('d', false));
  }

  start(): void {
    if (this.quoteIntervalMs > 0) {
      this.timer = setInterval(() => this.tick(), this.quoteIntervalMs);
    } else {
      this.timer = setInterval(() => this.catchUpAll(), 1000);
      this.scheduleFast();
    }
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    if (this.fastHandle !== undefined) clearImmediate(this.fastHandle);
    this.timer = undefined;
    this.fastHandle = undefined;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** Bring an idle contract's history up to now (no-op while paused or for the replayed contract). */
  catchUp(m: ContractMarket): void {
    if (!this.paused && m.catchUp(this.nowMs())) this.publish(m, m.lastTsMs, true);
  }

  /**
   * Print a trade at `price` now (tests and the replay driver): the book moves around it, subscribers
   * get quote/trade/depth, orders match. side: 0 buy (lifts the ask), 1 sell; default by direction.
   */
  printTrade(contractId: string, price: number, opts: { side?: number; volume?: number; tsMs?: number } = {}): void {
    const m = this.markets.get(contractId);
    if (m === undefined) throw new HubMethodError(`Contract '${contractId}' not found`);
    const ticks = Math.round(snapToTick(price, m.spec.tickSize) / m.spec.tickSize);
    const side = opts.side ?? (ticks >= m.lastTicks ? 0 : 1);
    const ts = opts.tsMs ?? (m.replayed ? m.lastTsMs : Math.max(this.nowMs(), m.lastTsMs));
    m.setBookAround(ticks, side);
    m.print(ts, ticks, opts.volume ?? 1, side);
    this.publish(m, ts, true);
  }

  private tick(): void {
    if (this.paused) return;
    const now = this.nowMs();
    for (const m of this.markets.values()) {
      if (m.replayed) continue;
      if (this.isWatched(m)) {
        m.catchUp(now);
        const bid = m.bidTicks;
        m.walk(Math.max(now, m.lastTsMs));
        this.publish(m, m.lastTsMs, bid !== m.bidTicks);
      }
    }
    if (now - this.lastCatchUpMs >= 1000) this.catchUpAll();
  }

  private catchUpAll(): void {
    if (this.paused) return;
    this.lastCatchUpMs = this.nowMs();
    for (const m of this.markets.values()) this.catchUp(m);
  }

  private isWatched(m: ContractMarket): boolean {
    const id = m.spec.contractId;
    const hub = this.hub;
    if (hub !== undefined && (hub.subscribers(`q:${id}`) || hub.subscribers(`t:${id}`) || hub.subscribers(`d:${id}`))) return true;
    return this.hasWorkingOrders(id);
  }

  private scheduleFast(): void {
    this.fastHandle = setImmediate(() => {
      this.fastTurn();
      if (this.timer !== undefined) this.scheduleFast();
    });
  }

  /** Fast mode: a burst of steps per watched contract, skipped while any of its quote clients is backed up. */
  private fastTurn(): void {
    if (this.paused) return;
    const now = this.nowMs();
    for (const m of this.markets.values()) {
      if (m.replayed || !this.isWatched(m)) continue;
      const subs = this.hub?.subscribers(`q:${m.spec.contractId}`);
      let backed = false;
      if (subs !== undefined) for (const c of subs) if (c.backlog() > BACKLOG_LIMIT) backed = true;
      if (backed) continue;
      m.catchUp(now);
      for (let k = 0; k < FAST_BURST; k++) {
        const bid = m.bidTicks;
        m.walk(Math.max(now, m.lastTsMs));
        this.publish(m, m.lastTsMs, bid !== m.bidTicks);
      }
    }
  }

  /** Push the current state of m to its subscribers, then let orders match. */
  publish(m: ContractMarket, tsMs: number, bookMoved: boolean): void {
    const hub = this.hub;
    if (hub !== undefined) {
      const id = m.spec.contractId;
      if (hub.subscribers(`q:${id}`)) hub.broadcast(`q:${id}`, m.quoteRecord(tsMs));
      if (hub.subscribers(`t:${id}`)) hub.broadcast(`t:${id}`, m.tradeRecord());
      if (hub.subscribers(`d:${id}`)) hub.broadcast(`d:${id}`, m.depthRecord(tsMs, bookMoved));
    }
    this.onUpdate(m, tsMs);
  }
}
