import type { Instrument } from '../model/instrument.ts';
import { TradeJournal } from '../model/journal.ts';
import { tradeRecord } from '../model/trade-record.ts';
import type { Fill } from '../model/fill.ts';
import type { TradeRecord } from '../model/results.ts';
import { roundPrice } from '../core/tick-math.ts';

/**
 * One instrument's net position and its current round trip. PnL in currency via the point value
 * (= tickValue / tickSize): PnL = price change × contracts × pointValue (DESIGN.md §3 rule 5).
 * A round trip runs from flat to flat; a reversal closes one trip and opens the next at the same fill.
 */
export class PositionState {
  /** Signed contracts: > 0 long, < 0 short. */
  size = 0;
  /** Average entry price of the open position; NaN when flat. */
  avgPrice = Number.NaN;
  /** Realized PnL before fees, currency, over the whole run. */
  realizedPnl = 0;
  /** Fees paid, currency, over the whole run. */
  fees = 0;
  /** Last mark price. */
  markPrice = Number.NaN;
  /** Unrealized PnL at markPrice, currency. */
  unrealizedPnl = 0;

  // current round trip
  private tripEntryMs = 0;
  private tripEntryValue = 0;
  private tripEntrySize = 0;
  private tripExitValue = 0;
  private tripExitSize = 0;
  private tripRealized = 0;
  private tripFees = 0;
  private tripMae = 0;
  private tripMfe = 0;
  private tripLong = true;
  /** Initial risk of the trip in currency (a protective stop's distance), NaN when unknown. */
  tripRiskAmount = Number.NaN;

  constructor(readonly instrument: Instrument) {}

  get isFlat(): boolean {
    return this.size === 0;
  }

  get isLong(): boolean {
    return this.size > 0;
  }

  get isShort(): boolean {
    return this.size < 0;
  }

  /** Apply a fill; returns the round trip it completed, if any. */
  applyFill(fill: Fill): TradeRecord | undefined {
    const pv = this.instrument.pointValue;
    const q = fill.side === 'buy' ? fill.size : -fill.size;
    let done: TradeRecord | undefined;
    this.fees += fill.fee;
    if (this.size === 0 || Math.sign(q) === Math.sign(this.size)) {
      this.open(q, fill.price, fill.tsMs, fill.fee);
    } else {
      const closeQty = Math.min(Math.abs(q), Math.abs(this.size));
      const closeFee = (fill.fee * closeQty) / fill.size;
      const pnl = (fill.price - this.avgPrice) * closeQty * Math.sign(this.size) * pv;
      this.realizedPnl += pnl;
      this.tripRealized += pnl;
      this.tripFees += closeFee;
      this.tripExitValue += fill.price * closeQty;
      this.tripExitSize += closeQty;
      this.size += Math.sign(q) * closeQty;
      if (this.size === 0) {
        done = this.finishTrip(fill.tsMs);
        this.avgPrice = Number.NaN;
        this.unrealizedPnl = 0;
      }
      const rest = Math.abs(q) - closeQty;
      if (rest > 0) this.open(Math.sign(q) * rest, fill.price, fill.tsMs, fill.fee - closeFee);
    }
    this.mark(fill.price);
    return done;
  }

  private open(q: number, price: number, tsMs: number, fee: number): void {
    if (this.size === 0) {
      this.tripLong = q > 0;
      this.tripEntryMs = tsMs;
      this.tripEntryValue = 0;
      this.tripEntrySize = 0;
      this.tripExitValue = 0;
      this.tripExitSize = 0;
      this.tripRealized = 0;
      this.tripFees = 0;
      this.tripMae = 0;
      this.tripMfe = 0;
      this.tripRiskAmount = Number.NaN;
      this.avgPrice = price;
    } else {
      this.avgPrice = (this.avgPrice * Math.abs(this.size) + price * Math.abs(q)) / (Math.abs(this.size) + Math.abs(q));
    }
    this.size += q;
    this.tripEntryValue += price * Math.abs(q);
    this.tripEntrySize += Math.abs(q);
    this.tripFees += fee;
  }

  /** Mark to a price (bar close, last trade). */
  mark(price: number): void {
    this.markPrice = price;
    this.unrealizedPnl = this.size === 0 ? 0 : (price - this.avgPrice) * this.size * this.instrument.pointValue;
  }

  /** Track excursions over a bar's range while a position is open (MAE <= 0 <= MFE, currency). */
  observeRange(high: number, low: number): void {
    if (this.size === 0) return;
    const pv = this.instrument.pointValue * this.size;
    const a = (high - this.avgPrice) * pv;
    const b = (low - this.avgPrice) * pv;
    const worst = a < b ? a : b;
    const best = a < b ? b : a;
    if (worst < this.tripMae) this.tripMae = worst;
    if (best > this.tripMfe) this.tripMfe = best;
  }

  /** Record the initial risk of the open trip from a protective stop price (first one wins). */
  noteProtectiveStop(stopPrice: number): void {
    if (this.size === 0 || !Number.isNaN(this.tripRiskAmount)) return;
    this.tripRiskAmount = Math.abs(this.avgPrice - stopPrice) * Math.abs(this.size) * this.instrument.pointValue;
  }

  private finishTrip(exitMs: number): TradeRecord {
    const tick = this.instrument.tickSize;
    const entryPrice = roundPrice(this.tripEntryValue / this.tripEntrySize, tick);
    const exitPrice = roundPrice(this.tripExitValue / this.tripExitSize, tick);
    const isLong = this.tripLong;
    const pnlTicks = Math.round(((exitPrice - entryPrice) / tick) * (isLong ? 1 : -1) * 100) / 100;
    return tradeRecord(
      this.instrument.symbol,
      isLong ? 'long' : 'short',
      this.tripEntrySize,
      this.tripEntryMs,
      entryPrice,
      exitMs,
      exitPrice,
      round2(this.tripRealized - this.tripFees),
      round2(this.tripFees),
      round2(Math.min(this.tripMae, 0)),
      round2(Math.max(this.tripMfe, 0)),
      Number.isNaN(this.tripRiskAmount) ? null : round2(this.tripRiskAmount),
      pnlTicks,
    );
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Positions of every instrument of an account. */
export class PositionManager {
  private readonly states = new Map<string, PositionState>();
  /** Closed round trips of every instrument, in closing order (columns: model/journal.ts). */
  readonly trades = new TradeJournal();

  constructor(instruments: readonly Instrument[]) {
    for (const ins of instruments) this.states.set(ins.symbol, new PositionState(ins));
  }

  get(symbol: string): PositionState {
    const s = this.states.get(symbol);
    if (s === undefined) throw new Error(`no position state for ${symbol}`);
    return s;
  }

  all(): PositionState[] {
    return [...this.states.values()];
  }

  applyFill(fill: Fill): TradeRecord | undefined {
    const t = this.get(fill.symbol).applyFill(fill);
    if (t !== undefined) this.trades.push(t);
    return t;
  }

  totalAbsPosition(): number {
    let n = 0;
    for (const s of this.states.values()) n += Math.abs(s.size);
    return n;
  }
}
