import { tiLib } from './ti-lib.ts';
import { ConfigError } from '../core/errors.ts';
import type { Indicator, PriceSource } from './indicator.ts';
import { PRICE_SOURCES } from './indicator.ts';
import { requirePeriod, requirePositive, requireSource } from './indicator-params.ts';
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
import { TiIndicator } from './ti-indicator.ts';
import type { TiIndicatorSpec } from './ti-indicator.ts';
import { CandlePattern } from './candle-pattern.ts';
import { CANDLE_PATTERNS } from './candle-pattern-catalogue.ts';

/** A catalogue parameter: a number, a price source name, or (vwap's dayOf) a function. */
export type IndicatorParamValue = number | string | ((tsMs: number) => number);
export type IndicatorParams = Readonly<Record<string, IndicatorParamValue>>;
/** Numbers, booleans (candle patterns) or reused objects of numbers (multi-output indicators). */
export type IndicatorValue = number | boolean | Readonly<Record<string, number>>;
export type AnyIndicator = Indicator<IndicatorValue>;

type ParamKind = 'period' | 'positive' | 'source' | 'function';
interface ParamSpec {
  readonly kind: ParamKind;
  readonly default: number | string | undefined;
}
interface Entry {
  readonly description: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly build: (p: Resolved) => AnyIndicator;
}
type Resolved = Readonly<Record<string, IndicatorParamValue | undefined>>;

export interface CatalogueInfo {
  readonly name: string;
  readonly description: string;
  /** Param name -> default ('' for none, e.g. an optional function). */
  readonly params: Readonly<Record<string, number | string>>;
}

const period = (d: number): ParamSpec => ({ kind: 'period', default: d });
const positive = (d: number): ParamSpec => ({ kind: 'positive', default: d });
const source = (d: PriceSource = 'close'): ParamSpec => ({ kind: 'source', default: d });
const n = (p: Resolved, k: string): number => p[k] as number;
const s = (p: Resolved, k: string): PriceSource => p[k] as PriceSource;

const NAN3 = (): { adx: number; pdi: number; mdi: number } => ({ adx: NaN, pdi: NaN, mdi: NaN });
const asNumber = (raw: unknown): number => raw as number;

function ti<V>(spec: TiIndicatorSpec<V>): TiIndicator<V> {
  return new TiIndicator(spec);
}

/** Warm-up lengths below are technicalindicators' (checked in tests/indicators/catalogue.test.ts). */
const ENTRIES: Record<string, Entry> = {
  sma: { description: 'simple moving average (hot core)', params: { period: period(20), source: source() }, build: (p) => new Sma(n(p, 'period'), s(p, 'source')) },
  ema: { description: 'exponential moving average, SMA-seeded (hot core)', params: { period: period(20), source: source() }, build: (p) => new Ema(n(p, 'period'), s(p, 'source')) },
  wma: { description: 'linearly weighted moving average (hot core)', params: { period: period(20), source: source() }, build: (p) => new Wma(n(p, 'period'), s(p, 'source')) },
  rsi: { description: 'relative strength index, Wilder, 0..100 (hot core)', params: { period: period(14), source: source() }, build: (p) => new Rsi(n(p, 'period'), s(p, 'source')) },
  atr: { description: 'average true range, Wilder (hot core)', params: { period: period(14) }, build: (p) => new Atr(n(p, 'period')) },
  bollinger: {
    description: 'Bollinger Bands {middle, upper, lower, width, percentB} (hot core)',
    params: { period: period(20), stdDev: positive(2), source: source() },
    build: (p) => new BollingerBands(n(p, 'period'), n(p, 'stdDev'), s(p, 'source')),
  },
  macd: {
    description: 'MACD {macd, signal, histogram}, EMA-based (hot core)',
    params: { fastPeriod: period(12), slowPeriod: period(26), signalPeriod: period(9), source: source() },
    build: (p) => new Macd(n(p, 'fastPeriod'), n(p, 'slowPeriod'), n(p, 'signalPeriod'), s(p, 'source')),
  },
  stochastic: {
    description: 'stochastic oscillator {k, d} (hot core)',
    params: { period: period(14), smoothK: period(1), signalPeriod: period(3) },
    build: (p) => new Stochastic(n(p, 'period'), n(p, 'smoothK'), n(p, 'signalPeriod')),
  },
  donchian: { description: 'Donchian channel {upper, lower, middle} (hot core)', params: { period: period(20) }, build: (p) => new DonchianChannel(n(p, 'period')) },
  vwap: {
    description: 'session VWAP, resets when dayOf(tsMs) changes, default UTC day (hot core)',
    params: { source: source('hlc3'), dayOf: { kind: 'function', default: undefined } },
    build: (p) => new Vwap({ source: s(p, 'source'), dayOf: p['dayOf'] as ((tsMs: number) => number) | undefined }),
  },
  adx: {
    description: 'average directional index {adx, pdi, mdi} (technicalindicators)',
    params: { period: period(14) },
    build: (p) =>
      ti({
        name: `adx(${n(p, 'period')})`,
        warmupBars: 2 * n(p, 'period'),
        create: () => new (tiLib().ADX)({ period: n(p, 'period'), high: [], low: [], close: [] }),
        input: 'bar',
        initial: NAN3(),
        accept: (raw, out) => Object.assign(out, raw as object),
      }),
  },
  cci: {
    description: 'commodity channel index (technicalindicators)',
    params: { period: period(20) },
    build: (p) => ti({ name: `cci(${n(p, 'period')})`, warmupBars: n(p, 'period'), create: () => new (tiLib().CCI)({ period: n(p, 'period'), high: [], low: [], close: [] }), input: 'bar', initial: NaN, accept: asNumber }),
  },
  obv: {
    description: 'on-balance volume (technicalindicators)',
    params: {},
    build: () => ti({ name: 'obv', warmupBars: 2, create: () => new (tiLib().OBV)({ close: [], volume: [] }), input: 'bar', initial: NaN, accept: asNumber }),
  },
  'williams-r': {
    description: 'Williams %R, -100..0 (technicalindicators)',
    params: { period: period(14) },
    build: (p) => ti({ name: `williams-r(${n(p, 'period')})`, warmupBars: n(p, 'period'), create: () => new (tiLib().WilliamsR)({ period: n(p, 'period'), high: [], low: [], close: [] }), input: 'bar', initial: NaN, accept: asNumber }),
  },
  roc: {
    description: 'rate of change, percent (technicalindicators)',
    params: { period: period(12), source: source() },
    build: (p) => ti({ name: `roc(${n(p, 'period')})`, warmupBars: n(p, 'period') + 1, create: () => new (tiLib().ROC)({ period: n(p, 'period'), values: [] }), input: 'value', source: s(p, 'source'), initial: NaN, accept: asNumber }),
  },
  psar: {
    description: 'parabolic SAR, price units (technicalindicators)',
    params: { step: positive(0.02), max: positive(0.2) },
    build: (p) => ti({ name: `psar(${n(p, 'step')},${n(p, 'max')})`, warmupBars: 1, create: () => new (tiLib().PSAR)({ step: n(p, 'step'), max: n(p, 'max'), high: [], low: [] }), input: 'bar', initial: NaN, accept: asNumber }),
  },
  mfi: {
    description: 'money flow index, 0..100 (technicalindicators)',
    params: { period: period(14) },
    build: (p) => ti({ name: `mfi(${n(p, 'period')})`, warmupBars: n(p, 'period') + 2, create: () => new (tiLib().MFI)({ period: n(p, 'period'), high: [], low: [], close: [], volume: [] }), input: 'bar', initial: NaN, accept: asNumber }),
  },
  trix: {
    description: 'TRIX: 1-bar rate of change of a triple EMA, percent (technicalindicators)',
    params: { period: period(18), source: source() },
    build: (p) => ti({ name: `trix(${n(p, 'period')})`, warmupBars: 3 * n(p, 'period') - 1, create: () => new (tiLib().TRIX)({ period: n(p, 'period'), values: [] }), input: 'value', source: s(p, 'source'), initial: NaN, accept: asNumber }),
  },
};

