import { type ByteRun, type JsonSink, byteRun } from '../core/json-bytes.ts';

/**
 * Id strings kept as numbers in the journals: an id made of a prefix and a decimal number (`O17`,
 * `F3`, `SIM-12`) becomes one number (prefix code and the number); the journal keeps any other id as
 * a string on the side.
 *
 * Why: a journal that keeps the id strings of every order and fill keeps ~3 small strings per order
 * alive, each copied by the young-generation collector and then promoted (on a 1M-bar run with 39k
 * orders, most of what the scavenges copied). As numbers in the journal's columns they die young; the
 * text is rebuilt only for the results file.
 */
export class SeqIdCodec {
  private readonly prefixes: string[] = [];
  /** `"` + prefix as bytes, when the prefix needs no JSON escape (then an id's JSON is this + number + `"`). */
  private readonly openQuote: (ByteRun | undefined)[] = [];
  private readonly codes = new Map<string, number>();
  private lastPrefix = '';
  private lastCode = -1;

  /** The id as a number >= 1, or 0 when it is not a prefix plus a canonical decimal of 1 to 9 digits. */
  encode(id: string): number {
    const len = id.length;
    let k = len;
    while (k > 0) {
      const c = id.charCodeAt(k - 1);
      if (c < 48 || c > 57) break;
      k--;
    }
    const digits = len - k;
    if (digits === 0 || digits > 9 || id.charCodeAt(k) === 48) return 0;
    let n = 0;
    for (let i = k; i < len; i++) n = n * 10 + (id.charCodeAt(i) - 48);
    let code: number;
    if (k === this.lastPrefix.length && id.startsWith(this.lastPrefix)) code = this.lastCode;
    else {
      const prefix = id.slice(0, k);
      code = this.codes.get(prefix) ?? this.addPrefix(prefix);
      this.lastPrefix = prefix;
      this.lastCode = code;
    }
    return 1 + code * 1e9 + n;
  }

  /** `"` + prefix as bytes by prefix code, undefined where the prefix needs escaping (a live array). */
  get openQuotes(): readonly (ByteRun | undefined)[] {
    return this.openQuote;
  }

  /** The id a number from encode stands for. */
  decode(packed: number): string {
    const p = packed - 1;
    const code = Math.floor(p / 1e9);
    return this.prefixes[code] + String(p - code * 1e9);
  }

  /** JSON.stringify(decode(packed)) into `out`, without building the id when its prefix is plain. */
  writeJson(packed: number, out: JsonSink): void {
    const p = packed - 1;
    const code = Math.floor(p / 1e9);
    const open = this.openQuote[code];
    if (open === undefined) out.str(this.decode(packed));
    else {
      out.raw(open);
      out.uint(p - code * 1e9);
      out.char(0x22);
    }
  }

  private addPrefix(prefix: string): number {
    const code = this.prefixes.length;
    this.prefixes.push(prefix);
    this.openQuote.push(/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(prefix) ? byteRun(`"${prefix}`) : undefined);
    this.codes.set(prefix, code);
    return code;
  }
}

/** An id column of a journal: numbers from a SeqIdCodec, the ids it cannot encode in a sparse map. */
export class IdColumn {
  private readonly codec = new SeqIdCodec();
  private readonly raw = new Map<number, string>();

  /** The number to store for `id` of record i (-1: kept in the map). */
  store(i: number, id: string): number {
    const packed = this.codec.encode(id);
    if (packed > 0) return packed;
    this.raw.set(i, id);
    return -1;
  }

  /** SeqIdCodec.openQuotes of the ids stored as numbers. */
  get openQuotes(): readonly (ByteRun | undefined)[] {
    return this.codec.openQuotes;
  }

  /** The id of record i from its stored number. */
  id(i: number, stored: number): string {
    return stored > 0 ? this.codec.decode(stored) : this.raw.get(i)!;
  }

  /** JSON of the id of record i, into `out`. */
  writeJson(i: number, stored: number, out: JsonSink): void {
    if (stored > 0) this.codec.writeJson(stored, out);
    else out.str(this.raw.get(i)!);
  }
}
