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
  return { words, length: bytes.length };
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
}
