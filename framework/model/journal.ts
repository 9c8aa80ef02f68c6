import type { Fill } from './fill.ts';
import type { Side } from './order.ts';
import type { FillRecord, TradeRecord } from './results.ts';

/**
 * Append-only journals of fills and closed trades, kept in columns (Float64Array numbers, interned
 * strings) instead of one object per record.
 *
 * Why: a backtest keeps every fill and trade for the results file. As objects (a record plus a boxed
 * number per price or time field: ~5 heap objects per fill, ~10 per trade) each one was copied twice
 * by V8's young-generation collector before it settled in the old generation: on a run with an order
 * every two bars that was ~2.4 µs of garbage collection per order, half the cost of an order. Typed
 * array columns are never scanned or copied by the collector.
 *
 * `at(i)` rebuilds the record exactly (same keys in the same order, so JSON and deep equality are
 * unchanged); records are rebuilt on demand, mostly once, when the results file is written.
 */

/** Interned strings: a code per distinct value (symbols, sides: a handful per run). */
class Interner {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];

  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(s);
      this.codes.set(s, c);
    }
    return c;
  }
}

function grow(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

const SIDES: readonly Side[] = ['buy', 'sell'];

/** The fills of a run, in arrival order. Numbers per fill: size, price, tsMs, fee, symbol code, side. */
export class FillJournal {
  private static readonly W = 6;
  private num = new Float64Array(1024 * FillJournal.W);
  private n = 0;
  private readonly ids: string[] = [];
  private readonly orderIds: string[] = [];
  /** Venue trade ids by fill index (live fills only). */
  private readonly venueTradeIds = new Map<number, string>();
  private readonly symbols = new Interner();

  get length(): number {
    return this.n;
  }

  push(f: Fill): void {
    const W = FillJournal.W;
    const at = this.n * W;
    this.num = grow(this.num, at + W);
    const a = this.num;
    a[at] = f.size;
    a[at + 1] = f.price;
    a[at + 2] = f.tsMs;
    a[at + 3] = f.fee;
    a[at + 4] = this.symbols.code(f.symbol);
    a[at + 5] = f.side === 'buy' ? 0 : 1;
    this.ids.push(f.fillId);
    this.orderIds.push(f.clientOrderId);
    if (f.venueTradeId !== undefined) this.venueTradeIds.set(this.n, f.venueTradeId);
    this.n++;
  }

  /** Fill i as the results file records it (no venue trade id). */
  at(i: number): FillRecord {
    if (!(i >= 0 && i < this.n)) throw new RangeError(`fill ${i} of ${this.n}`);
    const a = this.num;
    const at = i * FillJournal.W;
    return {
      fillId: this.ids[i],
      clientOrderId: this.orderIds[i],
      symbol: this.symbols.values[a[at + 4]],
      side: SIDES[a[at + 5]],
      size: a[at],
      price: a[at + 1],
      tsMs: a[at + 2],
      fee: a[at + 3],
    };
  }

  /** Fill i with its venue trade id, when the venue gave one. */
  fill(i: number): Fill {
    const r = this.at(i);
    const venueTradeId = this.venueTradeIds.get(i);
    return venueTradeId === undefined ? r : { ...r, venueTradeId };
  }

  toArray(): FillRecord[] {
    const out = new Array<FillRecord>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.at(i);
    return out;
  }
}

const TRADE_SIDES = ['long', 'short'] as const;

/**
 * Closed round trips, in closing order. Numbers per trade: size, entryMs, entryPrice, exitMs,
 * exitPrice, pnl, fees, mae, mfe, riskAmount (NaN for null), pnlTicks, symbol code, side.
 */
export class TradeJournal {
  private static readonly W = 13;
  private num = new Float64Array(512 * TradeJournal.W);
  private n = 0;
  private readonly symbols = new Interner();

  get length(): number {
    return this.n;
  }

  push(t: TradeRecord): void {
    const W = TradeJournal.W;
    const at = this.n * W;
    this.num = grow(this.num, at + W);
    const a = this.num;
    a[at] = t.size;
    a[at + 1] = t.entryMs;
    a[at + 2] = t.entryPrice;
    a[at + 3] = t.exitMs;
    a[at + 4] = t.exitPrice;
    a[at + 5] = t.pnl;
    a[at + 6] = t.fees;
    a[at + 7] = t.mae;
    a[at + 8] = t.mfe;
    a[at + 9] = t.riskAmount ?? Number.NaN;
    a[at + 10] = t.pnlTicks;
    a[at + 11] = this.symbols.code(t.symbol);
    a[at + 12] = t.side === 'long' ? 0 : 1;
    this.n++;
  }

  at(i: number): TradeRecord {
    if (!(i >= 0 && i < this.n)) throw new RangeError(`trade ${i} of ${this.n}`);
    const a = this.num;
    const at = i * TradeJournal.W;
    const risk = a[at + 9];
    return {
      symbol: this.symbols.values[a[at + 11]],
      side: TRADE_SIDES[a[at + 12]],
      size: a[at],
      entryMs: a[at + 1],
      entryPrice: a[at + 2],
      exitMs: a[at + 3],
      exitPrice: a[at + 4],
      pnl: a[at + 5],
      fees: a[at + 6],
      mae: a[at + 7],
      mfe: a[at + 8],
      riskAmount: Number.isNaN(risk) ? null : risk,
      pnlTicks: a[at + 10],
    };
  }

  toArray(): TradeRecord[] {
    const out = new Array<TradeRecord>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.at(i);
    return out;
  }
}
