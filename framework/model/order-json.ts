import { type ByteRun, type JsonSink, byteRun } from '../core/json-bytes.ts';

/**
 * The parts of an order's results record (orderRecord in suite/results-builder.ts) that both of its
 * byte writers write the same way: the order journal's (finished orders, from columns) and
 * suite/results-json.ts's (live orders, from the Order).
 */

export const ORDER_ID_TEXT = '{"clientOrderId":';
export const ORDER_SYMBOL_TEXT = ',"symbol":';
export const ORDER_ID_KEY = byteRun(ORDER_ID_TEXT);
export const ORDER_SYMBOL_KEY = byteRun(ORDER_SYMBOL_TEXT);
/** Closes the history array and the record. */
export const ORDER_END = byteRun(']}');

/** The prices of an order that has none (market orders). */
const NO_PRICES = byteRun(',"limitPrice":null,"stopPrice":null,"trailTicks":null');
const LIMIT = byteRun(',"limitPrice":');
const STOP = byteRun(',"stopPrice":');
const TRAIL = byteRun(',"trailTicks":');
const AVG = byteRun(',"avgFillPrice":');
const CREATED = byteRun(',"createdMs":');
/** The strings an order without extras has, up to its history. */
const NO_EXTRAS = byteRun(',"parentClientOrderId":null,"ocoGroup":null,"tag":null,"history":[');
const PARENT = byteRun(',"parentClientOrderId":');
const OCO = byteRun(',"ocoGroup":');
const TAG = byteRun(',"tag":');
const HISTORY = byteRun(',"history":[');
const H_FIRST = byteRun('{"status":');
const H_NEXT = byteRun(',{"status":');
const H_TS = byteRun(',"tsMs":');
const H_REASON = byteRun(',"reason":');

/** `,"limitPrice":…,"stopPrice":…,"trailTicks":…` (NaN is null). */
export function writeOrderPrices(out: JsonSink, limit: number, stop: number, trail: number): void {
  if (Number.isNaN(limit) && Number.isNaN(stop) && Number.isNaN(trail)) {
    out.raw(NO_PRICES);
    return;
  }
  out.raw(LIMIT);
  out.num(limit);
  out.raw(STOP);
  out.num(stop);
  out.raw(TRAIL);
  out.num(trail);
}

/** The filled size (after its key), then `,"avgFillPrice":…,"createdMs":…`. */
export function writeOrderFill(out: JsonSink, filledSize: number, avgFillPrice: number, createdMs: number): void {
  out.num(filledSize);
  out.raw(AVG);
  out.num(Math.round(avgFillPrice * 1e6) / 1e6); // NaN (never filled) is written null
  out.raw(CREATED);
  out.num(createdMs);
}

/** `,"parentClientOrderId":…,"ocoGroup":…,"tag":…,"history":[`. */
export function writeOrderExtras(out: JsonSink, parent: string | undefined | null, oco: string | undefined | null, tag: string | undefined | null): void {
  if (parent == null && oco == null && tag == null) {
    out.raw(NO_EXTRAS);
    return;
  }
  out.raw(PARENT);
  out.optStr(parent);
  out.raw(OCO);
  out.optStr(oco);
  out.raw(TAG);
  out.optStr(tag);
  out.raw(HISTORY);
}

/** History entry k: `{"status":…,"tsMs":…}` (with `"reason"` when given), comma-separated from the one before. */
export function writeHistoryEntry(out: JsonSink, k: number, quotedStatus: ByteRun, tsMs: number, reason: string | undefined): void {
  out.raw(k === 0 ? H_FIRST : H_NEXT);
  out.raw(quotedStatus);
  out.raw(H_TS);
  out.num(tsMs);
  if (reason !== undefined) {
    out.raw(H_REASON);
    out.str(reason);
  }
  out.char(0x7d);
}
