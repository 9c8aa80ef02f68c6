/**
 * Streaming indicators: the O(1) hot core (our code) and the technicalindicators-backed catalogue,
 * all behind the Indicator port. Named exports only. Multi-output values ({middle, upper, lower}, ...)
 * are ONE object per indicator updated in place: copy fields to keep a past value.
 */
import type { PriceSource } from './indicator.ts';
import { Sma } from './sma.ts';
import { Ema } from './ema.ts';
import { Wma } from './wma.ts';
import { Rsi } from './rsi.ts';
import { Atr } from './atr.ts';
import { BollingerBands } from './bollinger-bands.ts';
import { Macd } from './macd.ts';
import { Stochastic } from './stochastic.ts';
import { DonchianChannel } from './donchian-channel.ts';
import { Vwap } from './vwap.ts';
import type { VwapOptions } from './vwap.ts';

export type { BarInput, PriceSource, Indicator, ValueIndicator, SeriesIndicator } from './indicator.ts';
export { sourceValue, PRICE_SOURCES } from './indicator.ts';
export { Sma } from './sma.ts';
export { Ema } from './ema.ts';
export { Wma } from './wma.ts';
export { Rsi } from './rsi.ts';
export { Atr } from './atr.ts';
export { BollingerBands } from './bollinger-bands.ts';
export type { BollingerValue } from './bollinger-bands.ts';
export { Macd } from './macd.ts';
export type { MacdValue } from './macd.ts';
export { Stochastic } from './stochastic.ts';
export type { StochasticValue } from './stochastic.ts';
export { DonchianChannel } from './donchian-channel.ts';
export type { DonchianValue } from './donchian-channel.ts';
export { Vwap } from './vwap.ts';
export type { VwapOptions } from './vwap.ts';
export { MonotonicDeque } from './monotonic-deque.ts';
export { TiIndicator } from './ti-indicator.ts';
export type { TiIndicatorSpec, TiStream } from './ti-indicator.ts';
export { CandlePattern } from './candle-pattern.ts';
export type { CandlePatternFn } from './candle-pattern.ts';
export { CANDLE_PATTERNS } from './candle-pattern-catalogue.ts';
export { createIndicator, listIndicators, INDICATOR_NAMES } from './catalogue.ts';
export type { AnyIndicator, CatalogueInfo, IndicatorParams, IndicatorParamValue, IndicatorValue } from './catalogue.ts';

export const sma = (period: number, source?: PriceSource): Sma => new Sma(period, source);
export const ema = (period: number, source?: PriceSource): Ema => new Ema(period, source);
export const wma = (period: number, source?: PriceSource): Wma => new Wma(period, source);
export const rsi = (period = 14, source?: PriceSource): Rsi => new Rsi(period, source);
export const atr = (period = 14): Atr => new Atr(period);
export const bollinger = (period = 20, stdDev = 2, source?: PriceSource): BollingerBands => new BollingerBands(period, stdDev, source);
export const macd = (fastPeriod = 12, slowPeriod = 26, signalPeriod = 9, source?: PriceSource): Macd => new Macd(fastPeriod, slowPeriod, signalPeriod, source);
export const stochastic = (period = 14, smoothK = 1, signalPeriod = 3): Stochastic => new Stochastic(period, smoothK, signalPeriod);
export const donchian = (period = 20): DonchianChannel => new DonchianChannel(period);
export const vwap = (options?: VwapOptions): Vwap => new Vwap(options);
