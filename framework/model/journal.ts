import type { Fill } from './fill.ts';
import type { BracketSpec, Order, OrderStatus, OrderType, Side } from './order.ts';
import type { FillRecord, TradeRecord } from './results.ts';
import { type ByteRun, type JsonSink, type RowLayout, jsonText, byteRun, rowLayout } from '../core/json-bytes.ts';
import { RecordBlocks } from './record-blocks.ts';
import { tradeRecord } from './trade-record.ts';
import { allocTradeColumns, type TradeColumns } from './trade-columns.ts';
import { IdColumn } from './seq-id-codec.ts';
import { ORDER_END, ORDER_ID_KEY, ORDER_ID_TEXT, ORDER_SYMBOL_KEY, ORDER_SYMBOL_TEXT, writeHistoryEntry, writeOrderExtras, writeOrderFill, writeOrderPrices } from './order-json.ts';

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
  /** JSON text of each value, as UTF-8 bytes. */
  readonly quoted: ByteRun[] = [];

  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(s);
      this.quoted.push(byteRun(JSON.stringify(s)));
      this.codes.set(s, c);
    }
    return c;
  }
}

const SIDES: readonly Side[] = ['buy', 'sell'];

/** An append-only journal of records, `width` numbers each, in fixed-size blocks (record-blocks.ts). */
abstract class RecordJournal<R> {
  protected readonly rows: RecordBlocks;
  protected n = 0;

  constructor(
    width: number,
    private readonly what: string,
  ) {
    // 4096 records per block: 192 KB (fills) to 416 KB (trades).
    this.rows = new RecordBlocks(width, 12);
  }

  get length(): number {
    return this.n;
  }

  /** Record i's block; a RangeError outside [0, length). Its offset is `rows.offset(i)`. */
  protected blockOf(i: number): Float64Array<ArrayBuffer> {
    if (!(i >= 0 && i < this.n)) this.outOfRange(i);
    return this.rows.block(i);
  }

  protected outOfRange(i: number): never {
    throw new RangeError(`${this.what} ${i} of ${this.n}`);
  }

  abstract at(i: number): R;

  *[Symbol.iterator](): IterableIterator<R> {
    for (let i = 0; i < this.n; i++) yield this.at(i);
  }

  toArray(): R[] {
    const out = new Array<R>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.at(i);
    return out;
  }
}

const F_ID = byteRun('{"fillId":');
const F_ORDER = byteRun(',"clientOrderId":');
const F_SYMBOL = byteRun(',"symbol":');
const F_BUY = byteRun(',"side":"buy","size":');
const F_SELL = byteRun(',"side":"sell","size":');
const F_PRICE = byteRun(',"price":');
const F_TS = byteRun(',"tsMs":');
const F_FEE = byteRun(',"fee":');

/**
 * The fills of a run, in arrival order. Numbers per fill: size, price, tsMs, fee, symbol code, side,
 * fill id, client order id (ids as numbers: seq-id-codec.ts).
 */
export class FillJournal extends RecordJournal<FillRecord> {
  private readonly ids = new IdColumn();
  private readonly orderIds = new IdColumn();
  /** Venue trade ids by fill index (live fills only). */
  private readonly venueTradeIds = new Map<number, string>();
  private readonly symbols = new Interner();

  constructor() {
    super(8, 'fill');
  }

  push(f: Fill): void {
    const a = this.rows.blockFor(this.n);
    const at = this.rows.offset(this.n);
    a[at] = f.size;
    a[at + 1] = f.price;
    a[at + 2] = f.tsMs;
    a[at + 3] = f.fee;
    a[at + 4] = this.symbols.code(f.symbol);
    a[at + 5] = f.side === 'buy' ? 0 : 1;
    a[at + 6] = this.ids.store(this.n, f.fillId);
    a[at + 7] = this.orderIds.store(this.n, f.clientOrderId);
    if (f.venueTradeId !== undefined) this.venueTradeIds.set(this.n, f.venueTradeId);
    this.n++;
  }

  /** Fill i as the results file records it (no venue trade id). */
  at(i: number): FillRecord {
    const a = this.blockOf(i);
    const at = this.rows.offset(i);
    return {
      fillId: this.ids.id(i, a[at + 6]),
      clientOrderId: this.orderIds.id(i, a[at + 7]),
      symbol: this.symbols.values[a[at + 4]],
      side: SIDES[a[at + 5]],
      size: a[at],
      price: a[at + 1],
      tsMs: a[at + 2],
      fee: a[at + 3],
    };
  }

