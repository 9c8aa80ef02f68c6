import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Field, Float64, Schema, Table, makeTable, tableToIPC, vectorFromArray } from 'apache-arrow';
import { DataError } from '../../framework/core/errors.ts';
import { allocBarColumns, lowerBound, sliceBarColumns, type BarColumns, type BarSeriesSource, type BarWindow } from '../../framework/model/bar-columns.ts';
import { ARROW_BATCH_ROWS, ArrowBarFile, decodeBarsArrow, encodeBarsArrow, readBarsArrow, writeBarsArrow } from '../../framework/store/arrow-store.ts';
import { ArrowBarStream, openBarStream } from '../../framework/store/bar-stream.ts';
import { HistoryStore } from '../../framework/store/history-store.ts';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 2);
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pxt-stream-'));
  dirs.push(d);
  return d;
}

/**
 * `n` one-minute bars from T0 with an hour's gap before each batch boundary row in `gapsBefore`
 * (so a window can start or end between two batches). Prices obey the bar invariants.
 */
function series(symbol: string, n: number, gapsBefore: number[] = []): BarColumns {
  const c = allocBarColumns(symbol, '1m', n);
  let t = T0;
  for (let i = 0; i < n; i++) {
    if (gapsBefore.includes(i)) t += 60 * MIN;
    const mid = 100 + ((i * 7) % 23) * 0.25;
    c.tsMs[i] = t;
    c.open[i] = mid;
    c.close[i] = mid + 0.25;
    c.high[i] = mid + 0.5;
    c.low[i] = mid - 0.25;
    c.volume[i] = i % 5;
    t += MIN;
  }
  return c;
}

/** Every chunk of a source, copied (a streamed chunk is only valid until the next one is pulled). */
function collect(src: BarSeriesSource, w?: BarWindow): { columns: BarColumns; chunks: number } {
  const parts: BarColumns[] = [];
  const it = src.chunks(w);
  for (let r = it.next(); r.done !== true; r = it.next()) {
    const c = r.value;
    assert.ok(c.length > 0, 'no empty chunks');
    parts.push({ ...c, tsMs: c.tsMs.slice(), open: c.open.slice(), high: c.high.slice(), low: c.low.slice(), close: c.close.slice(), volume: c.volume.slice() });
  }
  const n = parts.reduce((s, p) => s + p.length, 0);
  const out = allocBarColumns(src.symbol, src.timeframe, n);
  let at = 0;
  for (const p of parts) {
    for (const k of ['tsMs', 'open', 'high', 'low', 'close', 'volume'] as const) out[k].set(p[k], at);
    at += p.length;
  }
  return { columns: out, chunks: parts.length };
}

function cut(c: BarColumns, w: BarWindow): BarColumns {
  const from = w.fromMs === undefined ? 0 : lowerBound(c.tsMs, w.fromMs);
  const to = w.toMs === undefined ? c.length : lowerBound(c.tsMs, w.toMs);
  return sliceBarColumns(c, from, Math.max(from, to));
}

/** Same bars (typed arrays compared as plain arrays, symbol and timeframe too). */
function sameBars(actual: BarColumns, expected: BarColumns, msg?: string): void {
  assert.is(actual.length, expected.length, msg);
  assert.is(actual.symbol, expected.symbol, msg);
  assert.is(actual.timeframe, expected.timeframe, msg);
  for (const k of ['tsMs', 'open', 'high', 'low', 'close', 'volume'] as const) assert.equal(Array.from(actual[k]), Array.from(expected[k]), `${msg ?? ''} ${k}`);
}

/** The old writer: the whole series as ONE record batch. */
function writeSingleBatch(path: string, c: BarColumns, meta?: object): void {
  const t = makeTable({ tsMs: c.tsMs, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume });
  const md = new Map<string, string>(meta === undefined ? [] : [['pxt.series', JSON.stringify(meta)]]);
  const schema = new Schema(['tsMs', 'open', 'high', 'low', 'close', 'volume'].map((n) => new Field(n, new Float64(), false)), md);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, tableToIPC(new Table(schema, t.batches), 'file'));
}

const N = 2 * ARROW_BATCH_ROWS + 18_928; // three batches, the last one short

test('the store writes record batches of ARROW_BATCH_ROWS bars; every read path gives the bars back exactly', () => {
  assert.is(ARROW_BATCH_ROWS, 65_536);
  const c = series('ES', N);
  const store = new HistoryStore(tempDir());
  store.save(c, { source: 'test' });
  const file = ArrowBarFile.open(store.arrowPath('ES', '1m'))!;
  assert.equal(file.batches.map((b) => b.rows), [ARROW_BATCH_ROWS, ARROW_BATCH_ROWS, 18_928]);
  assert.equal(file.batches.map((b) => b.firstRow), [0, ARROW_BATCH_ROWS, 2 * ARROW_BATCH_ROWS]);
  assert.is(file.rows, N);
  assert.is(file.meta?.bars, N);
  sameBars(store.load('ES', '1m'), c, 'load');
  sameBars(readBarsArrow(store.arrowPath('ES', '1m')).columns, c, 'readBarsArrow');
  sameBars(decodeBarsArrow(encodeBarsArrow(c), { symbol: 'ES', timeframe: '1m' }).columns, c, 'in-memory decode');
  const streamed = collect(store.open('ES', '1m'));
  assert.is(streamed.chunks, 3);
  sameBars(streamed.columns, c, 'streamed');
  assert.equal(store.open('ES', '1m').stats(), { bars: N, fromMs: c.tsMs[0], toMs: c.tsMs[N - 1] });
  // The sidecar gone, the metadata comes from the file's schema.
  rmSync(store.metaPath('ES', '1m'));
  assert.is(store.meta('ES', '1m').bars, N);
});

