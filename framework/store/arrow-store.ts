import { readFileSync } from 'node:fs';
import { DataType, Field, Float64, Precision, Schema, Table, makeTable, tableFromIPC, tableToIPC } from 'apache-arrow';
import { DataError } from '../core/errors.ts';
import type { BarColumns } from '../model/bar-columns.ts';
import { writeFileAtomic } from './atomic-write.ts';
import type { GapSummary } from './gaps.ts';

/**
 * The native store format: one Arrow IPC file (the "file" flavour, random-access) per symbol and
 * timeframe, columns tsMs, open, high, low, close, volume, all Float64 (tsMs = epoch ms of the bar's
 * start; Float64 holds every ms exactly up to year 287,000). The file is written as ONE record batch,
 * so loading maps each column onto the file buffer without copying (a few ms for 1M bars beyond the
 * read itself). The series metadata is stored twice: in the Arrow schema (so a lone .arrow file is
 * self-describing) and in a JSON sidecar that `list()` reads without touching the data.
 */
export interface SeriesMeta {
  readonly symbol: string;
  readonly timeframe: string;
  readonly bars: number;
  /** First bar's start, epoch ms. */
  readonly fromMs: number;
  /** LAST bar's start, epoch ms (inclusive; the series covers [fromMs, toMs + timeframe)). */
  readonly toMs: number;
  readonly tickSize?: number;
  readonly gaps?: GapSummary;
  /** Where the bars came from: a CSV path, `projectx`, ... */
  readonly source: string;
  /** ISO-8601 UTC time of the last write. */
  readonly updatedAt: string;
}

export const ARROW_COLUMNS = ['tsMs', 'open', 'high', 'low', 'close', 'volume'] as const;
const META_KEY = 'pxt.series';

/** Encode bars (and their metadata) as Arrow IPC file bytes. */
export function encodeBarsArrow(c: BarColumns, meta?: SeriesMeta): Uint8Array {
  const t = makeTable({ tsMs: c.tsMs, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume });
  const md = new Map<string, string>();
  if (meta !== undefined) md.set(META_KEY, JSON.stringify(meta));
  const schema = new Schema(
    ARROW_COLUMNS.map((name) => new Field(name, new Float64(), false)),
    md,
  );
  const table = new Table(schema, t.batches);
  return tableToIPC(table, 'file');
}

/** Write bars to an .arrow file atomically (temp name + rename). */
export function writeBarsArrow(path: string, c: BarColumns, meta?: SeriesMeta): void {
  writeFileAtomic(path, encodeBarsArrow(c, meta));
}

/**
 * Decode Arrow IPC bytes into BarColumns. Columns are views on `bytes` when the file has one batch
 * (the way we write it); several batches are joined with one copy per column. Invariants are checked
 * (strictly increasing time, low <= open/close <= high, volume >= 0), so a corrupted store fails
 * with the file name instead of producing nonsense later.
 */
export function decodeBarsArrow(
  bytes: Uint8Array,
  opts: { file?: string; symbol?: string; timeframe?: string } = {},
): { columns: BarColumns; meta: SeriesMeta | undefined } {
  const file = opts.file ?? '<arrow>';
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new DataError(`not a readable Arrow IPC file: ${(err as Error).message}`, { file, hint: 're-import the series' });
  }
  let meta: SeriesMeta | undefined;
  const raw = table.schema.metadata.get(META_KEY);
  if (raw !== undefined) {
    try {
      meta = JSON.parse(raw) as SeriesMeta;
    } catch {
      meta = undefined;
    }
  }
  const cols: Record<string, Float64Array> = {};
  for (const name of ARROW_COLUMNS) {
    const vec = table.getChild(name);
    if (vec === null) throw new DataError(`Arrow file has no column ${name}`, { file, hint: `expected columns ${ARROW_COLUMNS.join(', ')}` });
    if (!DataType.isFloat(vec.type) || vec.type.precision !== Precision.DOUBLE) throw new DataError(`Arrow column ${name} is ${String(vec.type)}, expected Float64`, { file });
    if (vec.nullCount > 0) throw new DataError(`Arrow column ${name} has ${vec.nullCount} nulls`, { file });
    if (vec.data.length === 1) {
      const d = vec.data[0];
      cols[name] = (d.values as Float64Array).subarray(d.offset, d.offset + d.length);
    } else {
      const out = new Float64Array(vec.length);
      let at = 0;
      for (const d of vec.data) {
        out.set((d.values as Float64Array).subarray(d.offset, d.offset + d.length), at);
        at += d.length;
      }
      cols[name] = out;
    }
  }
  const columns: BarColumns = {
    symbol: opts.symbol ?? meta?.symbol ?? 'UNKNOWN',
    timeframe: opts.timeframe ?? meta?.timeframe ?? '',
    length: table.numRows,
    tsMs: cols.tsMs,
    open: cols.open,
    high: cols.high,
    low: cols.low,
    close: cols.close,
    volume: cols.volume,
  };
  checkBarInvariants(columns, file);
  return { columns, meta };
}

/** Read an .arrow file written by writeBarsArrow. */
export function readBarsArrow(path: string, opts: { symbol?: string; timeframe?: string } = {}): { columns: BarColumns; meta: SeriesMeta | undefined } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new DataError(`cannot read Arrow file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: path });
  }
  return decodeBarsArrow(bytes, { ...opts, file: path });
}

/** The BarColumns invariants (model/bar-columns.ts); `line` in the error is the 1-based row. */
export function checkBarInvariants(c: BarColumns, file: string): void {
  const { tsMs, open, high, low, close, volume } = c;
  let prev = -Infinity;
  for (let i = 0; i < c.length; i++) {
    const t = tsMs[i];
    const h = high[i];
    const l = low[i];
    const o = open[i];
    const x = close[i];
    // Written as negations so NaN fails too.
    if (!(t > prev) || !(l <= h) || !(o >= l && o <= h) || !(x >= l && x <= h) || !(volume[i] >= 0)) {
      throw new DataError(`stored bar ${i + 1} breaks the bar invariants (time order, low <= open/close <= high, volume >= 0)`, {
        file,
        line: i + 1,
        hint: 're-import the series from its source',
      });
    }
    prev = t;
  }
}
