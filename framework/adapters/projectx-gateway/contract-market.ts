import type { SeededRandom } from '../../core/rng.ts';
import { ticksToPrice } from '../../core/tick-math.ts';
import { BarStore } from './bar-store.ts';
import type { GatewayMarket } from './gateway-config.ts';
import { DomType } from './wire-types.ts';

export const DEPTH_LEVELS = 10;
/** Prints per synthesized minute of history (and of catch-up after idle time). */
const PRINTS_PER_MINUTE = 12;
const SECONDS_KEPT = 86_400;

/**
 * One contract's simulated market, all prices in integer ticks (DESIGN §3 rule 5): a random walk of
 * the best bid with a 1-tick spread, trade prints at the bid or ask, a 10-level book each side, session
 * stats for quotes, and its history (1-minute bars, or the replay file's bars, plus 1-second bars of
 * the last day). Wire text is built by string concatenation from prefixes computed once, because the
 * quote path runs tens of thousands of times a second in the bench.
 */
export class ContractMarket {
  bidTicks: number;
  askTicks: number;
  lastTicks: number;
  /** 0 buy (lifted the ask) / 1 sell (hit the bid), as GatewayTrade.type. */
  lastSide = 0;
  lastVolume = 0;
  lastTsMs = 0;
  sessionOpenTicks: number;
  highTicks: number;
  lowTicks: number;
  refTicks: number;
  sessionVolume = 0;
  private sessionDay = Number.NaN;
  readonly bidSizes = new Int32Array(DEPTH_LEVELS);
  readonly askSizes = new Int32Array(DEPTH_LEVELS);
  readonly bars: BarStore;
  readonly seconds = new BarStore(1000, SECONDS_KEPT);
  /** Driven by the replay file instead of the walk. */
  replayed = false;
  private readonly quotePrefix: string;
  private readonly tradePrefix: string;
  private readonly depthPrefix: string;
  private isoCacheMs = Number.NaN;
  private isoCache = '';

  constructor(readonly spec: GatewayMarket, private readonly rng: SeededRandom, baseMs = 60_000) {
    const start = Math.round(spec.startPrice / spec.tickSize);
    this.bidTicks = start;
    this.askTicks = start + 1;
    this.lastTicks = start;
    this.sessionOpenTicks = this.highTicks = this.lowTicks = this.refTicks = start;
    this.bars = new BarStore(baseMs);
    for (let k = 0; k < DEPTH_LEVELS; k++) {
      this.bidSizes[k] = this.rng.int(1, 60);
      this.askSizes[k] = this.rng.int(1, 60);
    }
    const id = JSON.stringify(spec.contractId);
    this.quotePrefix = `{"type":1,"target":"GatewayQuote","arguments":[${id},{"symbol":${JSON.stringify(spec.symbolId)},"symbolName":${JSON.stringify(spec.name)},"lastPrice":`;
    this.tradePrefix = `{"type":1,"target":"GatewayTrade","arguments":[${id},[{"symbolId":${JSON.stringify(spec.symbolId)},"price":`;
    this.depthPrefix = `{"type":1,"target":"GatewayDepth","arguments":[${id},[`;
  }

  price(ticks: number): number {
    return ticksToPrice(ticks, this.spec.tickSize);
  }

  /** Synthesize history from fromMs to toMs (minute-aligned), continuing the walk. */
  generate(fromMs: number, toMs: number): void {
    const step = 60_000 / PRINTS_PER_MINUTE;
    for (let t = fromMs; t < toMs; t += step) this.walk(t);
  }

  /** Fill minutes the walk skipped (idle contract) so history stays continuous; returns true if it moved. */
  catchUp(nowMs: number): boolean {
    const minute = nowMs - (nowMs % 60_000);
    const from = this.lastTsMs - (this.lastTsMs % 60_000) + 60_000;
    if (this.replayed || from >= minute) return false;
    this.generate(from, minute);
    return true;
  }

