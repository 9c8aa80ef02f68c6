import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ConfigError, DataError } from '../core/errors.ts';
import { isoUtc, timeframeToMs } from '../core/time.ts';
import { columnsSource, type BarColumns, type BarSeriesSource, type BarWindow } from '../model/bar-columns.ts';
import { findInstrument } from '../model/instrument-registry.ts';
import { ArrowBarFile, readBarsArrow, writeBarsArrow, type SeriesMeta } from './arrow-store.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { firstTimes, openBarStream, type OpenedBars } from './bar-stream.ts';
import { readBarsCsv, symbolFromFileName } from './csv-bars.ts';
import { findGaps, summarizeGaps } from './gaps.ts';
import { inferTimeframe } from './infer-timeframe.ts';

/** One stored series as `list()` reports it. */
export interface StoredSeriesInfo {
  readonly symbol: string;
  readonly timeframe: string;
  /** First and LAST bar start, epoch ms (inclusive). */
  readonly fromMs: number;
  readonly toMs: number;
  readonly bars: number;
  /** Gaps found at the last save (session + hole). */
  readonly gaps: number;
  readonly holes: number;
  readonly path: string;
}

export interface SaveMeta {
  /** Where the bars came from (CSV path, `projectx`, ...). */
  source: string;
  tickSize?: number;
}

export interface ResolvedData {
  /**
   * The bars as a source: streamed batch by batch for stored series and .arrow files (what a
   * backtest should take), in memory for a CSV.
   */
  readonly bars: BarSeriesSource;
  /** All the bars in memory; for a streamed source this reads them whole on each access. */
  readonly columns: BarColumns;
  /** Human-readable origin: the file path or `store:ES:1m`. */
  readonly source: string;
}

const SYMBOL_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/**
 * The history store on disk: `<dataDir>/<SYMBOL>/<timeframe>.arrow` plus
 * `<dataDir>/<SYMBOL>/<timeframe>.meta.json`. Both files are written atomically (temp + rename), the
 * data first: an interrupted save leaves either the old series or the new one, never a torn file.
 * The .arrow file is the truth; the sidecar only makes `list()` cheap.
 */
export class HistoryStore {
  readonly dataDir: string;
  private readonly nowMs: () => number;

  /** `nowMs` stamps `updatedAt`; the store is an I/O edge, so the wall clock is the default. */
  constructor(dataDir: string, opts: { nowMs?: () => number } = {}) {
    this.dataDir = resolve(dataDir);
    this.nowMs = opts.nowMs ?? Date.now;
  }

  arrowPath(symbol: string, timeframe: string): string {
    return join(this.dataDir, checkSymbol(symbol), `${checkTimeframe(timeframe)}.arrow`);
  }

  metaPath(symbol: string, timeframe: string): string {
    return join(this.dataDir, checkSymbol(symbol), `${checkTimeframe(timeframe)}.meta.json`);
  }

  has(symbol: string, timeframe: string): boolean {
    return existsSync(this.arrowPath(symbol, timeframe));
  }

  /** Every stored series, sorted by symbol then timeframe length. */
  list(): StoredSeriesInfo[] {
    if (!existsSync(this.dataDir)) return [];
    const out: StoredSeriesInfo[] = [];
    for (const sym of readdirSync(this.dataDir).sort()) {
      const dir = join(this.dataDir, sym);
      if (!SYMBOL_RE.test(sym) || !statSync(dir).isDirectory()) continue;
      for (const name of readdirSync(dir).sort()) {
        if (!name.endsWith('.arrow')) continue;
        const tf = name.slice(0, -'.arrow'.length);
        if (!(timeframeToMs(tf) > 0)) continue;
        out.push(this.infoOf(sym, tf));
      }
    }
    out.sort((x, y) => (x.symbol < y.symbol ? -1 : x.symbol > y.symbol ? 1 : timeframeToMs(x.timeframe) - timeframeToMs(y.timeframe)));
    return out;
  }

  /** Metadata of one series (from the sidecar; rebuilt from the data when the sidecar is missing or stale). */
  meta(symbol: string, timeframe: string): SeriesMeta {
    const arrow = this.arrowPath(symbol, timeframe);
    if (!existsSync(arrow)) throw this.notStored(symbol, timeframe);
    const side = this.metaPath(symbol, timeframe);
    if (existsSync(side) && statSync(side).mtimeMs >= statSync(arrow).mtimeMs) {
      try {
        return JSON.parse(readFileSync(side, 'utf8')) as SeriesMeta;
      } catch {
        // fall through: rebuild from the data
      }
    }
    // The schema carries the same metadata: read it from the footer, without the bars.
    const inFile = ArrowBarFile.open(arrow)?.meta;
    if (inFile !== undefined) return inFile;
    const { columns, meta } = readBarsArrow(arrow, { symbol, timeframe });
    return meta ?? this.buildMeta(columns, { source: arrow });
  }

  /**
   * A stored series as a streaming source, optionally limited to [fromMs, toMs) by bar start: a
   * backtest reads it batch by batch and holds one batch (~3 MB) at a time, whatever the history's
   * length. Opening reads only the file's index (footer and batch headers).
   */
  open(symbol: string, timeframe: string, range: BarWindow = {}): BarSeriesSource {
    return this.openStored(symbol, timeframe, range).bars;
  }

  /**
   * Bars of a stored series in memory, optionally limited to [fromMs, toMs) by bar start. Read batch
   * by batch into one set of arrays (the file is never held beside the copy); only the batches the
   * range touches are read.
   */
  load(symbol: string, timeframe: string, range: BarWindow = {}): BarColumns {
    return this.openStored(symbol, timeframe, range).load();
  }

