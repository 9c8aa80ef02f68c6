import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ADX, CCI, MFI, OBV, PSAR, ROC, TRIX, WilliamsR } from 'technicalindicators';
import { ConfigError } from '../../framework/core/errors.ts';
import { createIndicator, INDICATOR_NAMES, listIndicators } from '../../framework/indicators/index.ts';
import type { AnyIndicator } from '../../framework/indicators/index.ts';
import { closes, highs, lows, randomWalkBars, volumes } from './series.ts';

const BARS = randomWalkBars(1500, 5);
const H = highs(BARS);
const L = lows(BARS);
const C = closes(BARS);
const V = volumes(BARS);

function outputs(ind: AnyIndicator): unknown[] {
  const out: unknown[] = [];
  for (const b of BARS) {
    ind.updateBar(b);
    if (ind.isReady) out.push(typeof ind.value === 'object' ? { ...ind.value } : ind.value);
  }
  return out;
}

function throwsConfig(fn: () => unknown, hintIncludes: string): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, ConfigError);
    const text = `${(e as ConfigError).message} ${(e as ConfigError).hint ?? ''}`;
    assert.ok(text.includes(hintIncludes), `'${text}' lacks '${hintIncludes}'`);
    return;
  }
  assert.unreachable('expected ConfigError');
}

test('the catalogue has the required names', () => {
  for (const name of ['sma', 'ema', 'wma', 'rsi', 'atr', 'bollinger', 'macd', 'stochastic', 'donchian', 'vwap', 'adx', 'cci', 'obv', 'williams-r', 'roc', 'psar', 'mfi', 'trix', 'bullish-engulfing', 'bearish-engulfing', 'doji', 'hammer', 'shooting-star', 'morning-star']) {
    assert.ok(INDICATOR_NAMES.includes(name), name);
  }
  const info = listIndicators().find((i) => i.name === 'macd');
  assert.equal(info?.params, { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, source: 'close' });
});

test('unknown names and params throw ConfigError listing the valid ones', () => {
  throwsConfig(() => createIndicator('supertrend'), 'bullish-engulfing');
  throwsConfig(() => createIndicator('sma', { length: 5 }), 'valid params: period, source');
  throwsConfig(() => createIndicator('obv', { period: 5 }), 'takes no params');
  throwsConfig(() => createIndicator('sma', { period: 0 }), 'period must be an integer >= 1');
  throwsConfig(() => createIndicator('ema', { period: 2.5 }), 'period');
  throwsConfig(() => createIndicator('bollinger', { stdDev: -1 }), 'stdDev');
  throwsConfig(() => createIndicator('rsi', { source: 'vwap' }), 'hlc3');
  throwsConfig(() => createIndicator('vwap', { dayOf: 3 }), 'function');
});

test('names ignore case and separators; numbers may be strings', () => {
  assert.is(createIndicator('WilliamsR').name, 'williams-r(14)');
  assert.is(createIndicator('Bullish_Engulfing').name, 'bullish-engulfing');
  assert.is(createIndicator('sma', { period: '7' }).name, 'sma(7)');
  assert.is(createIndicator('sma', { period: 7, source: 'hl2' }).name, 'sma(7,hl2)');
});

test('catalogue indicators reproduce technicalindicators batch results', () => {
  assert.equal(outputs(createIndicator('adx', { period: 14 })), ADX.calculate({ period: 14, high: H, low: L, close: C }).map((o) => ({ ...o })));
  assert.equal(outputs(createIndicator('cci', { period: 20 })), CCI.calculate({ period: 20, high: H, low: L, close: C }));
  assert.equal(outputs(createIndicator('williams-r', { period: 14 })), WilliamsR.calculate({ period: 14, high: H, low: L, close: C }));
  assert.equal(outputs(createIndicator('mfi', { period: 14 })), MFI.calculate({ period: 14, high: H, low: L, close: C, volume: V }));
  assert.equal(outputs(createIndicator('roc', { period: 12 })), ROC.calculate({ period: 12, values: C }));
  assert.equal(outputs(createIndicator('trix', { period: 18 })), TRIX.calculate({ period: 18, values: C }));
  assert.equal(outputs(createIndicator('psar')), PSAR.calculate({ step: 0.02, max: 0.2, high: H, low: L }));
  assert.equal(outputs(createIndicator('obv')), OBV.calculate({ close: C, volume: V }));
});

test('hot-core names in the catalogue build the hot-core classes', () => {
  const m = createIndicator('macd', { fastPeriod: 5, slowPeriod: 10, signalPeriod: 3 });
  assert.is(m.name, 'macd(5,10,3)');
  assert.is(m.warmupBars, 12);
  assert.is(createIndicator('stochastic').warmupBars, 16);
});

test('candle patterns fire on the bar that completes them', () => {
  const bar = (open: number, high: number, low: number, close: number) => ({ tsMs: 0, open, high, low, close, volume: 1 });
  const engulf = createIndicator('bullish-engulfing');
  engulf.updateBar(bar(10, 10.2, 8.8, 9)); // bearish
  assert.is(engulf.isReady, false);
  assert.is(engulf.value, false);
  engulf.updateBar(bar(8.9, 10.4, 8.8, 10.3)); // opens below, closes above the prior body
  assert.is(engulf.isReady, true);
  assert.is(engulf.value, true);
  engulf.updateBar(bar(10.3, 10.5, 10.1, 10.4));
  assert.is(engulf.value, false);

  const doji = createIndicator('doji');
  doji.updateBar(bar(10, 10.5, 9.5, 10));
  assert.is(doji.value, true);
  doji.updateBar(bar(10, 11, 9.5, 10.8));
  assert.is(doji.value, false);
});

test('some patterns fire somewhere on random data, and only booleans come out', () => {
  const many = randomWalkBars(5000, 11);
  let fired = 0;
  for (const name of ['doji', 'bullish-engulfing', 'bearish-engulfing', 'hammer', 'shooting-star']) {
    const ind = createIndicator(name);
    for (const b of many) {
      ind.updateBar(b);
      assert.type(ind.value, 'boolean');
      if (ind.value === true) fired++;
    }
  }
  assert.ok(fired > 0);
});

test.run();