  /** JSON of at(i), exactly as JSON.stringify writes it, written into `out` without building the record. */
  writeJson(i: number, out: JsonSink): void {
    // The range check inline, not blockOf: a base-class method shared by the fill and trade
    // journals deoptimized (wrong map) when the trades section followed the fills.
    if (!(i >= 0 && i < this.n)) this.outOfRange(i);
    const a = this.rows.block(i);
    const at = this.rows.offset(i);
    out.raw(F_ID);
    this.ids.writeJson(i, a[at + 6], out);
    out.raw(F_ORDER);
    this.orderIds.writeJson(i, a[at + 7], out);
    out.raw(F_SYMBOL);
    out.raw(this.symbols.quoted[a[at + 4]]);
    out.raw(a[at + 5] === 0 ? F_BUY : F_SELL);
    out.num(a[at]);
    out.raw(F_PRICE);
    out.num(a[at + 1]);
    out.raw(F_TS);
    out.num(a[at + 2]);
    out.raw(F_FEE);
    out.num(a[at + 3]);
    out.char(0x7d);
  }

  /** writeJson of fills [from, to) joined by commas, in one loop (JsonSink.rows; the results file). */
  writeJsonRange(out: JsonSink, from: number, to: number): void {
    if (!(from >= 0 && to <= this.n)) this.outOfRange(from < 0 ? from : to - 1);
    this.layout ??= rowLayout([
      '{"fillId":',
      { id: 6, from: this.ids.openQuotes },
      ',"clientOrderId":',
      { id: 7, from: this.orderIds.openQuotes },
      ',"symbol":',
      { pick: 4, from: this.symbols.quoted },
      { pick: 5, from: [F_BUY, F_SELL] },
      { num: 0 },
      ',"price":',
      { num: 1 },
      ',"tsMs":',
      { num: 2 },
      ',"fee":',
      { num: 3 },
      '}',
    ]);
    out.rows(this.rows.all, this.rows.shift, 8, this.layout, from, to, this.writeOne);
  }

  private layout: RowLayout | undefined = undefined;
  private readonly writeOne = (i: number, out: JsonSink): void => this.writeJson(i, out);

  /** JSON.stringify(at(i)), from writeJson. */
  json(i: number): string {
    return jsonText((out) => this.writeJson(i, out));
  }

  /** Fill i with its venue trade id, when the venue gave one. */
  fill(i: number): Fill {
    const r = this.at(i);
    const venueTradeId = this.venueTradeIds.get(i);
    return venueTradeId === undefined ? r : { ...r, venueTradeId };
  }
}

const TRADE_SIDES = ['long', 'short'] as const;
const T_SYMBOL = byteRun('{"symbol":');
const T_LONG = byteRun(',"side":"long","size":');
const T_SHORT = byteRun(',"side":"short","size":');
/** What follows each of the 11 numbers of a trade record, in column order (size .. pnlTicks). */
const T_FIELD_TEXT = [',"entryMs":', ',"entryPrice":', ',"exitMs":', ',"exitPrice":', ',"pnl":', ',"fees":', ',"mae":', ',"mfe":', ',"riskAmount":', ',"pnlTicks":', '}'];
const T_FIELDS = T_FIELD_TEXT.map((s) => byteRun(s));

/**
 * Closed round trips, in closing order. Numbers per trade: size, entryMs, entryPrice, exitMs,
 * exitPrice, pnl, fees, mae, mfe, riskAmount (NaN for null), pnlTicks, symbol code, side.
 */
export class TradeJournal extends RecordJournal<TradeRecord> {
  private readonly symbols = new Interner();

  constructor() {
    super(13, 'trade');
  }

  push(t: TradeRecord): void {
    const a = this.rows.blockFor(this.n);
    const at = this.rows.offset(this.n);
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
    const a = this.blockOf(i);
    const at = this.rows.offset(i);
    const risk = a[at + 9];
    return tradeRecord(
      this.symbols.values[a[at + 11]],
      TRADE_SIDES[a[at + 12]],
      a[at],
      a[at + 1],
      a[at + 2],
      a[at + 3],
      a[at + 4],
      a[at + 5],
      a[at + 6],
      a[at + 7],
      a[at + 8],
      Number.isNaN(risk) ? null : risk,
      a[at + 10],
    );
  }

