import { ConfigError } from '../core/errors.ts';
import { CME_GLOBEX_SESSION } from './session-calendar.ts';
import { makeInstrument, type Instrument } from './instrument.ts';

/**
 * Real CME specs of the contracts our users trade most (tick size in points, tick value in USD per
 * contract). Sources: CME Group contract specifications. All trade on Globex 17:00-16:00 CT.
 * `gatewayRoot` is the ProjectX product root where it differs from the exchange ticker
 * (ES is `EP`, NQ is `ENQ`; see shared projectx-api.md §8).
 */
const SPECS: ReadonlyArray<{ symbol: string; description: string; tickSize: number; tickValue: number; gatewayRoot?: string }> = [
  { symbol: 'MNQ', description: 'Micro E-mini Nasdaq-100', tickSize: 0.25, tickValue: 0.5 },
  { symbol: 'NQ', description: 'E-mini Nasdaq-100', tickSize: 0.25, tickValue: 5, gatewayRoot: 'ENQ' },
  { symbol: 'MES', description: 'Micro E-mini S&P 500', tickSize: 0.25, tickValue: 1.25 },
  { symbol: 'ES', description: 'E-mini S&P 500', tickSize: 0.25, tickValue: 12.5, gatewayRoot: 'EP' },
  { symbol: 'M2K', description: 'Micro E-mini Russell 2000', tickSize: 0.1, tickValue: 0.5 },
  { symbol: 'RTY', description: 'E-mini Russell 2000', tickSize: 0.1, tickValue: 5 },
  { symbol: 'MYM', description: 'Micro E-mini Dow ($0.50)', tickSize: 1, tickValue: 0.5 },
  { symbol: 'YM', description: 'E-mini Dow ($5)', tickSize: 1, tickValue: 5 },
  { symbol: 'MGC', description: 'Micro Gold', tickSize: 0.1, tickValue: 1 },
  { symbol: 'GC', description: 'Gold', tickSize: 0.1, tickValue: 10 },
  { symbol: 'MCL', description: 'Micro WTI Crude Oil', tickSize: 0.01, tickValue: 1 },
  { symbol: 'CL', description: 'Crude Oil', tickSize: 0.01, tickValue: 10 },
  { symbol: '6E', description: 'Euro FX', tickSize: 0.00005, tickValue: 6.25 },
  { symbol: 'ZN', description: '10-Year T-Note', tickSize: 0.015625, tickValue: 15.625 },
  { symbol: 'ZB', description: 'U.S. Treasury Bond', tickSize: 0.03125, tickValue: 31.25 },
];

const REGISTRY: ReadonlyMap<string, Instrument> = new Map(
  SPECS.map((s) => [
    s.symbol,
    makeInstrument({ ...s, contractId: `LOCAL.${s.symbol}`, session: CME_GLOBEX_SESSION, currency: 'USD' }),
  ]),
);

/** Every registered instrument, in registry order. */
export function registeredInstruments(): Instrument[] {
  return [...REGISTRY.values()];
}

export function findInstrument(symbol: string): Instrument | undefined {
  return REGISTRY.get(symbol.toUpperCase());
}

/**
 * The instrument for a symbol: the registry's spec, with tick size / value overridden when given;
 * a symbol the registry does not know needs both.
 */
export function resolveInstrument(symbol: string, overrides: { tickSize?: number; tickValue?: number } = {}): Instrument {
  const known = findInstrument(symbol);
  if (known) {
    if (overrides.tickSize === undefined && overrides.tickValue === undefined) return known;
    return makeInstrument({
      symbol: known.symbol,
      description: known.description,
      contractId: known.contractId,
      session: known.session,
      gatewayRoot: known.gatewayRoot,
      tickSize: overrides.tickSize ?? known.tickSize,
      tickValue: overrides.tickValue ?? known.tickValue,
    });
  }
  if (overrides.tickSize === undefined || overrides.tickValue === undefined) {
    throw new ConfigError(`unknown instrument '${symbol}'`, {
      where: 'symbol',
      hint: `give --tick-size and --tick-value for it, or use one of ${SPECS.map((s) => s.symbol).join(', ')}`,
    });
  }
  if (!(overrides.tickSize > 0) || !(overrides.tickValue > 0)) {
    throw new ConfigError(`tick size and tick value must be positive numbers for '${symbol}'`, { where: '--tick-size/--tick-value', hint: 'e.g. --tick-size 0.25 --tick-value 12.5' });
  }
  return makeInstrument({ symbol, tickSize: overrides.tickSize, tickValue: overrides.tickValue });
}
