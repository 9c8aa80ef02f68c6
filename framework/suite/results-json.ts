import type { JsonElementEncoder } from '../core/lazy-array.ts';
import { jsonNumber, jsonString } from '../core/json-text.ts';
import type { OrderView } from '../model/journal.ts';

/**
 * Hand-written JSON for the biggest section of a results file, the orders (17.5 MB of the 26 MB of a
 * 1M-bar sma-cross run), byte-identical to JSON.stringify of the records orderRecord builds
 * (tests/engine/results-writer.test.ts) and ~1.4x faster: no record, history array or transition
 * objects are built, repeated timestamps are formatted once, the few distinct status/side/type/symbol
 * strings are quoted once, and plain ids skip the escaping scan. An order of any other shape returns
 * undefined and the writer falls back to JSON.stringify of its record.
 * Fills and trades are written by their journals (model/journal.ts, `json(i)`), from the columns.
 */

const str = jsonString;
const num = jsonNumber;

/** Quoted forms of the few strings every order repeats (statuses, sides, types, symbols). */
const QUOTED = new Map<string, string>();

function word(s: string): string {
  let q = QUOTED.get(s);
  if (q === undefined) {
    q = str(s);
    if (QUOTED.size < 256) QUOTED.set(s, q);
  }
  return q;
}

function optStr(s: string | undefined | null): string | undefined {
  if (s === undefined || s === null) return 'null';
  return typeof s === 'string' ? str(s) : undefined;
}

/** The order record of suite/results-builder.ts (orderRecord), written straight from the order (live or journal snapshot). */
export const encodeOrderRecord: JsonElementEncoder<OrderView> = (o) => {
  const log = o.transitionLog;
  if (typeof o.clientOrderId !== 'string' || typeof o.symbol !== 'string' || typeof o.side !== 'string' || typeof o.type !== 'string' || typeof o.status !== 'string') return undefined;
  const parent = optStr(o.parentClientOrderId);
  const oco = optStr(o.ocoGroup);
  const tag = optStr(o.tag);
  if (parent === undefined || oco === undefined || tag === undefined) return undefined;
  // Transitions mostly share a time (pending, submitted and working of a market order): format once.
  let lastTs = Number.NaN;
  let lastTsText = '';
  let history = '';
  for (let i = 0; i < log.length; i += 3) {
    const status = log[i];
    const ts = log[i + 1];
    const reason = log[i + 2];
    if (typeof status !== 'string' || typeof ts !== 'number') return undefined;
    if (ts !== lastTs) {
      lastTs = ts;
      lastTsText = num(ts);
    }
    let entry = `${i === 0 ? '' : ','}{"status":${word(status)},"tsMs":${lastTsText}`;
    if (reason !== undefined) {
      if (typeof reason !== 'string') return undefined;
      entry += `,"reason":${str(reason)}`;
    }
    history += `${entry}}`;
  }
  const avg = o.avgFillPrice;
  const created = o.createdMs === lastTs ? lastTsText : num(o.createdMs);
  return (
    `{"clientOrderId":${str(o.clientOrderId)},"symbol":${word(o.symbol)},"side":${word(o.side)},"type":${word(o.type)},"size":${num(o.size)}` +
    `,"limitPrice":${num(o.limitPrice)},"stopPrice":${num(o.stopPrice)},"trailTicks":${num(o.trailTicks)},"status":${word(o.status)}` +
    `,"filledSize":${num(o.filledSize)},"avgFillPrice":${Number.isNaN(avg) ? 'null' : num(Math.round(avg * 1e6) / 1e6)},"createdMs":${created}` +
    `,"parentClientOrderId":${parent},"ocoGroup":${oco},"tag":${tag},"history":[${history}]}`
  );
};
