/**
 * JSON text written as UTF-8 bytes straight into a growing buffer, for the results file's big
 * sections (orders, fills, trades: tens of MB on a 1M-bar run). Numbers and strings come out exactly
 * as JSON.stringify writes them (tests/engine/json-bytes.test.ts checks them against it).
 *
 * Why bytes and not strings: building each record's text by string concatenation, then flattening
 * the rope and encoding it to UTF-8 for the write, was ~80% of writing a results file. Here the
 * digits of a number go straight into the buffer, constant runs of a record are copied from
 * pre-encoded bytes, and nothing is allocated per record: a warm 1M-bar results file (27 MB) is
 * written in ~65-75 ms instead of ~105-120. Until the JIT has optimized these small methods they
 * run slower than V8's native string builtins did, so the first write of a process gains less.
 */
export class JsonSink {
  private buf: Uint8Array;
  private view: DataView;
  /** Bytes written so far (the text is buf[0, pos)). */
  pos = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(64, capacity));
    this.view = new DataView(this.buf.buffer);
  }

  /** The bytes written so far (a view: valid until the next write or reset). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** The text written so far. */
  toString(): string {
    return DECODER.decode(this.buf.subarray(0, this.pos));
  }

  /** Forget what was written (keeps the buffer). */
  reset(): void {
    this.pos = 0;
  }

  /** Room for n more bytes (and 8 bytes of slack: word stores may write past the end of their text). */
  private room(n: number): void {
    if (this.pos + n + 8 > this.buf.length) this.grow(n + 8);
  }

  private grow(n: number): void {
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }

  /**
   * A constant run of a record (see `byteRun`), copied four bytes per store: a byte loop cost ~6
   * instructions a byte, and a copy call (buf.set) more than the copy for runs of 5-60 bytes.
   */
  raw(run: ByteRun): void {
    const words = run.words;
    const n = words.length;
    this.room(n * 4);
    const v = this.view;
    let p = this.pos;
    this.pos = p + run.length;
    for (let k = 0; k < n; k++, p += 4) v.setInt32(p, words[k], true);
  }

  /** Bytes [from, to) already written, once more (a number's digits that repeat in a record). */
  copy(from: number, to: number): void {
    this.room(to - from);
    const v = this.view;
    let p = this.pos;
    this.pos = p + to - from;
    for (let i = from; i < to; i += 4, p += 4) v.setInt32(p, v.getInt32(i, true), true);
  }

  /** One ASCII character by code. */
  char(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }

  /** Any string, as UTF-8 (not quoted). */
  text(s: string): void {
    const n = s.length;
    this.room(n * 3);
    if (n > 64) {
      // Long text (JSON.stringify of the small sections): V8's own encoder.
      this.pos += ENCODER.encodeInto(s, this.buf.subarray(this.pos)).written;
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = p;
        this.pos += ENCODER.encodeInto(s.substring(i), buf.subarray(p)).written;
        return;
      }
      buf[p++] = c;
    }
    this.pos = p;
  }

  /** JSON.stringify(s). */
  str(s: string): void {
    const n = s.length;
    this.room(n + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // Printable ASCII but '"' and '\' needs no escape; anything else goes through JSON.stringify.
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.text(JSON.stringify(s));
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 0x22;
    this.pos = p;
  }

  /** A whole number 0 <= x < 2^31, in decimal. */
  uint(x: number): void {
    const n = x | 0;
    const digits = digitCount(n);
    this.room(digits);
    const end = this.pos + digits;
    this.pos = end;
    this.digitsBefore(end, n);
  }

  /**
   * The decimal digits of n (int32, >= 0) into the bytes ending at `end`: four at a time from the
   * 10,000-entry table (one int32 store), then the leading one to four two at a time (plain byte
   * stores). Two digits a step with int32 divisions cost ~3x more per epoch-ms timestamp.
   */
  private digitsBefore(end: number, n: number): void {
    const b = this.buf;
    let p = end;
    if (n >= 10_000) {
      const v = this.view;
      do {
        const q = (n / 10_000) | 0;
        p -= 4;
        v.setInt32(p, FOUR[n - q * 10_000], true);
        n = q;
      } while (n >= 10_000);
    }
    if (n >= 100) {
      const q = (n / 100) | 0;
      const r = n - q * 100;
      b[--p] = ONES[r];
      b[--p] = TENS[r];
      n = q;
    }
    if (n >= 10) {
      b[--p] = ONES[n];
      b[--p] = TENS[n];
    } else b[--p] = 48 + n;
  }

  /** JSON.stringify(x) of a number: its ToString when finite, null otherwise. */
  num(x: number): void {
    // The sign is written branch-free ('-' always stored, kept only when negative): a branch first
    // taken mid-write (the first negative PnL) had no type feedback and deoptimized num.
    if ((x | 0) === x && x !== -2147483648) {
      // Small whole numbers (sizes, counts, ticks; -0 is written 0 like JSON.stringify).
      const n = Math.abs(x) | 0;
      const digits = digitCount(n);
      this.room(digits + 1);
      let p = this.pos;
      this.buf[p] = 0x2d;
      p += x < 0 ? 1 : 0;
      const end = p + digits;
      this.pos = end;
      this.digitsBefore(end, n);
      return;
    }
    const neg = x < 0;
    if (Math.floor(x) === x) {
      // Whole numbers of 10 to 16 digits (epoch milliseconds): two int32 halves, one room check.
      const a = Math.abs(x);
      if (a < 1e16) {
        let hi = Math.floor(a / 1e8);
        let lo = a - hi * 1e8; // exact: both terms are integers below 2^53
        if (lo < 0) {
          hi -= 1;
          lo += 1e8;
        } else if (lo >= 1e8) {
          hi += 1;
          lo -= 1e8;
        }
        // a >= 2^31 here, so hi >= 21; lo takes exactly 8 digits (leading zeros).
        const dh = digitCount(hi);
        this.room(dh + 9);
        let p = this.pos;
        this.buf[p] = 0x2d;
        p += neg ? 1 : 0;
        const end = p + dh + 8;
        this.pos = end;
        const l = lo | 0;
        const lh = (l / 10_000) | 0;
        this.four(end - 4, l - lh * 10_000);
        this.four(end - 8, lh);
        this.digitsBefore(end - 8, hi | 0);
        return;
      }
    } else if (x > -1e9 && x < 1e9) {
      // Prices, PnL and fees are mostly whole cents: 21000.25, -13.5, 0.37. When x is exactly the
      // double nearest to c/100 and |x| < 10^9 (doubles there are ~1e-7 apart, so no shorter decimal
      // maps to x), ToString(x) is the cents with trailing zeros dropped.
      const c = Math.round(x * 100);
      if (c / 100 === x) {
        const a = Math.abs(c); // up to 10^11: not an int32
        const whole = Math.floor(a / 100) | 0;
        const cents = (a - whole * 100) | 0;
        const dw = digitCount(whole);
        this.room(dw + 4);
        const b = this.buf;
        let p = this.pos;
        b[p] = 0x2d;
        p += neg ? 1 : 0;
        const end = p + dw;
        this.digitsBefore(end, whole);
        b[end] = 0x2e;
        b[end + 1] = TENS[cents];
        const last = ONES[cents];
        b[end + 2] = last;
        this.pos = end + (last === 48 ? 2 : 3); // ".5", not ".50"
        return;
      }
    }
    this.text(Number.isFinite(x) ? String(x) : 'null');
  }

  /**
   * Records [from, to) of a journal's row blocks (`blocks[i >> shift]`, `width` numbers a record from
   * `(i & (2^shift - 1)) * width`), joined by commas, each as `layout` spells it; a record the layout
   * cannot write (its guard column is not 1, or an id is not a plain prefix and a number) is written by
   * `fallback(i, this)`.
   *
   * Why one loop that does everything inline: at the end of a run the results file's encoders start
   * cold. Written through ~20 small methods (raw, num, room, digits...) per record, the first ~2,000
   * orders of a 1M-bar run took ~8 µs each in the interpreter and the section ~35-50 ms more than warm
   * (timed per 2,000 records). Here the work of a record is one pass of one loop, whose only call
   * is digitsBefore per number: cheap in the interpreter and baseline code, compiled on stack
   * replacement after a few hundred records, and, shared by the orders, fills and trades, already hot
   * for the sections after the first. Numbers follow `num` exactly (its fast paths inline; anything
   * else goes through `num`).
   */
  rows(
    blocks: readonly (Float64Array | undefined)[],
    shift: number,
    width: number,
    layout: RowLayout,
    from: number,
    to: number,
    fallback: (i: number, out: JsonSink) => void,
  ): void {
    const steps = layout.steps;
    const nSteps = steps.length;
    const idSteps = layout.idSteps;
    const runs = layout.runs;
    const picks = layout.picks;
    const ids = layout.ids;
    const guard = layout.guardColumn;
    const mask = (1 << shift) - 1;
    let buf = this.buf;
    let view = this.view;
    let p = this.pos;
    for (let i = from; i < to; i++) {
      const a = blocks[i >> shift];
      const at = (i & mask) * width;
      let fast = a !== undefined && (guard < 0 || a[at + guard] === 1);
      for (let k = 0; fast && k < idSteps.length; k++) {
        const s = idSteps[k];
        const v = a![at + steps[s + 1]] - 1;
        fast = v >= 0 && ids[steps[s + 2]][Math.floor(v / 1e9)] !== undefined;
      }
      if (!fast) {
        this.pos = p;
        if (i !== from) this.char(0x2c);
        fallback(i, this);
        p = this.pos;
        buf = this.buf;
        view = this.view;
        continue;
      }
      if (p + 9 > buf.length) {
        this.pos = p;
        this.grow(9);
        buf = this.buf;
        view = this.view;
      }
      if (i !== from) buf[p++] = 0x2c;
      for (let s = 0; s < nSteps; s += 3) {
        const kind = steps[s];
        // A number to write: sign, whole part (int32), then a tail: none, 8 fixed digits, cents or a quote.
        let neg = false;
        let w = 0;
        let tail = TAIL_NONE;
        let t = 0;
        if (kind === ROW_RUN || kind === ROW_PICK || kind === ROW_ID) {
          let run: ByteRun;
          if (kind === ROW_RUN) run = runs[steps[s + 1]];
          else if (kind === ROW_PICK) run = picks[steps[s + 2]][a![at + steps[s + 1]]];
          else {
            const v = a![at + steps[s + 1]] - 1;
            const code = Math.floor(v / 1e9);
            run = ids[steps[s + 2]][code]!;
            w = (v - code * 1e9) | 0;
            tail = TAIL_QUOTE;
          }
          const words = run.words;
          const n = words.length;
          if (p + n * 4 + 40 > buf.length) {
            this.pos = p;
            this.grow(n * 4 + 40);
            buf = this.buf;
            view = this.view;
          }
          if (n > 6) buf.set(run.bytes, p); // one call: in the interpreter and baseline code a store is a call each
          else for (let k = 0, q = p; k < n; k++, q += 4) view.setInt32(q, words[k], true);
          p += run.length;
          if (kind !== ROW_ID) continue;
        } else {
          let x = a![at + steps[s + 1]];
          if (kind === ROW_NUM6) x = Math.round(x * 1e6) / 1e6;
          if (p + 40 > buf.length) {
            this.pos = p;
            this.grow(40);
            buf = this.buf;
            view = this.view;
          }
          if (x !== x) {
            // NaN (a missing price, no risk amount): null.
            view.setInt32(p, NULL.words[0], true);
            p += 4;
            continue;
          }
          neg = x < 0;
          if ((x | 0) === x && x !== -2147483648) w = Math.abs(x) | 0;
          else {
            const ax = Math.abs(x);
            if (Math.floor(x) === x && ax < 1e16) {
              let hi = Math.floor(ax / 1e8);
              let lo = ax - hi * 1e8;
              if (lo < 0) {
                hi -= 1;
                lo += 1e8;
              } else if (lo >= 1e8) {
                hi += 1;
                lo -= 1e8;
              }
              w = hi | 0;
              t = lo | 0;
              tail = TAIL_EIGHT;
            } else {
              const c = Math.round(x * 100);
              if (Math.floor(x) !== x && x > -1e9 && x < 1e9 && c / 100 === x) {
                const ac = Math.abs(c);
                w = Math.floor(ac / 100) | 0;
                t = (ac - w * 100) | 0;
                tail = TAIL_CENTS;
              } else {
                this.pos = p;
                this.num(x);
                p = this.pos;
                buf = this.buf;
                view = this.view;
                continue;
              }
            }
          }
        }
        // The number: '-' is stored always and kept only when negative (no branch to deoptimize on).
        buf[p] = 0x2d;
        p += neg ? 1 : 0;
        const d = w < 100 ? (w < 10 ? 1 : 2) : w < 10_000 ? (w < 1000 ? 3 : 4) : w < 1_000_000 ? (w < 100_000 ? 5 : 6) : w < 100_000_000 ? (w < 10_000_000 ? 7 : 8) : w < 1_000_000_000 ? 9 : 10;
        p += d;
        this.digitsBefore(p, w);
        if (tail === TAIL_EIGHT) {
          const h = (t / 10_000) | 0;
          view.setInt32(p, FOUR[h], true);
          view.setInt32(p + 4, FOUR[t - h * 10_000], true);
          p += 8;
        } else if (tail === TAIL_CENTS) {
          buf[p] = 0x2e;
          buf[p + 1] = TENS[t];
          const last = ONES[t];
          buf[p + 2] = last;
          p += last === 48 ? 2 : 3; // ".5", not ".50"
        } else if (tail === TAIL_QUOTE) buf[p++] = 0x22;
      }
    }
    this.pos = p;
  }

  /** 0 <= n < 10^4 as exactly four digits at p (one store from the table). */
  private four(p: number, n: number): void {
    this.view.setInt32(p, FOUR[n], true);
  }

  /** JSON of an optional string: null when undefined or null. */
  optStr(s: string | undefined | null): void {
    if (s === undefined || s === null) this.raw(NULL);
    else this.str(s);
  }
}

