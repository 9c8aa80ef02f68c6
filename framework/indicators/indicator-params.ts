import { ConfigError } from '../core/errors.ts';
import { PRICE_SOURCES } from './indicator.ts';
import type { PriceSource } from './indicator.ts';

/**
 * Running sums drift by about one ulp per update; every indicator with a running sum re-sums its window
 * exactly once per `resumInterval(period)` updates. That costs at most one extra add per update amortised
 * (period adds every >= period updates) and keeps the error bounded by ~1024 ulps, whatever the run length.
 */
export function resumInterval(period: number): number {
  return Math.max(1024, period);
}

/** A look-back length: an integer >= min. Bad params are bugs in the caller's config: ConfigError. */
export function requirePeriod(indicator: string, param: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${indicator}: ${param} must be an integer >= ${min}, got ${String(value)}`, {
      where: `indicator ${indicator}`,
      hint: `pass ${param} as a whole number of bars >= ${min}`,
    });
  }
  return value;
}

/** A positive finite number (multipliers, steps). */
export function requirePositive(indicator: string, param: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${indicator}: ${param} must be a positive number, got ${String(value)}`, {
      where: `indicator ${indicator}`,
    });
  }
  return value;
}

export function requireSource(indicator: string, value: string): PriceSource {
  if (!(PRICE_SOURCES as readonly string[]).includes(value)) {
    throw new ConfigError(`${indicator}: unknown price source '${value}'`, {
      where: `indicator ${indicator}`,
      hint: `use one of ${PRICE_SOURCES.join(', ')}`,
    });
  }
  return value as PriceSource;
}

/** `sma(20)` for the default close source, `sma(20,hl2)` otherwise. */
export function indicatorName(kind: string, args: readonly (number | string)[], source: PriceSource, defaultSource: PriceSource = 'close'): string {
  const all = source === defaultSource ? args : [...args, source];
  return all.length === 0 ? kind : `${kind}(${all.join(',')})`;
}
