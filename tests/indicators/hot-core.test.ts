/** The hot core against technicalindicators on a seeded random walk (3 000 bars at ~20 000). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ATR, BollingerBands as TiBollinger, EMA, Highest, Lowest, MACD, RSI, SD, SMA, Stochastic as TiStochastic, VWAP, WMA } from 'technicalindicators';
import { Atr, BollingerBands, DonchianChannel, Ema, Macd, Rsi, Sma, Stochastic, Vwap, Wma } from '../../framework/indicators/index.ts';
import type { Indicator } from '../../framework/indicators/index.ts';
import { MS_PER_DAY } from '../../framework/core/time.ts';
import { closes, highs, lows, randomWalkBars, relClose, volumes } from './series.ts';

const BARS = randomWalkBars(3000, 42);
const CLOSES = closes(BARS);

/** Feeds every bar, collecting f(value) once ready. */
function run<V, R>(ind: Indicator<V>, pick: (v: V) => R): R[] {
  const out: R[] = [];
  for (const b of BARS) {
    ind.updateBar(b);
    if (ind.isReady) out.push(pick(ind.value));
  }
  return out;
}

/** Compare the tails (technicalindicators' arrays start at its first defined output). */
function assertSeries(name: string, ours: readonly number[], theirs: readonly number[], rel = 1e-9, floor = 1): void {
  assert.ok(ours.length > 0, `${name}: no values`);
  assert.is(ours.length, theirs.length, `${name}: ${ours.length} values vs ${theirs.length}`);
  for (let i = 0; i < ours.length; i++) {
    if (!relClose(ours[i], theirs[i], rel, floor)) assert.unreachable(`${name}[${i}]: ${ours[i]} vs ${theirs[i]}`);
  }
}

for (const period of [1, 2, 14, 20, 200]) {
  test(`sma(${period}) matches technicalindicators`, () => {
    assertSeries('sma', run(new Sma(period), (v) => v), SMA.calculate({ period, values: CLOSES }));
  });
  test(`ema(${period}) matches technicalindicators`, () => {
    assertSeries('ema', run(new Ema(period), (v) => v), EMA.calculate({ period, values: CLOSES }));
  });
  test(`wma(${period}) matches technicalindicators`, () => {
    assertSeries('wma', run(new Wma(period), (v) => v), WMA.calculate({ period, values: CLOSES }));
  });
}

test('price sources feed the right field', () => {
  const hl2 = BARS.map((b) => (b.high + b.low) / 2);
  assertSeries('sma hl2', run(new Sma(10, 'hl2'), (v) => v), SMA.calculate({ period: 10, values: hl2 }));
  const s = new Sma(3);
  for (const x of [1, 2, 3, 4]) s.update(x);
  assert.is(s.value, 3);
});

test('rsi(14) is within 0.005 of technicalindicators (which rounds to 2 decimals)', () => {
  const ours = run(new Rsi(14), (v) => v);
  const theirs = RSI.calculate({ period: 14, values: CLOSES });
  assert.is(ours.length, theirs.length);
  ours.forEach((x, i) => assert.ok(Math.abs(x - theirs[i]) <= 0.005 + 1e-9, `rsi[${i}] ${x} vs ${theirs[i]}`));
  assert.ok(ours.some((x) => Math.round(x * 100) / 100 !== x), 'ours is not rounded');
});

test('rsi on a hand-computed series (period 3)', () => {
  // changes +1 +1 −1 +2 −1. Seed: avgGain 2/3, avgLoss 1/3 -> RS 2 -> 66.67.
  // then avgGain (2/3·2+2)/3 = 10/9, avgLoss (1/3·2)/3 = 2/9 -> RS 5 -> 83.33;
  // then avgGain 20/27, avgLoss (4/9+1)/3 = 13/27 -> RS 20/13 -> 100 − 1300/33.
  const r = new Rsi(3);
  const seen: number[] = [];
  for (const x of [10, 11, 12, 11, 13, 12]) {
    r.update(x);
    seen.push(r.value);
  }
  assert.ok(seen.slice(0, 3).every(Number.isNaN));
  assert.ok(Math.abs(seen[3] - 200 / 3) < 1e-12, String(seen[3]));
  assert.ok(Math.abs(seen[4] - 250 / 3) < 1e-12, String(seen[4]));
  assert.ok(Math.abs(seen[5] - (100 - 1300 / 33)) < 1e-12, String(seen[5]));
});

test('rsi is 100 with no losses and 0 with no gains', () => {
  const up = new Rsi(3);
  const down = new Rsi(3);
  for (let i = 0; i < 6; i++) {
    up.update(100 + i);
    down.update(100 - i);
  }
  assert.is(up.value, 100);
  assert.is(down.value, 0);
});

test('atr(14) matches technicalindicators', () => {
  const theirs = ATR.calculate({ period: 14, high: highs(BARS), low: lows(BARS), close: CLOSES });
  assertSeries('atr', run(new Atr(14), (v) => v), theirs);
});

test('bollinger(20,2) matches technicalindicators, sigma to 1e-9 relative', () => {
  const theirs = TiBollinger.calculate({ period: 20, stdDev: 2, values: CLOSES });
  const ind = new BollingerBands(20, 2);
  assertSeries('middle', run(ind, (v) => v.middle), theirs.map((t) => t.middle));
  ind.reset();
  assertSeries('upper', run(ind, (v) => v.upper), theirs.map((t) => t.upper));
  ind.reset();
  assertSeries('lower', run(ind, (v) => v.lower), theirs.map((t) => t.lower));
  ind.reset();
  const sd = SD.calculate({ period: 20, values: CLOSES });
  assertSeries('sigma', run(ind, (v) => v.width / 4), sd, 1e-9, 0);
  ind.reset();
  assertSeries('percentB', run(ind, (v) => v.percentB), theirs.map((t) => t.pb), 1e-6);
});

