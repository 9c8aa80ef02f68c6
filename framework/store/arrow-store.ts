import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as ArrowModule from 'apache-arrow';
import type { DataType, Message, RecordBatch, Schema, Table } from 'apache-arrow';
import type { Footer } from 'apache-arrow/ipc/metadata/file';
import { DataError } from '../core/errors.ts';
import { allocBarColumns, concatBarChunks, firstChunk, type BarColumns } from '../model/bar-columns.ts';
import { writeFileAtomic } from './atomic-write.ts';
import type { GapSummary } from './gaps.ts';

/**
 * apache-arrow, loaded on first use and as its CommonJS build. Its ES-module build is ~150 files:
 * importing it took ~0.11 s in plain Node and 0.23-0.30 s under tsx (every file goes through tsx's
 * loader thread), paid by every `pxt` command at startup, Arrow or not. The CommonJS build loads in
 * ~0.05 s (~0.09 s under tsx), and only a command that reads or writes the native store loads it.
 * Only this file touches Arrow's classes, so nothing mixes them with another copy.
 */
const requireArrow = createRequire(import.meta.url);
let arrowModule: typeof ArrowModule | undefined;
let footerClass: typeof Footer | undefined;

export function arrow(): typeof ArrowModule {
  return (arrowModule ??= requireArrow('apache-arrow') as typeof ArrowModule);
}

function arrowFooter(): typeof Footer {
  // The package's entry first: required on its own, ipc/metadata/file meets a circular require
  // through the schema module and gets an unfinished Schema ("Schema.decode is not a function").
  arrow();
  return (footerClass ??= (requireArrow('apache-arrow/ipc/metadata/file') as { Footer: typeof Footer }).Footer);
}

/**
 * The native store format: one Arrow IPC file (the "file" flavour, random-access) per symbol and
 * timeframe, columns tsMs, open, high, low, close, volume, all Float64 (tsMs = epoch ms of the bar's
 * start; Float64 holds every ms exactly up to year 287,000). The file is written in record batches
 * of ARROW_BATCH_ROWS bars, so a replay can read it batch by batch (ArrowBarFile below) and hold a
 * batch or two instead of the whole history. The series metadata is stored twice: in the Arrow
 * schema (so a lone .arrow file is self-describing) and in a JSON sidecar that `list()` reads
 * without touching the data. (This file is the whole format, writer and both readers, because they
 * share its layout: the columns, the metadata key and the checks.)
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
/**
 * Bars per record batch when writing: 65,536 bars x 6 columns x 8 bytes = 3 MB a batch, small next
 * to a 1M-bar history (48 MB) and large enough that switching batches costs nothing per bar.
 */
export const ARROW_BATCH_ROWS = 65_536;
const META_KEY = 'pxt.series';
const MAGIC = 'ARROW1';
const HINT = 're-import the series';

/** Encode bars (and their metadata) as Arrow IPC file bytes, in batches of ARROW_BATCH_ROWS bars. */
export function encodeBarsArrow(c: BarColumns, meta?: SeriesMeta): Uint8Array {
  const { Schema, Field, Float64, Table, makeTable, tableToIPC } = arrow();
  const batches: RecordBatch[] = [];
  let from = 0;
  do {
    const to = Math.min(c.length, from + ARROW_BATCH_ROWS);
    const cut = (a: Float64Array): Float64Array => a.subarray(from, to);
    batches.push(...makeTable({ tsMs: cut(c.tsMs), open: cut(c.open), high: cut(c.high), low: cut(c.low), close: cut(c.close), volume: cut(c.volume) }).batches);
    from = to;
  } while (from < c.length);
  const md = new Map<string, string>();
  if (meta !== undefined) md.set(META_KEY, JSON.stringify(meta));
  const schema = new Schema(
    ARROW_COLUMNS.map((name) => new Field(name, new Float64(), false)),
    md,
  );
  return tableToIPC(new Table(schema, batches), 'file');
}

/** Write bars to an .arrow file atomically (temp name + rename). */
export function writeBarsArrow(path: string, c: BarColumns, meta?: SeriesMeta): void {
  writeFileAtomic(path, encodeBarsArrow(c, meta));
}

/**
 * Decode Arrow IPC bytes held in memory into BarColumns. Columns are views on `bytes` when the file
 * has one batch; several batches are joined with one copy per column. Invariants are checked
 * (strictly increasing time, low <= open/close <= high, volume >= 0), so a corrupted store fails
 * with the file name instead of producing nonsense later. Files on disk go through readBarsArrow,
 * which never holds the whole file.
 */
