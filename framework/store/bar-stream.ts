import {
  columnsSource,
  concatBarChunks,
  firstChunk,
  intersectWindows,
  lowerBound,
  sliceBarColumns,
  type BarColumns,
  type BarSeriesSource,
  type BarWindow,
  type BarWindowStats,
} from '../model/bar-columns.ts';
import { ArrowBarFile, readBarsArrow, type SeriesMeta } from './arrow-store.ts';

const EMPTY: BarWindowStats = { bars: 0, fromMs: Number.NaN, toMs: Number.NaN };

/**
 * A stored .arrow series as a BarSeriesSource: the replay pulls it batch by batch (one reusable
 * batch buffer, ~3 MB for 65,536 bars), so a 1M-bar backtest holds a batch per instrument instead
 * of the whole history. Windows are cut per batch: batches wholly before `fromMs` are skipped
 * unread, the walk stops after `toMs`, and the edge batches are cut by binary search. `window`
 * (by bar start, [fromMs, toMs)) is applied on top of any window the caller asks for.
 */
export class ArrowBarStream implements BarSeriesSource {
  constructor(
    private readonly file: ArrowBarFile,
    readonly symbol: string,
    readonly timeframe: string,
    private readonly window: BarWindow = {},
  ) {}

  /** The metadata stored in the file's schema (undefined for files written elsewhere). */
  get meta(): SeriesMeta | undefined {
    return this.file.meta;
  }

  get path(): string {
    return this.file.path;
  }

  /** Exact count and span: from the batch index, reading the tsMs of at most the two edge batches. */
  stats(window?: BarWindow): BarWindowStats {
    const w = intersectWindows(this.window, window);
    const [first, end] = this.batchRange(w);
    if (first >= end) return EMPTY;
    const a = this.file.batches[first];
    const z = this.file.batches[end - 1];
    let fromRow = 0;
    let fromMs = a.firstTsMs;
    let firstTs: Float64Array | undefined;
    if (w.fromMs !== undefined && a.firstTsMs < w.fromMs) {
      firstTs = this.file.readTs(first);
      fromRow = lowerBound(firstTs, w.fromMs);
      fromMs = firstTs[fromRow];
    }
    let toRow = z.rows;
    let toMs = z.lastTsMs;
    if (w.toMs !== undefined && z.lastTsMs >= w.toMs) {
      const ts = end - 1 === first && firstTs !== undefined ? firstTs : this.file.readTs(end - 1);
      toRow = lowerBound(ts, w.toMs);
      toMs = ts[toRow - 1];
    }
    const bars = z.firstRow + toRow - (a.firstRow + fromRow);
    return bars > 0 ? { bars, fromMs, toMs } : EMPTY;
  }

  chunks(window?: BarWindow): Iterator<BarColumns, undefined> {
    return this.cut(intersectWindows(this.window, window), true);
  }

  /** The bars of the window as one BarColumns (batches copied in one at a time as they are read). */
  load(window?: BarWindow): BarColumns {
    const w = intersectWindows(this.window, window);
    // A one-batch file: views on the buffer it was read into, no copy.
    if (this.file.batches.length <= 1) return firstChunk(this.cut(w, false), this.symbol, this.timeframe);
    return concatBarChunks(this.cut(w, true), this.stats(w).bars, this.symbol, this.timeframe, this.file.path);
  }

  /** Batches [first, end) that hold bars of the window (from the index alone). */
  private batchRange(w: BarWindow): [number, number] {
    const bs = this.file.batches;
    let first = 0;
    if (w.fromMs !== undefined) while (first < bs.length && bs[first].lastTsMs < w.fromMs) first++;
    let end = bs.length;
    if (w.toMs !== undefined) for (end = first; end < bs.length && bs[end].firstTsMs < w.toMs; ) end++;
    return [first, end];
  }

  /** The window's batches, each cut to the window; empty cuts are skipped. */
  private *cut(w: BarWindow, reuse: boolean): Generator<BarColumns, undefined> {
    const [first, end] = this.batchRange(w);
    const batches = this.file.batchesOf(first, end, this.symbol, this.timeframe, reuse);
    try {
      for (let r = batches.next(); r.done !== true; r = batches.next()) {
        const c = r.value;
        const from = w.fromMs === undefined ? 0 : lowerBound(c.tsMs, w.fromMs);
        const to = w.toMs === undefined ? c.length : lowerBound(c.tsMs, w.toMs);
        if (to > from) yield from === 0 && to === c.length ? c : sliceBarColumns(c, from, to);
      }
    } finally {
      batches.return(undefined);
    }
    return undefined;
  }
}

/** What openBarStream gives: the source, and the metadata the file stores about itself. */
export interface OpenedBars {
  readonly bars: BarSeriesSource;
  readonly meta: SeriesMeta | undefined;
  /** The whole window in one BarColumns (bounded copy for a streamed file). */
  load(): BarColumns;
}

/**
 * Open an .arrow bars file as a source. Files in the layout the store writes (and any Arrow file of
 * Float64 columns, uncompressed) stream; other Arrow layouts are decoded whole and served as one
 * chunk. `symbol` / `timeframe` default to the file's metadata ('UNKNOWN' / '' without it).
 * Throws DataError for a missing, unreadable or corrupt file, or missing / non-Float64 / null columns.
 */
export function openBarStream(path: string, opts: { symbol?: string; timeframe?: string; window?: BarWindow } = {}): OpenedBars {
  const window = opts.window ?? {};
  const file = ArrowBarFile.open(path);
  if (file !== null) {
    const stream = new ArrowBarStream(file, opts.symbol ?? file.meta?.symbol ?? 'UNKNOWN', opts.timeframe ?? file.meta?.timeframe ?? '', window);
    return { bars: stream, meta: file.meta, load: () => stream.load() };
  }
  const { columns, meta } = readBarsArrow(path, { symbol: opts.symbol, timeframe: opts.timeframe });
  const from = window.fromMs === undefined ? 0 : lowerBound(columns.tsMs, window.fromMs);
  const to = window.toMs === undefined ? columns.length : lowerBound(columns.tsMs, window.toMs);
  const cut = sliceBarColumns(columns, from, Math.max(from, to));
  return { bars: columnsSource(cut), meta, load: () => cut };
}

/** The first `n` bar times of a source (for inferring a timeframe the file does not state). */
export function firstTimes(src: BarSeriesSource, n: number): Float64Array {
  const out = new Float64Array(n);
  let at = 0;
  const it = src.chunks();
  try {
    while (at < n) {
      const r = it.next();
      if (r.done === true) break;
      const take = Math.min(n - at, r.value.length);
      out.set(r.value.tsMs.subarray(0, take), at);
      at += take;
    }
  } finally {
    it.return?.(undefined);
  }
  return out.subarray(0, at);
}