  /** The trades as columns (new arrays), for the metrics: no record is built. */
  columns(): TradeColumns {
    const n = this.n;
    const cols = allocTradeColumns(n, this.symbols.values.slice());
    const { symbol, entryMs, exitMs, pnl, fees, mae, mfe, riskAmount } = cols;
    const per = this.rows.perBlock;
    for (let b = 0; b * per < n; b++) {
      const a = this.rows.block(b * per);
      const end = Math.min(n, (b + 1) * per);
      for (let i = b * per, at = 0; i < end; i++, at += 13) {
        entryMs[i] = a[at + 1];
        exitMs[i] = a[at + 3];
        pnl[i] = a[at + 5];
        fees[i] = a[at + 6];
        mae[i] = a[at + 7];
        mfe[i] = a[at + 8];
        riskAmount[i] = a[at + 9];
        symbol[i] = a[at + 11];
      }
    }
    return cols;
  }

  /** JSON of at(i), exactly as JSON.stringify writes it, written into `out` without building the record. */
  writeJson(i: number, out: JsonSink): void {
    // The range check inline, not blockOf: a base-class method shared by the fill and trade
    // journals deoptimized (wrong map) when the trades section followed the fills.
    if (!(i >= 0 && i < this.n)) this.outOfRange(i);
    const a = this.rows.block(i);
    const at = this.rows.offset(i);
    out.raw(T_SYMBOL);
    out.raw(this.symbols.quoted[a[at + 11]]);
    out.raw(a[at + 12] === 0 ? T_LONG : T_SHORT);
    for (let k = 0; k < 11; k++) {
      out.num(a[at + k]);
      out.raw(T_FIELDS[k]);
    }
  }

  /** writeJson of trades [from, to) joined by commas, in one loop (JsonSink.rows; the results file). */
  writeJsonRange(out: JsonSink, from: number, to: number): void {
    if (!(from >= 0 && to <= this.n)) this.outOfRange(from < 0 ? from : to - 1);
    this.layout ??= rowLayout([
      '{"symbol":',
      { pick: 11, from: this.symbols.quoted },
      { pick: 12, from: [T_LONG, T_SHORT] },
      ...T_FIELD_TEXT.flatMap((text, k) => [{ num: k }, text]),
    ]);
    out.rows(this.rows.all, this.rows.shift, 13, this.layout, from, to, this.writeOne);
  }

  private layout: RowLayout | undefined = undefined;
  private readonly writeOne = (i: number, out: JsonSink): void => this.writeJson(i, out);

  /** JSON.stringify(at(i)), from writeJson. */
  json(i: number): string {
    return jsonText((out) => this.writeJson(i, out));
  }
}

/** What the results file needs of an order: an Order, or a journal's snapshot of one. */
export type OrderView = Pick<
  OrderSnapshot,
  | 'clientOrderId'
  | 'symbol'
  | 'side'
  | 'type'
  | 'size'
  | 'limitPrice'
  | 'stopPrice'
  | 'trailTicks'
  | 'status'
  | 'filledSize'
  | 'avgFillPrice'
  | 'createdMs'
  | 'parentClientOrderId'
  | 'ocoGroup'
  | 'tag'
  | 'transitionLog'
>;

/** What a retired (terminal) order keeps: everything `Order.restore` needs. */
export interface OrderSnapshot {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly size: number;
  readonly limitPrice: number;
  readonly stopPrice: number;
  readonly trailTicks: number;
  readonly createdMs: number;
  readonly updatedMs: number;
  readonly status: OrderStatus;
  readonly filledSize: number;
  readonly avgFillPrice: number;
  readonly triggered: boolean;
  readonly reduceOnly: boolean;
  readonly venueOrderId: string | undefined;
  readonly ocoGroup: string | undefined;
  readonly parentClientOrderId: string | undefined;
  readonly bracket: BracketSpec | undefined;
  readonly tag: string | undefined;
  /** Flat triples [status, tsMs, reason | undefined], as Order keeps them. */
  readonly transitionLog: readonly (string | number | undefined)[];
}