test('bar invariants are checked per batch and across batch boundaries, naming the file and the row', async () => {
  const dir = tempDir();
  const store = new HistoryStore(dir);
  const path = store.arrowPath('ES', '1m');
  // Time does not move forward from the last bar of batch 1 to the first of batch 2.
  const back = series('ES', N);
  back.tsMs[ARROW_BATCH_ROWS] = back.tsMs[ARROW_BATCH_ROWS - 1];
  writeBarsArrow(path, back);
  const isRow = (row: number) => (e: unknown) => e instanceof DataError && e.file === path && e.line === row && e.message.includes(`bar ${row} `);
  const src = store.open('ES', '1m'); // opening reads only the index
  assert.throws(() => collect(src), isRow(ARROW_BATCH_ROWS + 1));
  assert.throws(() => store.load('ES', '1m'), isRow(ARROW_BATCH_ROWS + 1));
  // A window that starts in batch 2 still checks its first bar against batch 1's last.
  assert.throws(() => collect(src, { fromMs: back.tsMs[ARROW_BATCH_ROWS + 10] }), isRow(ARROW_BATCH_ROWS + 1));
  // Inside a later batch: the row is counted over the whole file.
  const hl = series('ES', N);
  hl.low[100_000] = hl.high[100_000] + 1;
  writeBarsArrow(path, hl);
  assert.throws(() => collect(store.open('ES', '1m')), isRow(100_001));
  // Bars before the broken batch still replay; the error comes when the replay reaches it.
  const first = store.open('ES', '1m').chunks().next();
  assert.is(first.done, false);
});

test('windows across batch boundaries: inside, at the edge of and between batches', () => {
  const b1 = ARROW_BATCH_ROWS;
  const b2 = 2 * ARROW_BATCH_ROWS;
  const c = series('NQ', N, [b1, b2]); // an hour's gap between the batches
  const store = new HistoryStore(tempDir());
  store.save(c, { source: 'test' });
  const ts = c.tsMs;
  const windows: [string, BarWindow, number][] = [
    ['whole', {}, 3],
    ['inside batch 1 to inside batch 3', { fromMs: ts[1000], toMs: ts[b2 + 500] }, 3],
    ['from the first bar of batch 2 to the first bar of batch 3 (exclusive)', { fromMs: ts[b1], toMs: ts[b2] }, 1],
    ['the last bar of batch 1 only', { fromMs: ts[b1 - 1], toMs: ts[b1 - 1] + 1 }, 1],
    ['the last bar of batch 1 and the first of batch 2', { fromMs: ts[b1 - 1], toMs: ts[b1] + 1 }, 2],
    ['from between batches 1 and 2 to between batches 2 and 3', { fromMs: ts[b1 - 1] + 30 * MIN, toMs: ts[b2 - 1] + 30 * MIN }, 1],
    ['inside batch 3 only', { fromMs: ts[b2 + 10], toMs: ts[b2 + 20] }, 1],
    ['from only', { fromMs: ts[b1 + 5] }, 2],
    ['to only', { toMs: ts[b1 + 5] }, 2],
    ['the very last bar', { fromMs: ts[N - 1] }, 1],
    ['inside the gap: empty', { fromMs: ts[b1 - 1] + 10 * MIN, toMs: ts[b1 - 1] + 20 * MIN }, 0],
    ['before everything: empty', { toMs: ts[0] }, 0],
    ['after everything: empty', { fromMs: ts[N - 1] + 1 }, 0],
    ['from == to: empty', { fromMs: ts[500], toMs: ts[500] }, 0],
  ];
  for (const [name, w, chunks] of windows) {
    const want = cut(c, w);
    const got = collect(store.open('NQ', '1m'), w);
    assert.is(got.chunks, chunks, `${name}: chunks`);
    sameBars(got.columns, want, name);
    sameBars(store.load('NQ', '1m', w), want, `${name} (load)`);
    const st = store.open('NQ', '1m').stats(w);
    assert.is(st.bars, want.length, `${name}: stats.bars`);
    if (want.length === 0) assert.ok(Number.isNaN(st.fromMs) && Number.isNaN(st.toMs), name);
    else assert.equal([st.fromMs, st.toMs], [want.tsMs[0], want.tsMs[want.length - 1]], `${name}: stats span`);
  }
  // A range given to open() and a window given to chunks() intersect.
  const ranged = store.open('NQ', '1m', { fromMs: ts[b1 - 100], toMs: ts[b2 + 100] });
  sameBars(collect(ranged).columns, cut(c, { fromMs: ts[b1 - 100], toMs: ts[b2 + 100] }), 'open range');
  sameBars(collect(ranged, { fromMs: ts[b1 + 7] }).columns, cut(c, { fromMs: ts[b1 + 7], toMs: ts[b2 + 100] }), 'open range ∩ window');
  assert.is(ranged.stats({ toMs: ts[b1] }).bars, 100);
});