/** A constant run of text as little-endian 32-bit words of its UTF-8 bytes (zero-padded). */
export interface ByteRun {
  readonly words: Int32Array;
  readonly length: number;
  /** The UTF-8 bytes themselves (JsonSink.rows copies long runs with one `set`). */
  readonly bytes: Uint8Array;
}

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

/** Decimal digits of an int32 n >= 0. */
function digitCount(n: number): number {
  return n < 100 ? (n < 10 ? 1 : 2) : n < 10_000 ? (n < 1000 ? 3 : 4) : n < 1_000_000 ? (n < 100_000 ? 5 : 6) : n < 100_000_000 ? (n < 10_000_000 ? 7 : 8) : n < 1_000_000_000 ? 9 : 10;
}

/** The tens and ones digit (ASCII) of 0..99. */
const TENS = new Uint8Array(100);
const ONES = new Uint8Array(100);
for (let i = 0; i < 100; i++) {
  TENS[i] = 48 + ((i / 10) | 0);
  ONES[i] = 48 + (i % 10);
}

/** The four ASCII digits of 0..9999 with leading zeros, as a little-endian int32 (40 KB). */
const FOUR = new Int32Array(10_000);
for (let i = 0; i < 10_000; i++) {
  const hi = (i / 100) | 0;
  const lo = i - hi * 100;
  FOUR[i] = TENS[hi] | (ONES[hi] << 8) | (TENS[lo] << 16) | (ONES[lo] << 24);
}

