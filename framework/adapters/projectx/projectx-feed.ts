import { Subject, type Observable, type Subscription } from 'rxjs';
import type { Clock } from '../../core/clock.ts';
import { ConfigError } from '../../core/errors.ts';
import { timeframeToMs } from '../../core/time.ts';
import type { ConnectionStatus } from '../../model/events.ts';
import type { Instrument } from '../../model/instrument.ts';
import type { Bar, DepthUpdate, Quote, TradeTick } from '../../model/market-data.ts';
import type { MarketFeed } from '../../feed/market-feed.ts';
import type { MarketRecorder } from '../../feed/recording.ts';
import { TickPipeline, type WarmupTarget } from '../../feed/recording-replay-feed.ts';
import type { MarketSubscription } from './market-hub.ts';
import type { BarUnit, RetrieveBarsRequest } from './rest-client.ts';

/** What the feed needs of MarketHubClient (tests and benches may pass their own). */
export interface MarketStreamSource {
  readonly quotes$: Observable<Quote>;
  readonly trades$: Observable<TradeTick>;
  readonly depth$: Observable<DepthUpdate>;
  readonly status$: Observable<ConnectionStatus>;
  start(): Promise<void>;
  stop(): Promise<void>;
  subscribe(contractId: string, what?: MarketSubscription): Promise<void>;
}

/** What the feed needs of ProjectXRestClient: history for warm-up and reconnect gaps. */
export interface BarHistorySource {
  retrieveBars(q: RetrieveBarsRequest): Promise<Bar[]>;
}

export interface ProjectXFeedOptions {
  readonly hub: MarketStreamSource;
  readonly history: BarHistorySource;
  /** In instrument order (the tie-break order). */
  readonly contracts: readonly { readonly contractId: string; readonly instrument: Instrument }[];
  readonly baseTimeframe: string;
  readonly clock: Clock;
  /** A bar closes on the quiet-market timer only this long after its end (exchange time). Default 250. */
  readonly timerGraceMs?: number;
  /** Timer period, real ms. Default 100. */
  readonly timerEveryMs?: number;
  /** Every processed market event (and warm-up history, and timer-closed bars as markers) goes here. */
  readonly recorder?: MarketRecorder;
  readonly streams?: MarketSubscription;
  /** How long start() waits for a first event to learn the exchange time before loading warm-up history. Default 500. */
  readonly firstEventWaitMs?: number;
  readonly log?: (line: string) => void;
}

type Phase = 'idle' | 'buffering' | 'live' | 'stopped';
type Ev = { kind: 'quote'; v: Quote } | { kind: 'trade'; v: TradeTick } | { kind: 'depth'; v: DepthUpdate };

/** Per-symbol reconnect state: 'skip' = the bucket of the first post-reconnect event builds no bar; 'fill' = REST rebuild in flight. */
interface GapState {
  mode: 'none' | 'dropped' | 'skip' | 'fill';
  /** Start of the first bar not emitted when the connection dropped. */
  fromMs: number;
  skipBucketMs: number;
  buffer: Ev[];
}

/**
 * MarketFeed over the ProjectX market hub (DESIGN.md §1): quotes, trades and depth as model events
 * (exchange time tsMs + receivedMs), base-timeframe bars built from them by the same TickPipeline a
 * replay uses, connection status on status$.
 *
 * - Start: connect, subscribe, buffer events while warm-up history loads through REST (the bars
 *   before the current one, for `warmup.barsNeeded`), seed the aggregator so the first live bar
 *   follows history without gap or duplicate, then play the buffer and go live.
 * - Quiet market: a timer closes a bar once the estimated exchange time (last event time + real time
 *   since it arrived) passes its end + timerGraceMs. Estimating from events, not the wall clock,
 *   keeps replays at any speed (the local gateway) correct.
 * - Reconnect (the hub reconnects and resubscribes itself): events keep flowing to venue and
 *   strategy, but the bucket the first post-reconnect event falls in builds no bar; when an event of a
 *   later bucket arrives, every bar from the first one not emitted before the drop up to it is rebuilt
 *   from REST history, then live aggregation resumes. No bar is lost or doubled.
 * - Events without a plausible exchange time (tsMs <= 0: a snapshot of a market that never printed)
 *   are dropped and counted.
 */
