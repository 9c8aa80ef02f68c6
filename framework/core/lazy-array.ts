import type { JsonSink } from './json-bytes.ts';

/**
 * Array sections built on first read. A 1M-bar backtest has ~40k orders; building their records
 * (record + history array + one object per transition) up front made ~300k long-lived objects that the
 * garbage collector copied and marked, and that the results file writer then only read once. With
 * `defineLazyArray` the section is an ordinary enumerable property of the results object (reading it,
 * JSON.stringify, deep equality and spreading all see the built array), while a writer that asks
 * `lazyArraySource` first can stream the records chunk by chunk without keeping them.
 */
export interface LazyArraySource<R> {
  readonly length: number;
  /** Records [from, to), freshly built. */
  slice(from: number, to: number): R[];
  /**
   * Write the JSON of records [from, to) joined by commas, without brackets, exactly as
   * JSON.stringify would write them: with the section's element writer where it knows the element,
   * else JSON.stringify of the built record.
   */
  writeJson(out: JsonSink, from: number, to: number): void;
}

/**
 * Write the JSON text of one element exactly as JSON.stringify writes it and return true, or write
 * nothing and return false when the element is not of the shape the writer knows (JSON.stringify of
 * the built record is written instead).
 */
export type JsonElementWriter<S> = (s: S, out: JsonSink) => boolean;

/** What a lazy section reads: an array, or anything with a length and an element getter (journals). */
export interface IndexedSource<S> {
  readonly length: number;
  at(i: number): S | undefined;
}

const SOURCES = new WeakMap<object, Map<string, LazyArraySource<unknown>>>();

/**
 * Define `target[key]` as the array `source[0..n).map(build)` (n = source.length now), built on the
 * first read and then stored as a plain data property.
 */
export function defineLazyArray<S, R>(
  target: object,
  key: string,
  source: IndexedSource<S>,
  build: (s: S) => R,
  /** Writes the JSON of the record built from one source item (absent or false: JSON.stringify(build(s))). */
  write?: JsonElementWriter<S>,
  /**
   * Writes the JSON of records [from, to) joined by commas in one call (a journal's loop: JsonSink.rows);
   * the results writer then calls it once per chunk instead of `write` once per record.
   */
  writeRange?: (out: JsonSink, from: number, to: number) => void,
): void {
  const n = source.length;
  const settle = (value: unknown): void => {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    SOURCES.get(target)?.delete(key);
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const built = new Array<R>(n);
      for (let i = 0; i < n; i++) built[i] = build(source.at(i) as S);
      settle(built);
      return built;
    },
    set(value: unknown) {
      settle(value);
    },
  });
  let m = SOURCES.get(target);
  if (m === undefined) {
    m = new Map();
    SOURCES.set(target, m);
  }
  m.set(key, {
    length: n,
    slice(from: number, to: number): R[] {
      const end = Math.min(to, n);
      const out = new Array<R>(Math.max(0, end - from));
      for (let i = from; i < end; i++) out[i - from] = build(source.at(i) as S);
      return out;
    },
    writeJson(out: JsonSink, from: number, to: number): void {
      const end = Math.min(to, n);
      if (writeRange !== undefined) {
        if (from < end) writeRange(out, from, end);
        return;
      }
      for (let i = from; i < end; i++) {
        if (i !== from) out.char(0x2c);
        const s = source.at(i) as S;
        if (write === undefined || !write(s, out)) out.text(JSON.stringify(build(s)) ?? 'null');
      }
    },
  });
}

/** The lazy source of `target[key]` while it has not been read yet; undefined otherwise. */
export function lazyArraySource(target: object, key: string): LazyArraySource<unknown> | undefined {
  return SOURCES.get(target)?.get(key);
}