/** The text `write` writes (for tests and small records; the results writer streams a sink). */
export function jsonText(write: (out: JsonSink) => void): string {
  const out = new JsonSink(256);
  write(out);
  return out.toString();
}

/** A constant run of text, for JsonSink.raw. */
export function byteRun(s: string): ByteRun {
  const bytes = ENCODER.encode(s);
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const words = new Int32Array(padded.length / 4);
  const v = new DataView(padded.buffer);
  for (let k = 0; k < words.length; k++) words[k] = v.getInt32(k * 4, true);
  return { words, length: bytes.length, bytes };
}

/** Kinds of a RowLayout step (JsonSink.rows). */
export const ROW_RUN = 0;
/** A number column, written as JSON.stringify writes it. */
export const ROW_NUM = 1;
/** A column whose value picks a constant run from a table. */
export const ROW_PICK = 2;
/** A packed id column (model/seq-id-codec.ts): the opening `"prefix` by code, the number, `"`. */
export const ROW_ID = 3;
/** A number column rounded to 6 decimals first (Math.round(x * 1e6) / 1e6). */
export const ROW_NUM6 = 4;
const TAIL_NONE = 0;
const TAIL_EIGHT = 1;
const TAIL_CENTS = 2;
const TAIL_QUOTE = 3;

