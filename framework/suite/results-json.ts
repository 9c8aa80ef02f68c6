import { type ByteRun, type JsonSink, byteRun } from '../core/json-bytes.ts';
import type { OrderView } from '../model/journal.ts';
import { ORDER_END, ORDER_ID_KEY, ORDER_SYMBOL_KEY, writeHistoryEntry, writeOrderExtras, writeOrderFill, writeOrderPrices } from '../model/order-json.ts';

/**
 * Hand-written JSON of a live order's results record (an order still working when the results are
 * built; finished orders are written by the order journal, model/journal.ts `writeJson`), straight
 * into the writer's bytes and byte-identical to JSON.stringify of the record orderRecord builds
 * (tests/engine/results-writer.test.ts): no record, history array or transition objects are built,
 * and the few distinct status/side/type/symbol strings are quoted once. An order of any other shape
 * writes nothing and returns false; the writer falls back to JSON.stringify of its record.
 */

/** Quoted forms of the few strings every order repeats (statuses, sides, types, symbols), as bytes. */
const QUOTED = new Map<string, ByteRun>();

function quoted(s: string): ByteRun {
  let q = QUOTED.get(s);
  if (q === undefined) {
    q = byteRun(JSON.stringify(s));
    if (QUOTED.size < 256) QUOTED.set(s, q);
  }
  return q;
}

function word(out: JsonSink, s: string): void {
  out.raw(quoted(s));
}

const isOptStr = (s: unknown): boolean => s === undefined || s === null || typeof s === 'string';

const SIDE_KEY = byteRun(',"side":');
const TYPE_KEY = byteRun(',"type":');
const SIZE_KEY = byteRun(',"size":');
const STATUS_KEY = byteRun(',"status":');
const FILLED_KEY = byteRun(',"filledSize":');

/** The order record of suite/results-builder.ts (orderRecord), written straight from the order (live or journal snapshot). */
export function writeOrderRecord(o: OrderView, out: JsonSink): boolean {
  const log = o.transitionLog;
  if (typeof o.clientOrderId !== 'string' || typeof o.symbol !== 'string' || typeof o.side !== 'string' || typeof o.type !== 'string' || typeof o.status !== 'string') return false;
  if (!isOptStr(o.parentClientOrderId) || !isOptStr(o.ocoGroup) || !isOptStr(o.tag)) return false;
  for (let i = 0; i < log.length; i += 3) {
    if (typeof log[i] !== 'string' || typeof log[i + 1] !== 'number' || !(log[i + 2] === undefined || typeof log[i + 2] === 'string')) return false;
  }
  out.raw(ORDER_ID_KEY);
  out.str(o.clientOrderId);
  out.raw(ORDER_SYMBOL_KEY);
  word(out, o.symbol);
  out.raw(SIDE_KEY);
  word(out, o.side);
  out.raw(TYPE_KEY);
  word(out, o.type);
  out.raw(SIZE_KEY);
  out.num(o.size);
  writeOrderPrices(out, o.limitPrice, o.stopPrice, o.trailTicks);
  out.raw(STATUS_KEY);
  word(out, o.status);
  out.raw(FILLED_KEY);
  writeOrderFill(out, o.filledSize, o.avgFillPrice, o.createdMs);
  writeOrderExtras(out, o.parentClientOrderId, o.ocoGroup, o.tag);
  for (let i = 0; i < log.length; i += 3) writeHistoryEntry(out, i / 3, quoted(log[i] as string), log[i + 1] as number, log[i + 2] as string | undefined);
  out.raw(ORDER_END);
  return true;
}
