import { DataError } from '../core/errors.ts';
import { makeInstrument, type Instrument } from '../model/instrument.ts';
import type { SessionSpec } from '../model/session-calendar.ts';
import { Bar, DepthUpdate, Quote, TradeTick, type Aggressor, type DepthKind, type DepthLevel, type MarketEvent } from '../model/market-data.ts';

/**
 * The recording format: newline-delimited JSON, one compact record per line, first line a header.
 *
 *   {"k":"h","v":1,"startedAtMs":..,"symbols":["MNQ"],"instruments":[{..Instrument..}],"meta":{..}}
 *   {"k":"q","s":"MNQ","t":tsMs,"r":receivedMs,"b":bid,"a":ask,"bs":bidSize,"as":askSize,"l":last}
 *   {"k":"t","s":"MNQ","t":tsMs,"r":receivedMs,"p":price,"z":sizeContracts,"g":"b"|"s"|"u"}
 *   {"k":"d","s":"MNQ","t":tsMs,"r":receivedMs,"L":[["bid",price,size],...]}
 *   {"k":"b","s":"MNQ","t":tsMs,"o":..,"h":..,"l":..,"c":..,"v":..}
 *
 * Numbers are written with JavaScript's shortest round-trip form, so every value reads back exactly;
 * NaN (a size the venue did not send) is written as null and read back as NaN.
 */
export const RECORDING_SCHEMA = 1;

export interface RecordingHeader {
  readonly schema: number;
  /** Epoch ms at which the recording started (from the caller's Clock). */
  readonly startedAtMs: number;
  readonly symbols: readonly string[];
  /** Contract specs of the recorded instruments, so a replay needs nothing else. */
  readonly instruments: readonly Instrument[];
  readonly meta: Readonly<Record<string, unknown>>;
}

const symbolJson = new Map<string, string>();
function sym(s: string): string {
  let j = symbolJson.get(s);
  if (j === undefined) {
    j = JSON.stringify(s);
    if (symbolJson.size < 10_000) symbolJson.set(s, j);
  }
  return j;
}

/** A number as JSON; non-finite values become null. */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

const AGGRESSOR_CODE: Record<Aggressor, string> = { buy: 'b', sell: 's', unknown: 'u' };
const AGGRESSOR_FROM_CODE: Record<string, Aggressor> = { b: 'buy', s: 'sell', u: 'unknown' };
const DEPTH_KINDS: ReadonlySet<string> = new Set<DepthKind>(['bid', 'ask', 'best-bid', 'best-ask', 'trade', 'reset', 'session-low', 'session-high', 'fill', 'unknown']);

export function encodeHeader(h: RecordingHeader): string {
  return JSON.stringify({ k: 'h', v: h.schema, startedAtMs: h.startedAtMs, symbols: h.symbols, instruments: h.instruments, meta: h.meta });
}

export function encodeQuote(q: Quote): string {
  return `{"k":"q","s":${sym(q.symbol)},"t":${num(q.tsMs)},"r":${num(q.receivedMs)},"b":${num(q.bid)},"a":${num(q.ask)},"bs":${num(q.bidSize)},"as":${num(q.askSize)},"l":${num(q.last)}}`;
}

export function encodeTrade(t: TradeTick): string {
  return `{"k":"t","s":${sym(t.symbol)},"t":${num(t.tsMs)},"r":${num(t.receivedMs)},"p":${num(t.price)},"z":${num(t.size)},"g":"${AGGRESSOR_CODE[t.aggressor] ?? 'u'}"}`;
}

export function encodeDepth(d: DepthUpdate): string {
  let levels = '';
  for (let i = 0; i < d.levels.length; i++) {
    const l = d.levels[i];
    levels += `${i === 0 ? '' : ','}[${JSON.stringify(l.kind)},${num(l.price)},${num(l.size)}]`;
  }
  return `{"k":"d","s":${sym(d.symbol)},"t":${num(d.tsMs)},"r":${num(d.receivedMs)},"L":[${levels}]}`;
}

export function encodeBar(b: Bar): string {
  return `{"k":"b","s":${sym(b.symbol)},"t":${num(b.tsMs)},"o":${num(b.open)},"h":${num(b.high)},"l":${num(b.low)},"c":${num(b.close)},"v":${num(b.volume)}}`;
}

export function encodeEvent(ev: MarketEvent): string {
  switch (ev.kind) {
    case 'quote':
      return encodeQuote(ev.quote);
    case 'trade':
      return encodeTrade(ev.trade);
    case 'depth':
      return encodeDepth(ev.depth);
    case 'bar':
      return encodeBar(ev.bar);
  }
}

/** Thrown inside decoding; the caller adds file and line. */
class BadRecord extends Error {}

function parseObject(line: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new BadRecord('not valid JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BadRecord('not a JSON object');
  return v as Record<string, unknown>;
}

/** A required finite number. */
function req(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadRecord(`field "${key}" must be a finite number`);
  return v;
}

/** An optional number: null or absent reads as NaN. */
function opt(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v !== 'number') throw new BadRecord(`field "${key}" must be a number or null`);
  return v;
}

