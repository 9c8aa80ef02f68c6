import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../framework/core/errors.ts';
import type { BarColumns } from '../../framework/model/bar-columns.ts';
import { mergeBars } from '../../framework/store/merge-bars.ts';
import { missingRanges } from '../../framework/store/missing-ranges.ts';

const M = 60_000;
function bars(ts: number[], price: number, timeframe = '1m'): BarColumns {
  const n = ts.length;
  const f = (v: number) => Float64Array.from({ length: n }, () => v);
  return { symbol: 'ES', timeframe, length: n, tsMs: Float64Array.from(ts), open: f(price), high: f(price), low: f(price), close: f(price), volume: f(1) };
}

test('mergeBars: sorted union, incoming wins on the same timestamp', () => {
  const a = bars([1 * M, 2 * M, 3 * M, 6 * M], 100);
  const b = bars([0, 3 * M, 4 * M, 7 * M], 200);
  const m = mergeBars(a, b);
  assert.equal(Array.from(m.tsMs), [0, 1 * M, 2 * M, 3 * M, 4 * M, 6 * M, 7 * M]);
  assert.equal(Array.from(m.close), [200, 100, 100, 200, 200, 100, 200]);
  assert.is(m.length, 7);
  assert.is(m.tsMs.length, 7, 'exact-length buffers');
  assert.is(m.symbol, 'ES');
});

test('mergeBars: empty sides and timeframe mismatch', () => {
  const a = bars([M], 1);
  assert.is(mergeBars(undefined, a), a);
  assert.is(mergeBars(bars([], 0), a), a);
  assert.is(mergeBars(a, bars([], 0)), a);
  const same = mergeBars(a, bars([M], 2));
  assert.equal(Array.from(same.close), [2]);
  assert.throws(() => mergeBars(a, bars([M], 1, '5m')), (e: unknown) => e instanceof ConfigError);
});

test('missingRanges: before and after the stored span, never the inside gaps', () => {
  const stored = bars([10 * M, 11 * M, 50 * M, 60 * M], 1); // gap 11..50 inside is not refetched
  assert.equal(missingRanges(stored, 0, 100 * M, M), [
    { fromMs: 0, toMs: 10 * M },
    { fromMs: 61 * M, toMs: 100 * M },
  ]);
  assert.equal(missingRanges(stored, 10 * M, 61 * M, M), []);
  assert.equal(missingRanges(stored, 20 * M, 30 * M, M), []);
  assert.equal(missingRanges(stored, 0, 5 * M, M), [{ fromMs: 0, toMs: 5 * M }]);
  assert.equal(missingRanges(stored, 70 * M, 80 * M, M), [{ fromMs: 70 * M, toMs: 80 * M }]);
  assert.equal(missingRanges(stored, 30 * M, 70 * M, M), [{ fromMs: 61 * M, toMs: 70 * M }]);
  assert.equal(missingRanges(undefined, 0, 5 * M, M), [{ fromMs: 0, toMs: 5 * M }]);
  assert.equal(missingRanges(bars([], 0), 0, 5 * M, M), [{ fromMs: 0, toMs: 5 * M }]);
  assert.equal(missingRanges({ fromMs: 10 * M, toMs: 60 * M }, 0, 100 * M, M), missingRanges(stored, 0, 100 * M, M));
  assert.equal(missingRanges(stored, 5 * M, 5 * M, M), []);
});

test('download loop converges: merge what missingRanges asked for, then nothing is missing', () => {
  let stored: BarColumns | undefined = bars([10 * M, 11 * M], 1);
  for (const r of missingRanges(stored, 5 * M, 15 * M, M)) {
    const fetched: number[] = [];
    for (let t = r.fromMs; t < r.toMs; t += M) fetched.push(t);
    stored = mergeBars(stored, bars(fetched, 2));
  }
  assert.equal(Array.from(stored!.tsMs), [5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((x) => x * M));
  assert.equal(missingRanges(stored, 5 * M, 15 * M, M), []);
});

test.run();