export function decodeBarsArrow(
  bytes: Uint8Array,
  opts: { file?: string; symbol?: string; timeframe?: string } = {},
): { columns: BarColumns; meta: SeriesMeta | undefined } {
  const file = opts.file ?? '<arrow>';
  let table: Table;
  try {
    table = arrow().tableFromIPC(bytes);
  } catch (err) {
    throw new DataError(`not a readable Arrow IPC file: ${(err as Error).message}`, { file, hint: HINT });
  }
  const meta = parseMeta(table.schema);
  const cols: Record<string, Float64Array> = {};
  for (const name of ARROW_COLUMNS) {
    const vec = table.getChild(name);
    if (vec === null) throw noColumn(name, file);
    checkFloat64(name, vec.type, file);
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

/**
 * Read an .arrow bars file whole. Batch by batch: one batch's buffer at a time is read and copied
 * into the result, so the file is never held beside the copy (a one-batch file is read straight
 * into the result's buffer, no copy). Layouts the batch reader does not handle go through
 * decodeBarsArrow.
 */
export function readBarsArrow(path: string, opts: { symbol?: string; timeframe?: string } = {}): { columns: BarColumns; meta: SeriesMeta | undefined } {
  const f = ArrowBarFile.open(path);
  if (f === null) return decodeBarsArrow(readWholeFile(path), { ...opts, file: path });
  return { columns: f.readAll(opts.symbol ?? f.meta?.symbol ?? 'UNKNOWN', opts.timeframe ?? f.meta?.timeframe ?? ''), meta: f.meta };
}

/**
 * The BarColumns invariants (model/bar-columns.ts); `line` in the error is the 1-based row in the
 * file. `firstRow` (0-based) and `prevTsMs` check a batch of a longer file: its rows are numbered
 * from `firstRow` and its first time must follow `prevTsMs`. Returns the last bar's time.
 */
export function checkBarInvariants(c: BarColumns, file: string, firstRow = 0, prevTsMs = -Infinity): number {
  const { tsMs, open, high, low, close, volume } = c;
  const len = c.length;
  // Time order against the previous bar read from the column, not a loop-carried variable: V8
  // kept that one boxed (a heap number per bar, 16 MB per million bars).
  if (len > 0 && !(tsMs[0] > prevTsMs)) throw invariantError(file, firstRow + 1);
  // Read before the loop: code after a hot loop runs first in the loop's OSR-compiled code, and a
  // comparison there without type feedback deoptimized it at the end of every batch.
  const last = len > 0 ? tsMs[len - 1] : prevTsMs;
  for (let i = 0; i < len; i++) {
    const h = high[i];
    const l = low[i];
    const o = open[i];
    const x = close[i];
    // Written as negations so NaN fails too.
    if ((i > 0 && !(tsMs[i] > tsMs[i - 1])) || !(l <= h) || !(o >= l && o <= h) || !(x >= l && x <= h) || !(volume[i] >= 0)) {
      throw invariantError(file, firstRow + i + 1);
    }
  }
  return last;
}

function invariantError(file: string, row: number): DataError {
  return new DataError(`stored bar ${row} breaks the bar invariants (time order, low <= open/close <= high, volume >= 0)`, {
    file,
    line: row,
    hint: 're-import the series from its source',
  });
}

/** Where one record batch of a bars file lies and what it holds (from its metadata, not its body). */
export interface ArrowBarBatch {
  /** File offset of the batch body (its column buffers). */
  readonly bodyOffset: number;
  /** Bytes of the body to read: up to the end of the last ARROW_COLUMNS column. */
  readonly readLength: number;
  readonly rows: number;
  /** 0-based row of the batch's first bar in the file. */
  readonly firstRow: number;
  /** Byte offset in the body of each ARROW_COLUMNS column's values, in that order. */
  readonly valueOffsets: readonly number[];
  readonly firstTsMs: number;
  readonly lastTsMs: number;
}

/**
 * A synchronous, random-access reader of an .arrow bars file that holds one batch at a time.
 * An Arrow IPC file is "ARROW1\0\0", the IPC messages, a footer (schema + where each record batch
 * lies), the footer's length and "ARROW1". `open` reads the footer and each batch's small metadata
 * message (rows, null counts, where each column's values lie in the body) plus the first and last
 * tsMs of each batch: a few reads of a few hundred bytes, so a reader of a window (bar-stream.ts)
 * can skip whole batches and count bars without reading them. Column types are checked once
 * (Float64, no nulls); the bar invariants per batch as it is read, across batch boundaries too,
 * with the 1-based row in the file.
 */
export class ArrowBarFile {
  /** Bars in the file. */
  readonly rows: number;

  private constructor(
    readonly path: string,
    readonly meta: SeriesMeta | undefined,
    readonly batches: readonly ArrowBarBatch[],
    /** inode, size and mtime when indexed: the batches are read later, from the same file only. */
    private readonly identity: string,
  ) {
    this.rows = batches.reduce((n, b) => n + b.rows, 0);
  }

  /**
   * Index a bars file. Returns null for an Arrow layout this reader does not handle (the stream
   * flavour, compressed or dictionary batches, columns other than Float64): read those whole with
   * decodeBarsArrow, which also gives the error for bytes that are not Arrow at all.
   */
  static open(path: string): ArrowBarFile | null {
    const fd = openFile(path);
    try {
      const index = indexFile(fd, path);
      return index === null ? null : new ArrowBarFile(path, index.meta, index.batches, identityOf(fd));
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Batches [first, end) in order, each checked (its first bar against the last bar of the batch
   * before it too). With `reuse` (the default) every batch is read into the same buffer, so a
   * batch is valid only until the next one is pulled; without it each has its own buffer.
   */
  *batchesOf(first: number, end: number, symbol: string, timeframe: string, reuse = true): Generator<BarColumns, undefined> {
    if (first >= end) return undefined;
    const fd = this.reopen();
    try {
      let prev = first > 0 ? this.batches[first - 1].lastTsMs : -Infinity;
      let buf: ArrayBuffer | undefined;
      for (let k = first; k < end; k++) {
        const c = this.readBatch(fd, k, symbol, timeframe, reuse ? buf : undefined);
        buf = c.tsMs.buffer as ArrayBuffer;
        prev = checkBarInvariants(c, this.path, this.batches[k].firstRow, prev);
        yield c;
      }
    } finally {
      closeSync(fd);
    }
    return undefined;
  }

  /**
   * The whole file as one BarColumns: batches copied one at a time into arrays of the file's bar
   * count (a one-batch file is returned as views on the buffer it was read into, no copy).
   */
  readAll(symbol: string, timeframe: string): BarColumns {
    const n = this.batches.length;
    if (n === 0) return allocBarColumns(symbol, timeframe, 0);
    if (n === 1) return firstChunk(this.batchesOf(0, 1, symbol, timeframe, false), symbol, timeframe);
    return concatBarChunks(this.batchesOf(0, n, symbol, timeframe), this.rows, symbol, timeframe, this.path);
  }

  /** The tsMs of batch k (a window's edge batch, for exact counts without reading the rest). */
  readTs(k: number): Float64Array {
    const b = this.batches[k];
    const ts = new Float64Array(b.rows);
    const fd = this.reopen();
    try {
      readExact(fd, new Uint8Array(ts.buffer), b.bodyOffset + b.valueOffsets[0], this.path);
    } finally {
      closeSync(fd);
    }
    return ts;
  }

  /**
   * The file again, for reading batches. A save replaces the file (temp + rename); a backtest that
   * opened the old one must not read the new one through the old index.
   */
  private reopen(): number {
    const fd = openFile(this.path);
    if (identityOf(fd) !== this.identity) {
      closeSync(fd);
      throw new DataError('the series file was replaced since it was opened', { file: this.path, hint: 'run again' });
    }
    return fd;
  }

  /** Batch k as BarColumns viewing `reuse` (when big enough) or a new buffer. Not checked. */
  private readBatch(fd: number, k: number, symbol: string, timeframe: string, reuse: ArrayBuffer | undefined): BarColumns {
    const b = this.batches[k];
    const buf = reuse !== undefined && reuse.byteLength >= b.readLength ? reuse : new ArrayBuffer(b.readLength);
    readExact(fd, new Uint8Array(buf, 0, b.readLength), b.bodyOffset, this.path);
    const col = (j: number): Float64Array => new Float64Array(buf, b.valueOffsets[j], b.rows);
    return { symbol, timeframe, length: b.rows, tsMs: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) };
  }
}

/** Footer, schema and batch index of an Arrow IPC file; null when it is not a layout we stream. */
function indexFile(fd: number, file: string): { meta: SeriesMeta | undefined; batches: ArrowBarBatch[] } | null {
  const size = fstatSync(fd).size;
  const magicAt = (pos: number): boolean => readBytes(fd, pos, 6, file).toString('latin1') === MAGIC;
  if (size < 8 + 10 || !magicAt(0) || !magicAt(size - 6)) return null;
  const footerLength = readBytes(fd, size - 10, 4, file).readInt32LE(0);
  if (!(footerLength > 0 && footerLength <= size - 18)) throw corrupt(file, `footer length ${footerLength}`);
  let footer: Footer;
  try {
    footer = arrowFooter().decode(readBytes(fd, size - 10 - footerLength, footerLength, file));
  } catch (err) {
    throw corrupt(file, (err as Error).message);
  }
  const fields = footer.schema.fields;
  const fieldIndex = ARROW_COLUMNS.map((name) => {
    const i = fields.findIndex((f) => f.name === name);
    if (i < 0) throw noColumn(name, file);
    checkFloat64(name, fields[i].type, file);
    return i;
  });
  // Every field Float64 means every field has exactly two buffers (validity, values) in each batch.
  if (footer.numDictionaries > 0 || fields.some((f) => !isFloat64(f.type))) return null;
  const batches: ArrowBarBatch[] = [];
  const nulls = ARROW_COLUMNS.map(() => 0);
  let firstRow = 0;
  for (const block of footer.recordBatches()) {
    const msg = readMessage(fd, block.offset, block.metaDataLength, file);
    if (msg === null) return null;
    const rows = msg.length;
    if (rows === 0) continue;
    const bodyOffset = block.offset + block.metaDataLength;
    const valueOffsets = fieldIndex.map((f, j) => {
      nulls[j] += msg.nodes[f].nullCount;
      const values = msg.buffers[2 * f + 1];
      if (values.length < rows * 8 || values.offset + rows * 8 > block.bodyLength) throw corrupt(file, `column ${ARROW_COLUMNS[j]} is shorter than its ${rows} rows`);
      return values.offset;
    });
    // Float64Array views need 8-byte alignment; Arrow writers pad buffers to 8 (or 64).
    if (valueOffsets.some((o) => o % 8 !== 0)) return null;
    const readLength = Math.max(...valueOffsets) + rows * 8;
    const firstTsMs = readF64(fd, bodyOffset + valueOffsets[0], file);
    const lastTsMs = readF64(fd, bodyOffset + valueOffsets[0] + (rows - 1) * 8, file);
    batches.push({ bodyOffset, readLength, rows, firstRow, valueOffsets, firstTsMs, lastTsMs });
    firstRow += rows;
  }
  nulls.forEach((n, j) => {
    if (n > 0) throw new DataError(`Arrow column ${ARROW_COLUMNS[j]} has ${n} nulls`, { file });
  });
  return { meta: parseMeta(footer.schema), batches };
}

/** The record batch header at `offset` (continuation marker, length, flatbuffer); null if compressed. */
function readMessage(fd: number, offset: number, length: number, file: string) {
  const bytes = readBytes(fd, offset, length, file);
  // Since Arrow 0.15 a message starts with 0xFFFFFFFF then its length; before, with the length.
  const start = bytes.readInt32LE(0) === -1 ? 8 : 4;
  let msg: Message;
  try {
    msg = arrow().Message.decode(bytes.subarray(start));
  } catch (err) {
    throw corrupt(file, (err as Error).message);
  }
  if (!msg.isRecordBatch()) throw corrupt(file, 'a footer block is not a record batch');
  const header = msg.header();
  return header.compression === null ? header : null;
}

function parseMeta(schema: Schema): SeriesMeta | undefined {
  const raw = schema.metadata.get(META_KEY);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as SeriesMeta;
  } catch {
    return undefined;
  }
}

function isFloat64(t: DataType): boolean {
  const { DataType, Precision } = arrow();
  return DataType.isFloat(t) && t.precision === Precision.DOUBLE;
}

function checkFloat64(name: string, t: DataType, file: string): void {
  if (!isFloat64(t)) throw new DataError(`Arrow column ${name} is ${String(t)}, expected Float64`, { file });
}

function noColumn(name: string, file: string): DataError {
  return new DataError(`Arrow file has no column ${name}`, { file, hint: `expected columns ${ARROW_COLUMNS.join(', ')}` });
}

function corrupt(file: string, why: string): DataError {
  return new DataError(`not a readable Arrow IPC file: ${why}`, { file, hint: HINT });
}

function openFile(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (err) {
    throw new DataError(`cannot read Arrow file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: path });
  }
}

function identityOf(fd: number): string {
  const st = fstatSync(fd);
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
}

function readWholeFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new DataError(`cannot read Arrow file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: path });
  }
}

/** Fill `into` from file position `pos` (readSync may return less than asked). */
function readExact(fd: number, into: Uint8Array, pos: number, file: string): void {
  for (let done = 0; done < into.length; ) {
    const n = readSync(fd, into, done, into.length - done, pos + done);
    if (n <= 0) throw corrupt(file, `truncated: wanted ${into.length} bytes at ${pos}`);
    done += n;
  }
}

function readBytes(fd: number, pos: number, length: number, file: string): Buffer {
  const b = Buffer.alloc(length);
  readExact(fd, b, pos, file);
  return b;
}

function readF64(fd: number, pos: number, file: string): number {
  return readBytes(fd, pos, 8, file).readDoubleLE(0);
}
