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
   * JSON of records [from, to) joined by commas, without brackets, exactly as JSON.stringify would
   * write them (when the section was defined with an encoder).
   */
  readonly encode?: (from: number, to: number) => string;
}

/**
 * JSON text of one element exactly as JSON.stringify writes it, or undefined when the element is not
 * of the shape the encoder knows (the writer then uses JSON.stringify for it).
 */
export type JsonElementEncoder<S> = (s: S) => string | undefined;

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
  /** JSON of the record built from one source item (undefined: use JSON.stringify(build(s))). */
  encode?: JsonElementEncoder<S>,
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
    encode:
      encode === undefined
        ? undefined
        : (from: number, to: number): string => {
            const end = Math.min(to, n);
            let text = '';
            for (let i = from; i < end; i++) {
              const s = source.at(i) as S;
              text += (i === from ? '' : ',') + (encode(s) ?? JSON.stringify(build(s)));
            }
            return text;
          },
  });
}

/** The lazy source of `target[key]` while it has not been read yet; undefined otherwise. */
export function lazyArraySource(target: object, key: string): LazyArraySource<unknown> | undefined {
  return SOURCES.get(target)?.get(key);
}