function str(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) throw new BadRecord(`field "${key}" must be a non-empty string`);
  return v;
}

function decodeLevels(v: unknown): DepthLevel[] {
  if (!Array.isArray(v)) throw new BadRecord('field "L" must be an array of [kind, price, size]');
  return v.map((l: unknown) => {
    if (!Array.isArray(l) || l.length !== 3 || typeof l[0] !== 'string' || !DEPTH_KINDS.has(l[0])) throw new BadRecord('depth level must be [kind, price, size]');
    const price = l[1] === null ? Number.NaN : l[1];
    const size = l[2] === null ? Number.NaN : l[2];
    if (typeof price !== 'number' || typeof size !== 'number') throw new BadRecord('depth level price and size must be numbers');
    return { kind: l[0] as DepthKind, price, size };
  });
}

function decodeObject(o: Record<string, unknown>): MarketEvent {
  switch (o.k) {
    case 'q':
      return { kind: 'quote', quote: new Quote(str(o, 's'), req(o, 't'), opt(o, 'b'), opt(o, 'a'), opt(o, 'bs'), opt(o, 'as'), opt(o, 'l'), opt(o, 'r')) };
    case 't': {
      const g = AGGRESSOR_FROM_CODE[o.g as string];
      if (g === undefined) throw new BadRecord('field "g" must be "b", "s" or "u"');
      return { kind: 'trade', trade: new TradeTick(str(o, 's'), req(o, 't'), req(o, 'p'), req(o, 'z'), g, opt(o, 'r')) };
    }
    case 'd':
      return { kind: 'depth', depth: new DepthUpdate(str(o, 's'), req(o, 't'), decodeLevels(o.L), opt(o, 'r')) };
    case 'b':
      return { kind: 'bar', bar: new Bar(str(o, 's'), req(o, 't'), req(o, 'o'), req(o, 'h'), req(o, 'l'), req(o, 'c'), req(o, 'v')) };
    default:
      throw new BadRecord(`unknown record kind ${JSON.stringify(o.k)}`);
  }
}

/** One event line -> MarketEvent; DataError with file:line when it is not a valid record. */
export function decodeEventLine(line: string, file: string, lineNo: number): MarketEvent {
  try {
    return decodeObject(parseObject(line));
  } catch (err) {
    if (err instanceof BadRecord) {
      throw new DataError(`corrupt recording record: ${err.message}`, { file, line: lineNo, hint: 'the file was modified or damaged; cut it before this line to keep the rest' });
    }
    throw err;
  }
}

/** True when the line is a complete, valid event record (used to judge an unterminated last line). */
export function isValidEventLine(line: string): boolean {
  try {
    decodeObject(parseObject(line));
    return true;
  } catch {
    return false;
  }
}

/** The header line; DataError when it is missing, malformed or from a newer schema. */
export function decodeHeaderLine(line: string | undefined, file: string): RecordingHeader {
  const fail = (why: string, hint = 'is this a market recording (.ndjson written by MarketRecorder)?') => new DataError(`bad recording header: ${why}`, { file, line: 1, hint });
  if (line === undefined) throw fail('the file is empty');
  let o: Record<string, unknown>;
  try {
    o = parseObject(line);
  } catch {
    throw fail('not a JSON object');
  }
  if (o.k !== 'h') throw fail('the first line is not a header record');
  const v = o.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw fail('missing schema version');
  if (v > RECORDING_SCHEMA) throw fail(`schema ${v} is newer than this reader (${RECORDING_SCHEMA})`, 'upgrade projectx-ts to read it');
  if (!Array.isArray(o.symbols) || !o.symbols.every((s) => typeof s === 'string')) throw fail('"symbols" must be an array of strings');
  const startedAtMs = typeof o.startedAtMs === 'number' ? o.startedAtMs : Number.NaN;
  const rawInstruments: unknown[] = Array.isArray(o.instruments) ? o.instruments : [];
  const instruments = rawInstruments.map((raw) => {
    const i = raw as Record<string, unknown>;
    if (typeof i !== 'object' || i === null || typeof i.symbol !== 'string' || typeof i.tickSize !== 'number' || typeof i.tickValue !== 'number') {
      throw fail('"instruments" entries need symbol, tickSize and tickValue');
    }
    // Rebuilt through makeInstrument: JSON drops undefined fields and pointValue is derived.
    return makeInstrument({
      symbol: i.symbol,
      tickSize: i.tickSize,
      tickValue: i.tickValue,
      description: typeof i.description === 'string' ? i.description : undefined,
      contractId: typeof i.contractId === 'string' ? i.contractId : undefined,
      currency: typeof i.currency === 'string' ? i.currency : undefined,
      session: typeof i.session === 'object' && i.session !== null ? (i.session as SessionSpec) : undefined,
      gatewayRoot: typeof i.gatewayRoot === 'string' ? i.gatewayRoot : undefined,
    });
  });
  const meta = typeof o.meta === 'object' && o.meta !== null ? (o.meta as Record<string, unknown>) : {};
  return { schema: v, startedAtMs, symbols: o.symbols as string[], instruments, meta };
}