/** How JsonSink.rows writes one record of a journal's columns: steps of (kind, column or run, table). */
export interface RowLayout {
  /** (kind, arg, table) triples: ROW_RUN arg = index in runs; the others arg = column, table = index in picks / ids. */
  readonly steps: Int32Array;
  /** Indexes in `steps` of the ROW_ID steps (checked before a record is written). */
  readonly idSteps: Int32Array;
  readonly runs: readonly ByteRun[];
  /** ROW_PICK tables: a run per column value (live arrays: they may grow during a run). */
  readonly picks: readonly (readonly ByteRun[])[];
  /** ROW_ID tables: the `"prefix` run per prefix code, undefined when the prefix needs escaping (live arrays). */
  readonly ids: readonly (readonly (ByteRun | undefined)[])[];
  /** A record is written by the layout only when this column holds 1 (-1: always). */
  readonly guardColumn: number;
}

/** One step of rowLayout: constant text, or a column to write. */
export type RowStep =
  | string
  | { readonly num: number; readonly round6?: boolean }
  | { readonly pick: number; readonly from: readonly ByteRun[] }
  | { readonly id: number; readonly from: readonly (ByteRun | undefined)[] };

/** A RowLayout from its steps (text and columns in record order); adjacent texts are merged. */
export function rowLayout(stepsIn: readonly RowStep[], guardColumn = -1): RowLayout {
  const steps: number[] = [];
  const idSteps: number[] = [];
  const runs: ByteRun[] = [];
  const picks: (readonly ByteRun[])[] = [];
  const ids: (readonly (ByteRun | undefined)[])[] = [];
  let text = '';
  const flushText = (): void => {
    if (text === '') return;
    steps.push(ROW_RUN, runs.length, 0);
    runs.push(byteRun(text));
    text = '';
  };
  for (const st of stepsIn) {
    if (typeof st === 'string') {
      text += st;
      continue;
    }
    flushText();
    if ('num' in st) steps.push(st.round6 === true ? ROW_NUM6 : ROW_NUM, st.num, 0);
    else if ('pick' in st) {
      steps.push(ROW_PICK, st.pick, picks.length);
      picks.push(st.from);
    } else {
      idSteps.push(steps.length);
      steps.push(ROW_ID, st.id, ids.length);
      ids.push(st.from);
    }
  }
  flushText();
  return { steps: Int32Array.from(steps), idSteps: Int32Array.from(idSteps), runs, picks, ids, guardColumn };
}

