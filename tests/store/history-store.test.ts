import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DataError } from '../../framework/core/errors.ts';
import { allocBarColumns } from '../../framework/model/bar-columns.ts';
import { decodeBarsArrow, encodeBarsArrow, readBarsArrow, writeBarsArrow } from '../../framework/store/arrow-store.ts';
import { readBarsCsv } from '../../framework/store/csv-bars.ts';
import { HistoryStore } from '../../framework/store/history-store.ts';

const ES_FIXTURE = join(import.meta.dirname, '../fixtures/es_1m_esz13_2013-10-06_2013-10-11.csv');
const es = readBarsCsv(ES_FIXTURE, { symbol: 'ES', timeframe: '1m', tickSize: 0.25 });
const FIXED_NOW = Date.UTC(2025, 0, 1);
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pxt-store-'));
  dirs.push(d);
  return d;
}

test('Arrow round trip is exact, with metadata', () => {
  const bytes = encodeBarsArrow(es, {
    symbol: 'ES', timeframe: '1m', bars: es.length, fromMs: es.tsMs[0], toMs: es.tsMs[es.length - 1], source: 'x', updatedAt: 'now',
  });
  const { columns, meta } = decodeBarsArrow(bytes);
  assert.equal(columns, es);
  assert.is(meta?.bars, 6826);
  assert.is(columns.tsMs instanceof Float64Array, true);
});

test('load maps columns onto the file buffer (no copy)', () => {
  const dir = tempDir();
  const path = join(dir, 'es.arrow');
  writeBarsArrow(path, es);
  const { columns } = readBarsArrow(path, { symbol: 'ES', timeframe: '1m' });
  assert.is(columns.open.buffer, columns.close.buffer, 'all columns view one file buffer');
  assert.equal(Array.from(columns.close.subarray(0, 3)), Array.from(es.close.subarray(0, 3)));
});

test('HistoryStore save / has / list / load by range', () => {
  const store = new HistoryStore(tempDir(), { nowMs: () => FIXED_NOW });
  assert.equal(store.list(), []);
  assert.is(store.has('ES', '1m'), false);
  const meta = store.save(es, { source: 'fixture', tickSize: 0.25 });
  assert.is(meta.updatedAt, '2025-01-01T00:00:00.000Z');
  assert.is(meta.bars, 6826);
  assert.ok(meta.gaps !== undefined && meta.gaps.session === 4);
  assert.is(store.has('ES', '1m'), true);
  assert.is(store.has('es', '1m'), true);
  const [info] = store.list();
  assert.equal(
    { symbol: info.symbol, timeframe: info.timeframe, fromMs: info.fromMs, toMs: info.toMs, bars: info.bars, gaps: info.gaps },
    { symbol: 'ES', timeframe: '1m', fromMs: Date.UTC(2013, 9, 6, 22), toMs: Date.UTC(2013, 9, 11, 21, 14), bars: 6826, gaps: meta.gaps!.total },
  );
  assert.equal(store.load('ES', '1m'), es);
  const from = Date.UTC(2013, 9, 8);
  const to = Date.UTC(2013, 9, 9);
  const day = store.load('ES', '1m', { fromMs: from, toMs: to });
  assert.ok(day.length > 1000);
  assert.is(day.tsMs[0], from);
  assert.ok(day.tsMs[day.length - 1] < to);
  const all = store.load('ES', '1m');
  let expected = 0;
  for (let i = 0; i < all.length; i++) if (all.tsMs[i] >= from && all.tsMs[i] < to) expected++;
  assert.is(day.length, expected);
  assert.is(store.load('ES', '1m', { fromMs: Date.UTC(2020, 0, 1) }).length, 0);
});