const ORDER_TYPES: readonly OrderType[] = ['market', 'limit', 'stop', 'stop-limit', 'trailing-stop'];
const STATUSES: readonly OrderStatus[] = ['pending', 'submitted', 'working', 'partially-filled', 'filled', 'cancelled', 'rejected', 'expired'];
/** Index in ORDER_TYPES, -1 for anything else. */
function typeCode(t: unknown): number {
  switch (t) {
    case 'market':
      return 0;
    case 'limit':
      return 1;
    case 'stop':
      return 2;
    case 'stop-limit':
      return 3;
    case 'trailing-stop':
      return 4;
    default:
      return -1;
  }
}
const QUOTED_STATUSES = STATUSES.map((t) => byteRun(JSON.stringify(t)));
/** `,"side":…,"type":…,"size":` by side code * ORDER_TYPES.length + type code. */
const SIDE_TYPE = SIDES.flatMap((side) => ORDER_TYPES.map((type) => byteRun(`,"side":${JSON.stringify(side)},"type":${JSON.stringify(type)},"size":`)));
/** `,"side":…` by side code and `,"type":…,"size":` by type code (JsonSink.rows). */
const SIDE_FIELD = SIDES.map((side) => byteRun(`,"side":${JSON.stringify(side)}`));
const TYPE_FIELD = ORDER_TYPES.map((type) => byteRun(`,"type":${JSON.stringify(type)},"size":`));
/** `,"status":…,"filledSize":` by status code. */
const STATUS_FIELD = STATUSES.map((t) => byteRun(`,"status":${JSON.stringify(t)},"filledSize":`));
/** The common life of an order that filled: pending, submitted and working at one time, then filled. */
const H_PENDING = byteRun('{"status":"pending","tsMs":');
const H_SUBMITTED = byteRun('},{"status":"submitted","tsMs":');
const H_WORKING = byteRun('},{"status":"working","tsMs":');
const H_FILLED = byteRun('},{"status":"filled","tsMs":');
const H_FILLED_END = byteRun('}]}');
/** Order journal flag bits (beside 1 reduceOnly, 2 triggered): the order has reasons / extra strings. */
const FLAG_REASONS = 4;
const FLAG_EXTRAS = 8;

/** Index in STATUSES, -1 for anything else (a switch: no map lookup on the per-order path). */
function statusCode(s: unknown): number {
  switch (s) {
    case 'pending':
      return 0;
    case 'submitted':
      return 1;
    case 'working':
      return 2;
    case 'partially-filled':
      return 3;
    case 'filled':
      return 4;
    case 'cancelled':
      return 5;
    case 'rejected':
      return 6;
    case 'expired':
      return 7;
    default:
      return -1;
  }
}

/**
 * Orders that can no longer change (filled, cancelled, rejected, expired), kept in columns by their
 * creation index, for the results file and lookups. Numbers per order: size, limitPrice, stopPrice,
 * trailTicks, filledSize, avgFillPrice, createdMs, updatedMs, symbol code, side, type, status, flags
 * (1 reduceOnly, 2 triggered), history start, history length, client order id, venue order id
 * (ids as numbers, seq-id-codec.ts; 0 = no order / no venue id). The history is a sequence of
 * (status code, tsMs) entries, an order's entries always within one block; reasons and the rare
 * strings live in sparse maps. Both are kept in fixed-size blocks (record-blocks.ts).
 */
export class OrderJournal {
  private static readonly W = 20;
  /** 4096 orders (480 KB) per block, by creation index. */
  private readonly num = new RecordBlocks(OrderJournal.W, 12);
  /** 8192 history entries (128 KB) per block. */
  private readonly hist = new RecordBlocks(2, 13);
  private histN = 0;
  private readonly reasons = new Map<number, string>();
  private readonly ids = new IdColumn();
  private readonly venueIds = new IdColumn();
  private readonly extras = new Map<number, { ocoGroup?: string; parentClientOrderId?: string; bracket?: BracketSpec; tag?: string }>();
  private readonly symbols = new Interner();