for (const [name, [bars, detect]] of Object.entries(CANDLE_PATTERNS)) {
  ENTRIES[name] = { description: `candlestick pattern over ${bars} bar(s), boolean (technicalindicators)`, params: {}, build: () => new CandlePattern(name, bars, detect) };
}

/** Every name createIndicator accepts, sorted. */
export const INDICATOR_NAMES: readonly string[] = Object.keys(ENTRIES).sort();

/** Names are matched ignoring case and separators: 'WilliamsR', 'williams_r', 'williams-r' are one name. */
const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
const BY_SQUASHED = new Map(INDICATOR_NAMES.map((k) => [squash(k), k] as const));

/** The catalogue with each indicator's params and defaults (for `--help`-style listings). */
export function listIndicators(): CatalogueInfo[] {
  return INDICATOR_NAMES.map((name) => {
    const e = ENTRIES[name];
    const params: Record<string, number | string> = {};
    for (const [k, spec] of Object.entries(e.params)) params[k] = spec.default ?? '';
    return { name, description: e.description, params };
  });
}

/**
 * Builds any catalogue indicator by name, e.g. createIndicator('adx', { period: 14 }).
 * Unknown names, unknown params and bad values throw ConfigError naming the valid choices.
 */
export function createIndicator(name: string, params: IndicatorParams = {}): AnyIndicator {
  const key = BY_SQUASHED.get(squash(name));
  if (key === undefined) {
    throw new ConfigError(`unknown indicator '${name}'`, { where: 'createIndicator', hint: `valid names: ${INDICATOR_NAMES.join(', ')}` });
  }
  const entry = ENTRIES[key];
  const resolved: Record<string, IndicatorParamValue | undefined> = {};
  for (const given of Object.keys(params)) {
    if (!(given in entry.params)) {
      const valid = Object.keys(entry.params);
      throw new ConfigError(`indicator '${key}' has no param '${given}'`, {
        where: 'createIndicator',
        hint: valid.length === 0 ? `'${key}' takes no params` : `valid params: ${valid.join(', ')}`,
      });
    }
  }
  for (const [k, spec] of Object.entries(entry.params)) resolved[k] = checkParam(key, k, spec, params[k] ?? spec.default);
  return entry.build(resolved);
}

/** Numbers may arrive as strings from a CLI or a config file. */
const toNumber = (v: IndicatorParamValue | undefined): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

function checkParam(indicator: string, param: string, spec: ParamSpec, value: IndicatorParamValue | undefined): IndicatorParamValue | undefined {
  switch (spec.kind) {
    case 'period':
      return requirePeriod(indicator, param, toNumber(value));
    case 'positive':
      return requirePositive(indicator, param, toNumber(value));
    case 'source':
      if (typeof value !== 'string') throw new ConfigError(`${indicator}: ${param} must be one of ${PRICE_SOURCES.join(', ')}`, { where: `indicator ${indicator}` });
      return requireSource(indicator, value);
    case 'function':
      if (value !== undefined && typeof value !== 'function') throw new ConfigError(`${indicator}: ${param} must be a function`, { where: `indicator ${indicator}` });
      return value;
  }
}