  /** Replace a stored series with `columns` (merge first with mergeBars to add to it). */
  save(columns: BarColumns, meta: SaveMeta): SeriesMeta {
    if (columns.length === 0) throw new DataError(`no bars to save for ${columns.symbol} ${columns.timeframe}`);
    const symbol = checkSymbol(columns.symbol).toUpperCase();
    const full = this.buildMeta({ ...columns, symbol }, meta);
    writeBarsArrow(this.arrowPath(symbol, columns.timeframe), { ...columns, symbol }, full);
    writeFileAtomic(this.metaPath(symbol, columns.timeframe), `${JSON.stringify(full, null, 2)}\n`);
    return full;
  }

  /**
   * Turn a `--data` argument into bars: a path to a .csv or .arrow file, or a stored series `ES` /
   * `ES:1m` (a bare symbol picks its only stored timeframe, or 1m when there are several). Stored
   * series and .arrow files come back streaming (`bars`, only their index read so far); a CSV is
   * parsed into memory.
   */
  resolveDataArg(arg: string, symbol?: string, opts: { tickSize?: number; timeframe?: string } = {}): ResolvedData {
    const lower = arg.toLowerCase();
    if (lower.endsWith('.csv')) {
      const sym = (symbol ?? symbolFromFileName(arg)).toUpperCase();
      const cols = readBarsCsv(arg, { symbol: sym, timeframe: opts.timeframe ?? '', tickSize: opts.tickSize });
      const columns = { ...cols, timeframe: opts.timeframe ?? inferTimeframe(cols.tsMs) ?? '' };
      return { bars: columnsSource(columns), columns, source: arg };
    }
    if (lower.endsWith('.arrow')) {
      const first = openBarStream(arg, { symbol: symbol?.toUpperCase() });
      let timeframe = first.meta?.timeframe ?? opts.timeframe ?? basename(arg).replace(/\.arrow$/i, '');
      if (!(timeframeToMs(timeframe) > 0)) timeframe = inferTimeframe(firstTimes(first.bars, 5001)) ?? '';
      return streamed(openBarStream(arg, { symbol: first.bars.symbol, timeframe }), arg);
    }
    const [symPart, tfPart] = arg.split(':');
    const sym = symPart.toUpperCase();
    if (!SYMBOL_RE.test(sym)) {
      throw new ConfigError(`"${arg}" is neither a .csv/.arrow file nor a stored symbol`, { hint: 'pass a file path or a symbol like ES or ES:1m (see `pxt data info`)' });
    }
    let tf = tfPart ?? opts.timeframe;
    if (tf === undefined) {
      const stored = this.list().filter((s) => s.symbol === sym);
      if (stored.length === 0) throw this.notStored(sym, undefined);
      const pick = stored.length === 1 ? stored[0].timeframe : stored.find((s) => s.timeframe === '1m')?.timeframe;
      if (pick === undefined) {
        throw new ConfigError(`${sym} is stored in several timeframes (${stored.map((s) => s.timeframe).join(', ')})`, {
          hint: `name one, e.g. ${sym}:${stored[0].timeframe}`,
        });
      }
      tf = pick;
    }
    if (!this.has(sym, tf)) throw this.notStored(sym, tf);
    return streamed(this.openStored(sym, tf, {}), `store:${sym}:${tf}`);
  }

  private openStored(symbol: string, timeframe: string, range: BarWindow): OpenedBars {
    const path = this.arrowPath(symbol, timeframe);
    if (!existsSync(path)) throw this.notStored(symbol, timeframe);
    return openBarStream(path, { symbol: symbol.toUpperCase(), timeframe, window: range });
  }

  private infoOf(symbol: string, timeframe: string): StoredSeriesInfo {
    const m = this.meta(symbol, timeframe);
    return {
      symbol,
      timeframe,
      fromMs: m.fromMs,
      toMs: m.toMs,
      bars: m.bars,
      gaps: m.gaps?.total ?? 0,
      holes: m.gaps?.hole ?? 0,
      path: this.arrowPath(symbol, timeframe),
    };
  }

  private buildMeta(c: BarColumns, meta: SaveMeta): SeriesMeta {
    const tickSize = meta.tickSize ?? findInstrument(c.symbol)?.tickSize;
    return {
      symbol: c.symbol,
      timeframe: c.timeframe,
      bars: c.length,
      fromMs: c.tsMs[0],
      toMs: c.tsMs[c.length - 1],
      ...(tickSize === undefined ? {} : { tickSize }),
      gaps: summarizeGaps(findGaps(c)),
      source: meta.source,
      updatedAt: isoUtc(this.nowMs()),
    };
  }

  private notStored(symbol: string, timeframe: string | undefined): DataError {
    const what = timeframe === undefined ? symbol : `${symbol} ${timeframe}`;
    return new DataError(`no stored series ${what}`, {
      file: join(this.dataDir, symbol),
      hint: `import one with \`pxt data import <file.csv> --symbol ${symbol} --timeframe ${timeframe ?? '1m'}\` or check --data-dir`,
    });
  }
}

/** A streamed ResolvedData: `columns` reads the bars whole only when someone asks for them. */
function streamed(opened: OpenedBars, source: string): ResolvedData {
  return {
    bars: opened.bars,
    source,
    get columns() {
      return opened.load();
    },
  };
}

function checkSymbol(symbol: string): string {
  if (!SYMBOL_RE.test(symbol)) throw new ConfigError(`invalid symbol "${symbol}"`, { hint: 'letters, digits, . _ - only (e.g. ES, MNQ, 6E)' });
  return symbol.toUpperCase();
}

function checkTimeframe(tf: string): string {
  if (!(timeframeToMs(tf) > 0)) throw new ConfigError(`invalid timeframe "${tf}"`, { hint: 'use <n><s|m|h|d>, e.g. 1m, 5m, 1h, 1d' });
  return tf;
}