test('writes are atomic: no temp files left, a failed write keeps the old series', () => {
  const dir = tempDir();
  const store = new HistoryStore(dir);
  store.save(es, { source: 'fixture' });
  store.save(es, { source: 'fixture again' });
  assert.equal(readdirSync(join(dir, 'ES')).sort(), ['1m.arrow', '1m.meta.json']);
  // A target that cannot be replaced (a directory in the way) fails and leaves nothing half-written.
  mkdirSync(join(dir, 'ES', '5m.arrow'));
  const five = { ...es, timeframe: '5m' };
  assert.throws(() => store.save(five, { source: 'x' }));
  assert.equal(readdirSync(join(dir, 'ES')).sort(), ['1m.arrow', '1m.meta.json', '5m.arrow']);
  assert.equal(store.load('ES', '1m'), es);
});

test('stale or missing sidecar is rebuilt from the data', () => {
  const dir = tempDir();
  const store = new HistoryStore(dir);
  store.save(es, { source: 'fixture' });
  rmSync(join(dir, 'ES', '1m.meta.json'));
  assert.is(store.list()[0].bars, 6826);
});

test('corrupt stores and bad names fail with typed errors', () => {
  const dir = tempDir();
  const store = new HistoryStore(dir);
  mkdirSync(join(dir, 'NQ'));
  writeFileSync(join(dir, 'NQ', '1m.arrow'), 'not arrow');
  assert.throws(() => store.load('NQ', '1m'), (e: unknown) => e instanceof DataError && (e as DataError).file!.endsWith('1m.arrow'));
  assert.throws(() => store.load('YM', '1m'), (e: unknown) => e instanceof DataError && /no stored series/.test((e as Error).message));
  assert.throws(() => store.load('../etc', '1m'), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => store.load('ES', '7x'), (e: unknown) => e instanceof ConfigError);
  // Bars breaking the invariants are refused on load.
  const bad = allocBarColumns('ES', '1m', 2);
  bad.tsMs.set([2, 1]);
  assert.throws(() => decodeBarsArrow(encodeBarsArrow(bad), { file: 'x.arrow' }), (e: unknown) => e instanceof DataError && (e as DataError).line === 2);
});

test('resolveDataArg: csv path, arrow path, ES and ES:1m', () => {
  const dir = tempDir();
  const store = new HistoryStore(dir);
  const fromCsv = store.resolveDataArg(ES_FIXTURE);
  assert.is(fromCsv.columns.symbol, 'ES');
  assert.is(fromCsv.columns.timeframe, '1m');
  assert.is(fromCsv.columns.length, 6826);
  assert.is(fromCsv.source, ES_FIXTURE);
  assert.is(store.resolveDataArg(ES_FIXTURE, 'mes').columns.symbol, 'MES');
  store.save(es, { source: 'fixture' });
  const a = store.resolveDataArg('ES');
  assert.is(a.source, 'store:ES:1m');
  assert.is(a.columns.length, 6826);
  assert.is(store.resolveDataArg('es:1m').columns.length, 6826);
  const arrow = store.resolveDataArg(join(dir, 'ES', '1m.arrow'));
  assert.is(arrow.columns.timeframe, '1m');
  assert.is(arrow.columns.symbol, 'ES');
  store.save({ ...es, timeframe: '5m' }, { source: 'x' });
  store.save({ ...es, symbol: 'NQ', timeframe: '5m' }, { source: 'x' });
  store.save({ ...es, symbol: 'NQ', timeframe: '1h' }, { source: 'x' });
  assert.is(store.resolveDataArg('ES').columns.timeframe, '1m', 'several timeframes: 1m preferred');
  assert.throws(() => store.resolveDataArg('NQ'), (e: unknown) => e instanceof ConfigError && /several timeframes/.test((e as Error).message));
  assert.throws(() => store.resolveDataArg('RTY'), (e: unknown) => e instanceof DataError);
  assert.throws(() => store.resolveDataArg('ES:15m'), (e: unknown) => e instanceof DataError);
  assert.equal(store.list().map((s) => `${s.symbol}:${s.timeframe}`), ['ES:1m', 'ES:5m', 'NQ:5m', 'NQ:1h']);
  assert.ok(readFileSync(join(dir, 'NQ', '1h.meta.json'), 'utf8').includes('"timeframe": "1h"'));
});

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test.run();