  /** Store an order's final state at its creation index `i` (once). */
  put(i: number, o: Order): boolean {
    const type = typeCode(o.type);
    const status = statusCode(o.status);
    if (type < 0 || status < 0) return false;
    const log = o.transitionLog;
    const entries = log.length / 3;
    // History first (it is the part that can be malformed): roll back on anything unexpected.
    // An order's entries stay in one block: start the next block when they would not fit.
    const per = this.hist.perBlock;
    if (entries > per) return false;
    let start = this.histN;
    if ((start & (per - 1)) + entries > per) start = (start | (per - 1)) + 1;
    const h = this.hist.blockFor(start);
    const h0 = this.hist.offset(start);
    let hasReasons = false;
    for (let k = 0, j = start; k < log.length; k += 3, j++) {
      const code = statusCode(log[k]);
      const ts = log[k + 1];
      const reason = log[k + 2];
      if (code < 0 || typeof ts !== 'number' || (reason !== undefined && typeof reason !== 'string')) {
        for (let q = start; q < j; q++) this.reasons.delete(q);
        return false;
      }
      h[h0 + (j - start) * 2] = code;
      h[h0 + (j - start) * 2 + 1] = ts;
      if (reason !== undefined) {
        this.reasons.set(j, reason);
        hasReasons = true;
      }
    }
    const hasExtras = o.ocoGroup !== undefined || o.parentClientOrderId !== undefined || o.bracket !== undefined || o.tag !== undefined;
    this.histN = start + entries;
    const a = this.num.blockFor(i);
    const at = this.num.offset(i);
    a[at] = o.size;
    a[at + 1] = o.limitPrice;
    a[at + 2] = o.stopPrice;
    a[at + 3] = o.trailTicks;
    a[at + 4] = o.filledSize;
    a[at + 5] = o.avgFillPrice;
    a[at + 6] = o.createdMs;
    a[at + 7] = o.updatedMs;
    a[at + 8] = this.symbols.code(o.symbol);
    a[at + 9] = o.side === 'buy' ? 0 : 1;
    a[at + 10] = type;
    a[at + 11] = status;
    a[at + 12] = (o.reduceOnly ? 1 : 0) | (o.triggered ? 2 : 0) | (hasReasons ? FLAG_REASONS : 0) | (hasExtras ? FLAG_EXTRAS : 0);
    a[at + 13] = start;
    a[at + 14] = entries;
    a[at + 15] = this.ids.store(i, o.clientOrderId);
    a[at + 16] = o.venueOrderId === undefined ? 0 : this.venueIds.store(i, o.venueOrderId);
    // The common life of an order that filled (writeJsonRange writes it from these columns): pending,
    // submitted and working at one time, then filled; no reasons and no extra strings.
    const ts0 = h[h0 + 1];
    const common =
      entries === 4 && !hasReasons && !hasExtras && status === 4 && h[h0] === 0 && h[h0 + 2] === 1 && h[h0 + 4] === 2 && h[h0 + 6] === 4 && h[h0 + 3] === ts0 && h[h0 + 5] === ts0;
    a[at + 17] = common ? 1 : 0;
    a[at + 18] = ts0;
    a[at + 19] = entries > 3 ? h[h0 + 7] : Number.NaN;
    if (hasExtras) {
      this.extras.set(i, { ocoGroup: o.ocoGroup, parentClientOrderId: o.parentClientOrderId, bracket: o.bracket, tag: o.tag });
    }
    return true;
  }

  /**
   * JSON of the results record of the order at creation index `i` (orderRecord in
   * suite/results-builder.ts), exactly as JSON.stringify writes it, written into `out` straight from
   * the columns; false (nothing written) when `i` is not in the journal.
   */
  writeJson(i: number, out: JsonSink): boolean {
    const a = this.num.block(i);
    const at = this.num.offset(i);
    if (a === undefined || !(i >= 0) || a[at + 15] === 0) return false;
    const start = a[at + 13] | 0; // an int from the column: the block lookups take Smis
    const entries = a[at + 14] | 0;
    const h = this.hist.block(start);
    const j0 = this.hist.offset(start);
    const flags = a[at + 12];
    out.raw(ORDER_ID_KEY);
    this.ids.writeJson(i, a[at + 15], out);
    out.raw(ORDER_SYMBOL_KEY);
    out.raw(this.symbols.quoted[a[at + 8]]);
    out.raw(SIDE_TYPE[a[at + 9] * ORDER_TYPES.length + a[at + 10]]);
    out.num(a[at]);
    writeOrderPrices(out, a[at + 1], a[at + 2], a[at + 3]);
    out.raw(STATUS_FIELD[a[at + 11]]);
    writeOrderFill(out, a[at + 4], a[at + 5], a[at + 6]);
    const x = (flags & FLAG_EXTRAS) !== 0 ? this.extras.get(i) : undefined;
    writeOrderExtras(out, x?.parentClientOrderId, x?.ocoGroup, x?.tag);
    const ts0 = h[j0 + 1];
    if (
      entries === 4 &&
      (flags & FLAG_REASONS) === 0 &&
      h[j0] === 0 &&
      h[j0 + 2] === 1 &&
      h[j0 + 4] === 2 &&
      h[j0 + 6] === 4 &&
      h[j0 + 3] === ts0 &&
      h[j0 + 5] === ts0
    ) {
      // The common life of an order that filled: the time's digits are written once, then copied.
      out.raw(H_PENDING);
      const from = out.pos;
      out.num(ts0);
      const to = out.pos;
      out.raw(H_SUBMITTED);
      out.copy(from, to);
      out.raw(H_WORKING);
      out.copy(from, to);
      out.raw(H_FILLED);
      out.num(h[j0 + 7]);
      out.raw(H_FILLED_END);
      return true;
    }
    for (let k = 0; k < entries; k++) {
      const reason = (flags & FLAG_REASONS) !== 0 ? this.reasons.get(start + k) : undefined;
      writeHistoryEntry(out, k, QUOTED_STATUSES[h[j0 + k * 2]], h[j0 + k * 2 + 1], reason);
    }
    out.raw(ORDER_END);
    return true;
  }

