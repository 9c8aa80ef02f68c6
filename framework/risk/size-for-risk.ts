import { ConfigError } from '../core/errors.ts';
import type { Instrument } from '../model/instrument.ts';

export interface SizeForRiskInput {
  /** Account equity, currency (ctx.equity()). */
  readonly equity: number;
  /** Risk per trade as a percentage of equity (1 = 1 %). Give this or riskCurrency. */
  readonly riskPercent?: number;
  /** Risk per trade in currency. Wins over riskPercent when both are given. */
  readonly riskCurrency?: number;
  /** Stop distance from the entry, ticks (> 0). */
  readonly stopTicks: number;
  readonly instrument: Pick<Instrument, 'tickValue'>;
  /** Round-trip fees per contract, currency, counted as part of the risk (default 0). */
  readonly feesPerContract?: number;
  /** Upper bound on the answer, contracts. */
  readonly maxContracts?: number;
}

/**
 * Contracts to trade so a stop-out loses at most the given risk:
 * floor(risk / (stopTicks × tickValue + fees per contract)), never negative, capped at maxContracts.
 * 0 means the stop is too wide for the risk budget (do not trade).
 * Example: MNQ (tick $0.50), equity 50 000, riskPercent 0.5 → $250; stop 40 ticks → $20 per contract → 12.
 */
export function sizeForRisk(input: SizeForRiskInput): number {
  const { equity, riskPercent, riskCurrency, stopTicks, instrument } = input;
  if (!(stopTicks > 0)) throw new ConfigError(`sizeForRisk: stopTicks must be > 0, got ${stopTicks}`);
  const risk = riskCurrency ?? (riskPercent !== undefined ? (equity * riskPercent) / 100 : Number.NaN);
  if (!Number.isFinite(risk)) throw new ConfigError('sizeForRisk: give riskPercent (with equity) or riskCurrency');
  const perContract = stopTicks * instrument.tickValue + (input.feesPerContract ?? 0);
  // A hair of tolerance so 250 / 20.000000001 style float noise does not lose a contract.
  const n = Math.max(0, Math.floor(risk / perContract + 1e-9));
  return input.maxContracts === undefined ? n : Math.min(n, input.maxContracts);
}