test('old single-batch files still read: load, stream (one chunk), windows, metadata', () => {
  const c = series('ES', 100_000);
  const dir = tempDir();
  const store = new HistoryStore(dir);
  const path = store.arrowPath('ES', '1m');
  writeSingleBatch(path, c, { symbol: 'ES', timeframe: '1m', bars: c.length, fromMs: c.tsMs[0], toMs: c.tsMs[c.length - 1], source: 'old', updatedAt: 'then' });
  assert.is(ArrowBarFile.open(path)!.batches.length, 1);
  sameBars(store.load('ES', '1m'), c, 'load');
  const streamed = collect(store.open('ES', '1m'));
  assert.is(streamed.chunks, 1);
  sameBars(streamed.columns, c, 'stream');
  const w = { fromMs: c.tsMs[70_000], toMs: c.tsMs[80_000] };
  sameBars(store.load('ES', '1m', w), cut(c, w), 'load window');
  assert.is(store.open('ES', '1m').stats(w).bars, 10_000);
  assert.is(store.meta('ES', '1m').source, 'old', 'no sidecar: the metadata in the schema');
  const resolved = store.resolveDataArg('ES');
  assert.ok(resolved.bars instanceof ArrowBarStream, 'a stored symbol resolves to a stream');
  sameBars(resolved.columns, c, 'resolveDataArg(...).columns');
});

test('other Arrow layouts are read whole; missing, mistyped and null columns are data errors', () => {
  const dir = tempDir();
  const c = series('ES', 1000);
  // An extra Int32 column: not a layout the batch reader walks, read whole instead.
  const extra = join(dir, 'extra.arrow');
  const t = makeTable({ tsMs: c.tsMs, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, n: new Int32Array(1000) });
  writeFileSync(extra, tableToIPC(t, 'file'));
  assert.is(ArrowBarFile.open(extra), null);
  const opened = openBarStream(extra, { symbol: 'ES', timeframe: '1m' });
  sameBars(collect(opened.bars).columns, c, 'extra column');
  sameBars(readBarsArrow(extra, { symbol: 'ES', timeframe: '1m' }).columns, c, 'extra column, readBarsArrow');
  // The stream flavour (no footer) too.
  const stream = join(dir, 'stream.arrow');
  writeFileSync(stream, tableToIPC(makeTable({ tsMs: c.tsMs, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume }), 'stream'));
  sameBars(readBarsArrow(stream, { symbol: 'ES', timeframe: '1m' }).columns, c, 'stream flavour');
  // Missing column, wrong type, nulls.
  const missing = join(dir, 'missing.arrow');
  writeFileSync(missing, tableToIPC(makeTable({ tsMs: c.tsMs, open: c.open, high: c.high, low: c.low, close: c.close }), 'file'));
  assert.throws(() => openBarStream(missing), (e: unknown) => e instanceof DataError && /no column volume/.test(e.message) && e.file === missing);
  const typed = join(dir, 'typed.arrow');
  writeFileSync(typed, tableToIPC(makeTable({ tsMs: c.tsMs, open: c.open, high: c.high, low: c.low, close: c.close, volume: new Int32Array(1000) }), 'file'));
  assert.throws(() => openBarStream(typed), (e: unknown) => e instanceof DataError && /volume is Int32, expected Float64/.test(e.message));
  const nulls = join(dir, 'nulls.arrow');
  const vol = vectorFromArray(Array.from(c.volume, (v, i) => (i === 3 ? null : v)), new Float64());
  writeFileSync(nulls, tableToIPC(new Table({ tsMs: vectorFromArray(Array.from(c.tsMs), new Float64()), open: vectorFromArray(Array.from(c.open), new Float64()), high: vectorFromArray(Array.from(c.high), new Float64()), low: vectorFromArray(Array.from(c.low), new Float64()), close: vectorFromArray(Array.from(c.close), new Float64()), volume: vol }), 'file'));
  assert.throws(() => openBarStream(nulls), (e: unknown) => e instanceof DataError && /volume has 1 nulls/.test(e.message));
  // Truncated: the footer is gone.
  const whole = encodeBarsArrow(c);
  const cutFile = join(dir, 'cut.arrow');
  writeFileSync(cutFile, whole.subarray(0, whole.length - 100));
  assert.throws(() => openBarStream(cutFile), (e: unknown) => e instanceof DataError && e.file === cutFile);
});

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test.run();