  /** One random-walk step at tsMs: the bid moves -1/0/+1 tick, then a print at the bid or ask. */
  walk(tsMs: number): void {
    const r = this.rng.next();
    if (r < 0.25) this.bidTicks -= 1;
    else if (r >= 0.75) this.bidTicks += 1;
    this.askTicks = this.bidTicks + 1;
    const side = this.rng.next() < 0.5 ? 0 : 1;
    this.print(tsMs, side === 0 ? this.askTicks : this.bidTicks, this.rng.int(1, 5), side);
    // Book churn: one level each side changes size.
    this.bidSizes[this.rng.int(0, DEPTH_LEVELS - 1)] = this.rng.int(1, 60);
    this.askSizes[this.rng.int(0, DEPTH_LEVELS - 1)] = this.rng.int(1, 60);
  }

  /** Put the book around a print: a buy lifted the ask at `priceTicks`, a sell hit the bid there. */
  setBookAround(priceTicks: number, side: number): void {
    if (side === 0) {
      this.askTicks = priceTicks;
      this.bidTicks = priceTicks - 1;
    } else {
      this.bidTicks = priceTicks;
      this.askTicks = priceTicks + 1;
    }
  }

  /** Record a trade print: last, session stats (UTC day sessions), bars. */
  print(tsMs: number, priceTicks: number, volume: number, side: number): void {
    const day = Math.floor(tsMs / 86_400_000);
    if (day !== this.sessionDay) {
      this.sessionDay = day;
      this.refTicks = this.lastTicks;
      this.sessionOpenTicks = this.highTicks = this.lowTicks = priceTicks;
      this.sessionVolume = 0;
    }
    this.lastTicks = priceTicks;
    this.lastSide = side;
    this.lastVolume = volume;
    this.lastTsMs = tsMs;
    if (priceTicks > this.highTicks) this.highTicks = priceTicks;
    if (priceTicks < this.lowTicks) this.lowTicks = priceTicks;
    this.sessionVolume += volume;
    const p = this.price(priceTicks);
    this.bars.print(tsMs, p, volume);
    this.seconds.print(tsMs, p, volume);
  }

  iso(tsMs: number): string {
    if (tsMs !== this.isoCacheMs) {
      this.isoCacheMs = tsMs;
      this.isoCache = new Date(tsMs).toISOString();
    }
    return this.isoCache;
  }

  /** The GatewayQuote invocation record (without the 0x1E separator). */
  quoteRecord(tsMs: number): string {
    const ts = this.iso(tsMs);
    const last = this.price(this.lastTicks);
    const change = this.price(this.lastTicks - this.refTicks);
    const ref = this.price(this.refTicks);
    const pct = ref === 0 ? 0 : Math.round((change / ref) * 1e6) / 1e4;
    return `${this.quotePrefix}${last},"bestBid":${this.price(this.bidTicks)},"bestAsk":${this.price(this.askTicks)},"change":${change},"changePercent":${pct},"open":${this.price(this.sessionOpenTicks)},"high":${this.price(this.highTicks)},"low":${this.price(this.lowTicks)},"volume":${this.sessionVolume},"lastUpdated":"${ts}","timestamp":"${ts}"}]}`;
  }

  /** The GatewayTrade invocation record for the last print. */
  tradeRecord(): string {
    return `${this.tradePrefix}${this.price(this.lastTicks)},"volume":${this.lastVolume},"type":${this.lastSide},"timestamp":"${this.iso(this.lastTsMs)}"}]]}`;
  }

  /** GatewayDepth: a Reset then every level (full) or just the best bid/ask and their sizes. */
  depthRecord(tsMs: number, full: boolean): string {
    const ts = this.iso(tsMs);
    const parts: string[] = [];
    const entry = (ticks: number, size: number, type: number): void => {
      parts.push(`{"price":${this.price(ticks)},"volume":${size},"currentVolume":${size},"type":${type},"timestamp":"${ts}"}`);
    };
    if (full) {
      entry(this.lastTicks, 0, DomType.Reset);
      for (let k = 0; k < DEPTH_LEVELS; k++) {
        entry(this.bidTicks - k, this.bidSizes[k], DomType.Bid);
        entry(this.askTicks + k, this.askSizes[k], DomType.Ask);
      }
    }
    entry(this.bidTicks, this.bidSizes[0], DomType.BestBid);
    entry(this.askTicks, this.askSizes[0], DomType.BestAsk);
    return `${this.depthPrefix}${parts.join(',')}]]}`;
  }
}