test('bollinger value is one reused object', () => {
  const ind = new BollingerBands(5);
  const v = ind.value;
  for (const b of BARS.slice(0, 10)) ind.updateBar(b);
  assert.is(ind.value, v);
  assert.ok(Number.isFinite(v.middle));
});

test('macd(12,26,9) matches technicalindicators (EMA oscillator and signal)', () => {
  const theirs = MACD.calculate({ values: CLOSES, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false });
  const full = theirs.filter((t) => t.signal !== undefined);
  const scale = 20_000; // compare at price scale: histogram crosses zero
  const ind = new Macd();
  assertSeries('macd', run(ind, (v) => v.macd), full.map((t) => t.MACD!), 1e-9, scale);
  ind.reset();
  assertSeries('signal', run(ind, (v) => v.signal), full.map((t) => t.signal!), 1e-9, scale);
  ind.reset();
  assertSeries('histogram', run(ind, (v) => v.histogram), full.map((t) => t.histogram!), 1e-9, scale);
  // The macd line is published before the signal is ready.
  const early = new Macd();
  for (const b of BARS.slice(0, 26)) early.updateBar(b);
  assert.is(early.isReady, false);
  assert.ok(relClose(early.value.macd, theirs[0].MACD!, 1e-9, scale));
  assert.ok(Number.isNaN(early.value.signal));
});

test('stochastic(14,1,3) matches technicalindicators', () => {
  const theirs = TiStochastic.calculate({ period: 14, signalPeriod: 3, high: highs(BARS), low: lows(BARS), close: CLOSES });
  const full = theirs.filter((t) => t.d !== undefined);
  const ind = new Stochastic(14, 1, 3);
  assertSeries('k', run(ind, (v) => v.k), full.map((t) => t.k), 1e-9, 100);
  ind.reset();
  assertSeries('d', run(ind, (v) => v.d), full.map((t) => t.d), 1e-9, 100);
});

test('stochastic %K smoothing = SMA of technicalindicators %K', () => {
  const rawK = TiStochastic.calculate({ period: 14, signalPeriod: 3, high: highs(BARS), low: lows(BARS), close: CLOSES }).map((t) => t.k);
  const slowK = SMA.calculate({ period: 3, values: rawK });
  const slowD = SMA.calculate({ period: 3, values: slowK });
  const ind = new Stochastic(14, 3, 3);
  assert.is(ind.warmupBars, 14 + 2 + 2);
  assertSeries('slow d', run(ind, (v) => v.d), slowD, 1e-9, 100);
  ind.reset();
  assertSeries('slow k', run(ind, (v) => v.k), slowK.slice(2), 1e-9, 100);
});

test('stochastic flat window gives 50', () => {
  const ind = new Stochastic(3, 1, 1);
  for (let i = 0; i < 3; i++) ind.updateBar({ tsMs: i, open: 5, high: 5, low: 5, close: 5, volume: 1 });
  assert.is(ind.value.k, 50);
});

for (const period of [1, 5, 20, 55]) {
  test(`donchian(${period}) matches technicalindicators Highest/Lowest`, () => {
    const hi = Highest.calculate({ period, values: highs(BARS) });
    const lo = Lowest.calculate({ period, values: lows(BARS) });
    const ind = new DonchianChannel(period);
    const got = run(ind, (v) => ({ ...v }));
    assert.is(got.length, hi.length);
    got.forEach((g, i) => {
      assert.is(g.upper, hi[i]);
      assert.is(g.lower, lo[i]);
      assert.is(g.middle, (hi[i] + lo[i]) / 2);
    });
  });
}

test('vwap matches technicalindicators per UTC day and resets at each day', () => {
  const ours = run(new Vwap(), (v) => v);
  const theirs: number[] = [];
  let start = 0;
  for (let i = 1; i <= BARS.length; i++) {
    if (i === BARS.length || Math.floor(BARS[i].tsMs / MS_PER_DAY) !== Math.floor(BARS[start].tsMs / MS_PER_DAY)) {
      const day = BARS.slice(start, i);
      theirs.push(...VWAP.calculate({ high: highs(day), low: lows(day), close: closes(day), volume: volumes(day) }));
      start = i;
    }
  }
  assert.ok(BARS[BARS.length - 1].tsMs - BARS[0].tsMs > 5 * MS_PER_DAY, 'series spans several days');
  assertSeries('vwap', ours, theirs);
});

test('vwap uses the caller dayOf and is not ready on a zero-volume session open', () => {
  // Sessions start at 22:00 UTC (17:00 CT in winter).
  const dayOf = (tsMs: number): number => Math.floor((tsMs + 2 * 3_600_000) / MS_PER_DAY);
  const v = new Vwap({ dayOf });
  const at = (h: number, price: number, volume: number) => ({ tsMs: Date.UTC(2025, 0, 6, h), open: price, high: price, low: price, close: price, volume });
  v.updateBar(at(20, 100, 10));
  v.updateBar(at(21, 200, 10));
  assert.is(v.value, 150);
  v.updateBar(at(22, 300, 0)); // new session, no volume yet
  assert.is(v.isReady, false);
  assert.ok(Number.isNaN(v.value));
  v.updateBar(at(23, 400, 5));
  assert.is(v.value, 400);
});

test.run();
