import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../../framework/core/errors.ts';
import { isoUtc, parseTimestamp } from '../../framework/core/time.ts';
import { formatBarsCsv, parseBarsCsv, parseNumberBytes, readBarsCsv, writeBarsCsv } from '../../framework/store/csv-bars.ts';
import { parseTimestampBytes } from '../../framework/store/fast-timestamp.ts';

const ES_FIXTURE = join(import.meta.dirname, '../fixtures/es_1m_esz13_2013-10-06_2013-10-11.csv');
const HEADER = 'timestamp,open,high,low,close,volume\n';
const opts = { symbol: 'ES', timeframe: '1m', file: 'bad.csv' };

/** Parse and return the DataError it must throw, as the CLI would print it. */
function failure(body: string, extra: { tickSize?: number } = {}): { err: DataError; printed: string } {
  try {
    parseBarsCsv(body, { ...opts, ...extra });
  } catch (err) {
    assert.instance(err, DataError);
    const e = err as DataError;
    return { err: e, printed: `error: ${e.message} (${e.where}) — ${e.hint}` };
  }
  throw new Error('expected a DataError');
}

const OK1 = '2024-01-02T14:30:00Z,100,101,99,100.5,10\n';

test('ES fixture imports: 6826 bars from 2013-10-06T22:00:00Z', () => {
  const c = readBarsCsv(ES_FIXTURE, { symbol: 'ES', timeframe: '1m', tickSize: 0.25 });
  assert.is(c.length, 6826);
  assert.is(c.tsMs.length, 6826);
  assert.is(isoUtc(c.tsMs[0]), '2013-10-06T22:00:00.000Z');
  assert.is(isoUtc(c.tsMs[c.length - 1]), '2013-10-11T21:14:00.000Z');
  assert.equal([c.open[0], c.high[0], c.low[0], c.close[0], c.volume[0]], [1676.75, 1677.25, 1673.5, 1675.25, 1884]);
  assert.is(c.symbol, 'ES');
  assert.is(c.timeframe, '1m');
});

test('ISO timestamps with offsets are converted to UTC', () => {
  const c = parseBarsCsv(
    HEADER +
      '2006-01-02T09:01:00+01:00,3602,3603,3597,3599,5699\n' +
      '2006-01-02T09:02:00.250+01:00,3602,3603,3597,3599,1\n' +
      '2006-01-02 08:03-05:30,3602,3603,3597,3599,1\n',
    opts,
  );
  assert.is(isoUtc(c.tsMs[0]), '2006-01-02T08:01:00.000Z');
  assert.is(isoUtc(c.tsMs[1]), '2006-01-02T08:02:00.250Z');
  assert.is(isoUtc(c.tsMs[2]), '2006-01-02T13:33:00.000Z');
});

