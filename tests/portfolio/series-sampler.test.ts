import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CandleSampler, SeriesSampler } from '../../framework/portfolio/series-sampler.ts';
import { RefCandleSampler, RefSeriesSampler } from './series-sampler-reference.ts';
import { SeededRandom } from '../../framework/core/rng.ts';

/** Irregular times (gaps of 1 to 400 minutes now and then), prices on a 0.25 grid. */
function series(seed: number, n: number): { ts: number[]; v: number[] } {
  const rng = new SeededRandom(seed);
  const ts: number[] = [];
  const v: number[] = [];
  let t = Date.UTC(2024, 0, 2, 23);
  let p = 5000;
  for (let i = 0; i < n; i++) {
    t += 60_000 * (rng.next() < 0.02 ? 1 + Math.floor(rng.next() * 400) : 1);
    p += Math.round((rng.next() - 0.5) * 8) * 0.25;
    ts.push(t);
    v.push(p);
  }
  return { ts, v };
}

test('equity sampler: same points as the array-only version, through many coarsenings, read midway too', () => {
  for (const [seed, maxPoints, bucketMs] of [[1, 50, 60_000], [2, 7, 1], [3, 2000, 3_600_000], [4, 3, 90_000]] as const) {
    const { ts, v } = series(seed, 30_000);
    const a = new SeriesSampler(bucketMs, maxPoints);
    const b = new RefSeriesSampler(bucketMs, maxPoints);
    for (let i = 0; i < ts.length; i++) {
      a.add(ts[i], v[i] * 3);
      b.add(ts[i], v[i] * 3);
      if (i % 4999 === 0) assert.equal(a.points(), b.points(), `seed ${seed} at ${i}`);
    }
    assert.equal(a.points(), b.points(), `seed ${seed}`);
  }
});

test('candle sampler: same candles as the array-only version, through many coarsenings, read midway too', () => {
  for (const [seed, maxCandles, tf, span] of [[5, 40, 60_000, 0], [6, 3000, 60_000, 30_000 * 60_000], [7, 5, 1, 0], [8, 100, 300_000, 10 * 86_400_000]] as const) {
    const { ts, v } = series(seed, 30_000);
    const a = new CandleSampler(tf, maxCandles);
    const b = new RefCandleSampler(tf, maxCandles);
    if (span > 0) {
      a.fitSpan(span);
      b.fitSpan(span);
    }
    for (let i = 0; i < ts.length; i++) {
      a.add(ts[i], v[i], v[i] + 1, v[i] - 0.5, v[i] + 0.25);
      b.add(ts[i], v[i], v[i] + 1, v[i] - 0.5, v[i] + 0.25);
      if (i % 4999 === 0) assert.equal(a.candles(), b.candles().map((r) => [...r]), `seed ${seed} at ${i}`);
    }
    assert.equal(a.candles(), b.candles().map((r) => [...r]), `seed ${seed}`);
    assert.is(a.timeframeMs, b.timeframeMs);
  }
});

test.run();