export class ProjectXFeed implements MarketFeed {
  readonly symbols: readonly string[];
  readonly pipeline: TickPipeline;
  warmup: WarmupTarget | undefined = undefined;
  private readonly opts: ProjectXFeedOptions;
  private readonly statusS = new Subject<ConnectionStatus>();
  private readonly subs: Subscription[] = [];
  private readonly contractOf = new Map<string, string>();
  private readonly gaps = new Map<string, GapState>();
  private readonly lastTs = new Map<string, number>();
  private readonly lastRecv = new Map<string, number>();
  private phase: Phase = 'idle';
  private startBuffer: Ev[] = [];
  private firstEvent: (() => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private everConnected = false;
  private readonly log: (line: string) => void;
  eventsReceived = 0;
  tradesReceived = 0;
  eventsDropped = 0;
  gapsRebuilt = 0;
  /** Called with each trade's receive time right before it enters the pipeline (latency bench). */
  onTradeReceived: ((t: TradeTick) => void) | undefined = undefined;

  constructor(opts: ProjectXFeedOptions) {
    if (!(timeframeToMs(opts.baseTimeframe) > 0)) throw new ConfigError(`unknown timeframe '${opts.baseTimeframe}'`, { where: '--timeframe' });
    this.opts = opts;
    this.symbols = opts.contracts.map((c) => c.instrument.symbol);
    this.pipeline = new TickPipeline(
      opts.contracts.map((c) => c.instrument),
      opts.baseTimeframe,
      opts.timerGraceMs ?? 250,
    );
    for (const c of opts.contracts) {
      this.contractOf.set(c.instrument.symbol, c.contractId);
      this.gaps.set(c.instrument.symbol, { mode: 'none', fromMs: Number.NaN, skipBucketMs: Number.NaN, buffer: [] });
    }
    this.log = opts.log ?? (() => undefined);
    this.pipeline.onTimerBar = (bar) => opts.recorder?.recordBar(bar);
  }

  bars$(symbol: string): Observable<Bar> {
    return this.pipeline.bars$(symbol);
  }
  quotes$(symbol: string): Observable<Quote> {
    return this.pipeline.quotes$(symbol);
  }
  trades$(symbol: string): Observable<TradeTick> {
    return this.pipeline.trades$(symbol);
  }
  depth$(symbol: string): Observable<DepthUpdate> {
    return this.pipeline.depth$(symbol);
  }
  get status$(): Observable<ConnectionStatus> {
    return this.statusS.asObservable();
  }

  async start(): Promise<void> {
    if (this.phase !== 'idle') return;
    this.phase = 'buffering';
    const hub = this.opts.hub;
    this.subs.push(hub.quotes$.subscribe((q) => this.receive({ kind: 'quote', v: q })));
    this.subs.push(hub.trades$.subscribe((t) => this.receive({ kind: 'trade', v: t })));
    this.subs.push(hub.depth$.subscribe((d) => this.receive({ kind: 'depth', v: d })));
    this.subs.push(hub.status$.subscribe((s) => this.onStatus(s)));
    await hub.start();
    const what = this.opts.streams ?? { quotes: true, trades: true, depth: false };
    for (const c of this.opts.contracts) await hub.subscribe(c.contractId, what);
    await this.warmUp();
    if (this.phase !== 'buffering') return;
    this.phase = 'live';
    const buffered = this.startBuffer;
    this.startBuffer = [];
    for (const ev of buffered) this.dispatch(ev);
    this.timer = setInterval(() => this.onTimer(), this.opts.timerEveryMs ?? 100);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.firstEvent?.();
    for (const s of this.subs) s.unsubscribe();
    this.subs.length = 0;
    try {
      await this.opts.hub.stop();
    } finally {
      this.opts.recorder?.close();
      this.pipeline.complete();
      this.statusS.complete();
    }
  }

  // ------------------------------------------------------------------ events

  private receive(ev: Ev): void {
    if (ev.v.tsMs <= 0 || !this.contractOf.has(ev.v.symbol)) {
      this.eventsDropped += 1;
      return;
    }
    this.eventsReceived += 1;
    if (ev.kind === 'trade') {
      this.tradesReceived += 1;
      this.onTradeReceived?.(ev.v);
    }
    if (this.phase === 'buffering') {
      this.startBuffer.push(ev);
      this.firstEvent?.();
      return;
    }
    if (this.phase !== 'live') return;
    this.dispatch(ev);
  }

  /** One event through the gap state machine and the pipeline (recorded in processing order). */
  private dispatch(ev: Ev): void {
    const sym = ev.v.symbol;
    const ts = ev.v.tsMs;
    const gap = this.gaps.get(sym)!;
    if (gap.mode === 'fill') {
      gap.buffer.push(ev);
      return;
    }
    let aggregate = true;
    if (gap.mode === 'dropped') {
      gap.mode = 'skip';
      gap.skipBucketMs = this.bucketOf(ts);
    }
    if (gap.mode === 'skip') {
      if (this.bucketOf(ts) <= gap.skipBucketMs) aggregate = false;
      else {
        gap.mode = 'fill';
        gap.buffer.push(ev);
        void this.rebuildGap(sym, gap, this.bucketOf(ts));
        return;
      }
    }
    this.lastTs.set(sym, ts);
    this.lastRecv.set(sym, ev.v.receivedMs);
    const rec = this.opts.recorder;
    const p = this.pipeline;
    if (ev.kind === 'quote') {
      rec?.recordQuote(ev.v);
      p.quote(ev.v, aggregate);
    } else if (ev.kind === 'trade') {
      rec?.recordTrade(ev.v);
      p.trade(ev.v, aggregate);
    } else {
      rec?.recordDepth(ev.v);
      p.depth(ev.v, aggregate);
    }
  }

  private onTimer(): void {
    if (this.phase !== 'live') return;
    const now = this.opts.clock.nowMs();
    for (const sym of this.symbols) {
      const ts = this.lastTs.get(sym);
      const recv = this.lastRecv.get(sym);
      if (ts === undefined || recv === undefined || this.gaps.get(sym)!.mode !== 'none') continue;
      this.pipeline.onTime(sym, ts + Math.max(0, now - recv));
    }
  }

  private onStatus(s: ConnectionStatus): void {
    this.statusS.next(s);
    if (s.state === 'connected') {
      this.everConnected = true;
      return;
    }
    if (!this.everConnected || this.phase !== 'live') return;
    if (s.state === 'reconnecting' || s.state === 'disconnected' || s.state === 'stale') {
      for (const sym of this.symbols) {
        const gap = this.gaps.get(sym)!;
        if (gap.mode !== 'none') continue;
        const forming = this.pipeline.aggregator(sym).current(this.opts.baseTimeframe);
        const last = this.pipeline.lastBarTsMs(sym);
        gap.mode = 'dropped';
        gap.fromMs = forming !== undefined ? forming.tsMs : Number.isFinite(last) ? last + this.pipeline.baseMs : Number.NaN;
        this.log(`feed ${sym}: connection ${s.state}; bars from ${Number.isNaN(gap.fromMs) ? 'the next event' : new Date(gap.fromMs).toISOString()} will be rebuilt from REST history`);
      }
    }
  }

  /** REST bars for [gap.fromMs, untilMs) replace what the drop lost; then the buffered events resume live. */
  private async rebuildGap(sym: string, gap: GapState, untilMs: number): Promise<void> {
    let bars: Bar[] = [];
    if (!Number.isNaN(gap.fromMs) && gap.fromMs < untilMs) {
      try {
        bars = await this.fetchBars(sym, gap.fromMs, untilMs - 1, Math.ceil((untilMs - gap.fromMs) / this.pipeline.baseMs) + 1);
      } catch (err) {
        this.log(`feed ${sym}: gap history failed (${err instanceof Error ? err.message : String(err)}); bars in the gap are missing`);
      }
    }
    if (this.phase !== 'live') return;
    const agg = this.pipeline.resetAggregator(sym);
    const closed = agg.seedFromHistory(this.opts.baseTimeframe, bars.filter((b) => b.tsMs >= gap.fromMs && b.tsMs < untilMs), untilMs).closed;
    for (const b of closed) this.pipeline.emitBar(b);
    this.gapsRebuilt += 1;
    this.log(`feed ${sym}: rebuilt ${closed.length} bar(s) of the reconnect gap from REST history`);
    const buffered = gap.buffer;
    gap.buffer = [];
    gap.mode = 'none';
    for (const ev of buffered) this.dispatch(ev);
  }

  // ------------------------------------------------------------------ history

  private async warmUp(): Promise<void> {
    const target = this.warmup;
    if (target === undefined) return;
    const needs = this.symbols.map((s) => target.barsNeeded(s));
    if (needs.every((n) => n <= 0)) return;
    if (this.startBuffer.length === 0) {
      // The exchange time of the first event dates the history (a replaying gateway runs in the past).
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.opts.firstEventWaitMs ?? 500);
        this.firstEvent = () => {
          clearTimeout(t);
          this.firstEvent = undefined;
          resolve();
        };
      });
    }
    for (let i = 0; i < this.symbols.length; i++) {
      const sym = this.symbols[i];
      const n = needs[i];
      if (n <= 0) continue;
      const first = this.startBuffer.find((e) => e.v.symbol === sym);
      const refMs = first !== undefined ? first.v.tsMs : this.opts.clock.nowMs();
      const bucket = this.bucketOf(refMs);
      // Sessions have halts and weekends: look back well past n bars, keep the newest n.
      const lookbackMs = n * this.pipeline.baseMs * 3 + 4 * 86_400_000;
      let bars: Bar[] = [];
      try {
        bars = (await this.fetchBars(sym, bucket - lookbackMs, bucket - 1, n)).filter((b) => b.tsMs < bucket);
      } catch (err) {
        this.log(`feed ${sym}: warm-up history failed (${err instanceof Error ? err.message : String(err)}); indicators start cold`);
      }
      if (bars.length > n) bars = bars.slice(bars.length - n);
      for (const b of bars) this.opts.recorder?.recordBar(b);
      const closed = this.pipeline.seed(sym, bars, first?.v.tsMs);
      target.apply(sym, closed);
    }
  }

  private fetchBars(sym: string, startMs: number, endMs: number, limit: number): Promise<Bar[]> {
    const { unit, unitNumber } = barUnitOf(this.opts.baseTimeframe);
    return this.opts.history.retrieveBars({ contractId: this.contractOf.get(sym)!, symbol: sym, startMs, endMs, unit, unitNumber, limit, includePartialBar: false });
  }

  private bucketOf(tsMs: number): number {
    const agg = this.pipeline.baseMs;
    // Intraday base timeframes (the live case) divide the day, so UTC-epoch alignment equals session alignment.
    return tsMs - (((tsMs % agg) + agg) % agg);
  }
}

/** '1m' -> minute × 1, '5s' -> second × 5, '1h' -> hour × 1, '1d' -> day × 1. */
export function barUnitOf(tf: string): { unit: BarUnit; unitNumber: number } {
  const ms = timeframeToMs(tf);
  if (ms % 86_400_000 === 0) return { unit: 'day', unitNumber: ms / 86_400_000 };
  if (ms % 3_600_000 === 0) return { unit: 'hour', unitNumber: ms / 3_600_000 };
  if (ms % 60_000 === 0) return { unit: 'minute', unitNumber: ms / 60_000 };
  return { unit: 'second', unitNumber: Math.max(1, Math.round(ms / 1000)) };
}
