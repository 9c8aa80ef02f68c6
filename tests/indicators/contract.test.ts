import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { indicatorContract } from './indicator-contract.ts';
import { atr, bollinger, donchian, ema, macd, rsi, sma, stochastic, vwap, wma } from '../../framework/indicators/index.ts';
import { createIndicator, INDICATOR_NAMES } from '../../framework/indicators/catalogue.ts';

indicatorContract('sma(20)', () => sma(20));
indicatorContract('sma(1)', () => sma(1));
indicatorContract('ema(20)', () => ema(20));
indicatorContract('wma(20)', () => wma(20, 'hlc3'));
indicatorContract('rsi(14)', () => rsi(14));
indicatorContract('atr(14)', () => atr(14));
indicatorContract('bollinger(20,2)', () => bollinger(20, 2));
indicatorContract('macd(12,26,9)', () => macd());
indicatorContract('stochastic(14,1,3)', () => stochastic());
indicatorContract('stochastic(14,3,3)', () => stochastic(14, 3, 3));
indicatorContract('donchian(20)', () => donchian(20));
indicatorContract('vwap', () => vwap());
for (const name of INDICATOR_NAMES) indicatorContract(`catalogue ${name}`, () => createIndicator(name));
// Non-default periods, so warm-up formulas are checked beyond the defaults.
for (const [name, params] of [['adx', { period: 5 }], ['mfi', { period: 5 }], ['trix', { period: 4 }], ['roc', { period: 3 }], ['cci', { period: 7 }], ['williams-r', { period: 3 }]] as const) {
  indicatorContract(`catalogue ${name} ${JSON.stringify(params)}`, () => createIndicator(name, params));
}

test('every catalogue name was covered', () => {
  assert.ok(INDICATOR_NAMES.length >= 30);
});

test.run();