const NULL = byteRun('null');

/**
 * Every branch of the number and string writers once at load, so the optimizing compiler has seen
 * them all: a branch first taken in the middle of a results file (the first null riskAmount, the
 * first escaped tag) deoptimized the writer, and everything that had inlined it, mid-write. A few
 * microseconds, once per process.
 */
{
  const s = new JsonSink(256);
  const xs = [0, 7, 42, 123, 1_234_567, -3, -123_456, 1_700_000_000_000, -1_700_000_000_000, 21_000.25, 0.5, -14.74, -0.37, 0.1 + 0.2, Number.NaN, Infinity, 1e21];
  const strs = ['', 'MNQ', 'a"b', 'é', 'x'.repeat(80)];
  for (let k = 0; k < 3; k++) {
    for (const x of xs) s.num(x);
    for (const t of strs) {
      s.str(t);
      s.text(t);
      s.optStr(t);
    }
    s.optStr(undefined);
    s.reset();
  }
  // JsonSink.rows: every kind of step and both outcomes of the guard (a record by the fallback).
  const layout = rowLayout(['{"a":', { num: 0 }, ',"b":', { num: 1, round6: true }, ',"c":', { pick: 2, from: [byteRun('"x"'), byteRun('"a much longer constant run"')] }, ',"d":', { id: 3, from: [byteRun('"O'), undefined] }, '}'], 4);
  const rowsIn = new Float64Array(5 * xs.length);
  for (let i = 0; i < xs.length; i++) rowsIn.set([xs[i], -xs[i] / 3, i & 1, i === 1 ? 1e9 + 2 : 1 + i, i === 2 ? 0 : 1], i * 5);
  for (let k = 0; k < 3; k++) {
    s.rows([rowsIn], 5, 5, layout, 0, xs.length, (_i, o) => o.char(0x30));
    s.reset();
  }
}
