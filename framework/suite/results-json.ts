import { type ByteRun, type JsonSink, byteRun } from '../core/json-bytes.ts';
import type { OrderView } from '../model/journal.ts';

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

function word(out: JsonSink, s: string): void {
  let q = QUOTED.get(s);
  if (q === undefined) {
    q = byteRun(JSON.stringify(s));
    if (QUOTED.size < 256) QUOTED.set(s, q);
  }
  out.raw(q);
}

const isOptStr = (s: unknown): boolean => s === undefined || s === null || typeof s === 'string';

const R_ID = byteRun('{"clientOrderId":');
const R_SYMBOL = byteRun(',"symbol":');
const R_SIDE = byteRun(',"side":');
const R_TYPE = byteRun(',"type":');
const R_SIZE = byteRun(',"size":');
const R_LIMIT = byteRun(',"limitPrice":');
const R_STOP = byteRun(',"stopPrice":');
const R_TRAIL = byteRun(',"trailTicks":');
const R_STATUS = byteRun(',"status":');
const R_FILLED = byteRun(',"filledSize":');
const R_AVG = byteRun(',"avgFillPrice":');
const R_CREATED = byteRun(',"createdMs":');
const R_PARENT = byteRun(',"parentClientOrderId":');
const R_OCO = byteRun(',"ocoGroup":');
const R_TAG = byteRun(',"tag":');
const R_HISTORY = byteRun(',"history":[');
const H_FIRST = byteRun('{"status":');
const H_NEXT = byteRun(',{"status":');
const H_TS = byteRun(',"tsMs":');
const H_REASON = byteRun(',"reason":');
const R_END = byteRun(']}');

/** The order record of suite/results-builder.ts (orderRecord), written straight from the order (live or journal snapshot). */
export function writeOrderRecord(o: OrderView, out: JsonSink): boolean {
  const log = o.transitionLog;
  if (typeof o.clientOrderId !== 'string' || typeof o.symbol !== 'string' || typeof o.side !== 'string' || typeof o.type !== 'string' || typeof o.status !== 'string') return false;
  if (!isOptStr(o.parentClientOrderId) || !isOptStr(o.ocoGroup) || !isOptStr(o.tag)) return false;
  for (let i = 0; i < log.length; i += 3) {
    if (typeof log[i] !== 'string' || typeof log[i + 1] !== 'number' || !(log[i + 2] === undefined || typeof log[i + 2] === 'string')) return false;
  }
  out.raw(R_ID);
  out.str(o.clientOrderId);
  out.raw(R_SYMBOL);
  word(out, o.symbol);
  out.raw(R_SIDE);
  word(out, o.side);
  out.raw(R_TYPE);
  word(out, o.type);
  out.raw(R_SIZE);
  out.num(o.size);
  out.raw(R_LIMIT);
  out.num(o.limitPrice);
  out.raw(R_STOP);
  out.num(o.stopPrice);
  out.raw(R_TRAIL);
  out.num(o.trailTicks);
  out.raw(R_STATUS);
  word(out, o.status);
  out.raw(R_FILLED);
  out.num(o.filledSize);
  out.raw(R_AVG);
  out.num(Math.round(o.avgFillPrice * 1e6) / 1e6); // NaN (never filled) is written null
  out.raw(R_CREATED);
  out.num(o.createdMs);
  out.raw(R_PARENT);
  out.optStr(o.parentClientOrderId);
  out.raw(R_OCO);
  out.optStr(o.ocoGroup);
  out.raw(R_TAG);
  out.optStr(o.tag);
  out.raw(R_HISTORY);
  for (let i = 0; i < log.length; i += 3) {
    out.raw(i === 0 ? H_FIRST : H_NEXT);
    word(out, log[i] as string);
    out.raw(H_TS);
    out.num(log[i + 1] as number);
    const reason = log[i + 2];
    if (reason !== undefined) {
      out.raw(H_REASON);
      out.str(reason as string);
    }
    out.char(0x7d);
  }
  out.raw(R_END);
  return true;
}