  /**
   * The results JSON of orders [from, to) joined by commas, in one loop (JsonSink.rows): orders in the
   * journal with the common life from the columns, any other order by `fallback` (orders not in the
   * journal too: the caller writes live ones).
   */
  writeJsonRange(out: JsonSink, from: number, to: number, fallback: (i: number, out: JsonSink) => void): void {
    this.layout ??= rowLayout(
      [
        ORDER_ID_TEXT,
        { id: 15, from: this.ids.openQuotes },
        ORDER_SYMBOL_TEXT,
        { pick: 8, from: this.symbols.quoted },
        { pick: 9, from: SIDE_FIELD },
        { pick: 10, from: TYPE_FIELD },
        { num: 0 },
        ',"limitPrice":',
        { num: 1 },
        ',"stopPrice":',
        { num: 2 },
        ',"trailTicks":',
        { num: 3 },
        { pick: 11, from: STATUS_FIELD },
        { num: 4 },
        ',"avgFillPrice":',
        { num: 5, round6: true },
        ',"createdMs":',
        { num: 6 },
        ',"parentClientOrderId":null,"ocoGroup":null,"tag":null,"history":[{"status":"pending","tsMs":',
        { num: 18 },
        '},{"status":"submitted","tsMs":',
        { num: 18 },
        '},{"status":"working","tsMs":',
        { num: 18 },
        '},{"status":"filled","tsMs":',
        { num: 19 },
        '}]}',
      ],
      17,
    );
    out.rows(this.num.all, this.num.shift, OrderJournal.W, this.layout, from, to, fallback);
  }

  private layout: RowLayout | undefined = undefined;

  /** JSON of the record of order `i` (writeJson as text), undefined when `i` is not in the journal. */
  json(i: number): string | undefined {
    let found = false;
    const text = jsonText((out) => (found = this.writeJson(i, out)));
    return found ? text : undefined;
  }

  /** The snapshot stored at creation index `i` (built anew on each call). */
  get(i: number): OrderSnapshot | undefined {
    const a = this.num.block(i);
    const at = this.num.offset(i);
    if (a === undefined || !(i >= 0) || a[at + 15] === 0) return undefined;
    const id = this.ids.id(i, a[at + 15]);
    const start = a[at + 13] | 0; // an int from the column: the block lookups take Smis
    const entries = a[at + 14] | 0;
    const h = this.hist.block(start);
    const j0 = this.hist.offset(start);
    const log = new Array<string | number | undefined>(entries * 3);
    for (let k = 0; k < entries; k++) {
      log[k * 3] = STATUSES[h[j0 + k * 2]];
      log[k * 3 + 1] = h[j0 + k * 2 + 1];
      log[k * 3 + 2] = this.reasons.get(start + k);
    }
    const x = this.extras.get(i);
    const flags = a[at + 12];
    return {
      clientOrderId: id,
      symbol: this.symbols.values[a[at + 8]],
      side: SIDES[a[at + 9]],
      type: ORDER_TYPES[a[at + 10]],
      size: a[at],
      limitPrice: a[at + 1],
      stopPrice: a[at + 2],
      trailTicks: a[at + 3],
      createdMs: a[at + 6],
      updatedMs: a[at + 7],
      status: STATUSES[a[at + 11]],
      filledSize: a[at + 4],
      avgFillPrice: a[at + 5],
      triggered: (flags & 2) !== 0,
      reduceOnly: (flags & 1) !== 0,
      venueOrderId: a[at + 16] === 0 ? undefined : this.venueIds.id(i, a[at + 16]),
      ocoGroup: x?.ocoGroup,
      parentClientOrderId: x?.parentClientOrderId,
      bracket: x?.bracket,
      tag: x?.tag,
      transitionLog: log,
    };
  }
}