test('epoch seconds, epoch ms and bare dates are accepted', () => {
  const c = parseBarsCsv(HEADER + '2024-01-01,1,1,1,1,0\n1704153600,1,1,1,1,0\n1704240000000,1,1,1,1,0\n', opts);
  assert.equal(Array.from(c.tsMs), [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
});

test('fast timestamp path agrees with core parseTimestamp', () => {
  const samples = [
    '2013-10-06T22:00:00Z', '2013-10-06T22:00Z', '2013-10-06 22:00:00+01:00', '2013-10-06T22:00:00.123456-04:00',
    '2013-10-06T22:00:00.1Z', '2024-02-29T23:59:59Z', '2013-10-06', '1381096800', '1381096800000', '1999-12-31T23:59:59.999+14:00',
  ];
  const enc = new TextEncoder();
  for (const s of samples) {
    const b = enc.encode(s);
    const fast = parseTimestampBytes(b, 0, b.length);
    assert.ok(!Number.isNaN(fast), `fast path should take ${s}`);
    assert.is(fast, parseTimestamp(s), s);
  }
  for (const s of ['2013-10-06T22:00:00', '2013-13-01', '2023-02-29', '2013-10-06T24:00:00Z', '2013/10/06', '138109680']) {
    const b = enc.encode(s);
    assert.ok(Number.isNaN(parseTimestampBytes(b, 0, b.length)), `fast path must refuse ${s}`);
  }
});

test('numbers parse exactly like Number()', () => {
  const enc = new TextEncoder();
  for (const s of ['1676.75', '0.1', '0.3', '-12.5', '+3', '0.000123', '123456789012345', '4321.1234567', '00.50', '7.']) {
    const b = enc.encode(s);
    assert.is(parseNumberBytes(b, 0, b.length), Number(s), s);
  }
  for (const s of ['1e5', '1234567890123456789', 'abc', '', '1.2.3', ' 1']) {
    const b = enc.encode(s);
    assert.ok(Number.isNaN(parseNumberBytes(b, 0, b.length)), s);
  }
});

test('header: case-insensitive, any order, extra columns ignored, time/date/datetime names', () => {
  const c = parseBarsCsv('Symbol,VOLUME,Close,Low,High,Open,DateTime\nES,5,2,1,3,2.5,2024-01-02T00:00:00Z\n', opts);
  assert.equal([c.open[0], c.high[0], c.low[0], c.close[0], c.volume[0]], [2.5, 3, 1, 2, 5]);
  for (const name of ['time', 'date', 'Date']) {
    assert.is(parseBarsCsv(`${name},open,high,low,close\r\n2024-01-02,1,2,1,2\r\n`, opts).volume[0], 0);
  }
  const q = parseBarsCsv('\uFEFF"timestamp","open","high","low","close","volume"\n2024-01-02,1,2,1,2,7\n', opts);
  assert.is(q.volume[0], 7);
});

test('bad header and empty input are clear errors', () => {
  assert.match(failure('').err.message, /empty CSV/);
  assert.match(failure('timestamp,open,high,low\n').err.message, /no close column/);
  const noRows = failure(HEADER);
  assert.match(noRows.err.message, /no data rows/);
  assert.is(noRows.err.file, 'bad.csv');
  assert.match(failure(HEADER + '\n\n').err.message, /no data rows/);
});

test('each validation error names file:line and the problem', () => {
  const cases: Array<[string, RegExp, number, { tickSize?: number }?]> = [
    [OK1 + '2024-01-02T14:31:00Z,abc,101,99,100,1\n', /open is not a number/, 3],
    [OK1 + '2024-01-02T14:31:00Z,100,NaN,99,100,1\n', /high is not a number/, 3],
    [OK1 + '2024-01-02T14:31:00Z,100,101,,100,1\n', /low is not a number/, 3],
    [OK1 + '2024-01-02T14:31:00Z,100,99,101,100,1\n', /high 99 < low 101/, 3],
    [OK1 + '2024-01-02T14:31:00Z,102,101,99,100,1\n', /open 102 outside/, 3],
    [OK1 + '2024-01-02T14:31:00Z,100,101,99,98,1\n', /close 98 outside/, 3],
    [OK1 + '2024-01-02T14:31:00Z,100,101,99,100,-1\n', /negative volume/, 3],
    [OK1 + OK1, /duplicate timestamp/, 3],
    [OK1 + '2024-01-02T14:29:00Z,100,101,99,100,1\n', /goes backwards/, 3],
    [OK1 + '2024-01-02T14:31:00,100,101,99,100,1\n', /bad timestamp/, 3],
    [OK1 + '2024-01-02T14:31:00Z,100,101,99\n', /fields/, 3],
    [OK1 + '2024-01-02T14:31:00Z,100.1,101,99,100,1\n', /off the tick grid/, 3, { tickSize: 0.25 }],
    ['2024-01-02T14:30:00Z,100,101,99,100.25,10\n\n' + '2024-01-02T14:32:00Z,100,101,99,100,1e400\n', /volume is not a number/, 4],
  ];
  for (const [rows, kind, line, extra] of cases) {
    const { err, printed } = failure(HEADER + rows, extra);
    assert.match(err.message, kind);
    assert.is(err.line, line, `${kind}`);
    assert.is(err.where, `bad.csv:${line}`);
    assert.ok(printed.includes(`bad.csv:${line}`), printed);
    assert.ok(err.hint !== undefined && err.hint.length > 0);
  }
});

test('ISO without offset is refused with a hint about offsets', () => {
  const { err } = failure(HEADER + '2024-01-02 14:30:00,1,1,1,1,1\n');
  assert.match(err.message, /bad timestamp "2024-01-02 14:30:00"/);
  assert.match(err.hint ?? '', /offset/);
});

test('a tick size on the grid passes; a missing file is a DataError', () => {
  const c = parseBarsCsv(HEADER + '2024-01-02T14:30:00Z,100.25,101.5,99.75,100,10\n', { ...opts, tickSize: 0.25 });
  assert.is(c.length, 1);
  assert.throws(() => readBarsCsv('/nonexistent/x.csv', { symbol: 'ES', timeframe: '1m' }), (e: unknown) => e instanceof DataError && /ENOENT/.test((e as Error).message));
});

test('CSV export round-trips exactly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxt-csv-'));
  try {
    const c = readBarsCsv(ES_FIXTURE, { symbol: 'ES', timeframe: '1m' });
    const out = join(dir, 'out.csv');
    writeBarsCsv(out, c);
    const back = readBarsCsv(out, { symbol: 'ES', timeframe: '1m' });
    assert.equal(back, c);
    assert.ok(readFileSync(out, 'utf8').startsWith('timestamp,open,high,low,close,volume\n2013-10-06T22:00:00.000Z,1676.75,'));
    assert.is(formatBarsCsv({ ...c, length: 0 }), HEADER);
    writeFileSync(join(dir, 'x'), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
