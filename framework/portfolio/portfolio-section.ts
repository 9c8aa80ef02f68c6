import type { PositionState } from '../execution/position-manager.ts';
import type { Portfolio } from './portfolio.ts';

/** results.portfolio (issue 6). Currency rounded to cents, correlations to 1e-6; null where undefined. */
export interface PortfolioSection {
  readonly instruments: {
    readonly symbol: string;
    readonly realizedPnl: number;
    readonly unrealizedPnl: number;
    readonly fees: number;
    /** realized + unrealized − fees. */
    readonly netPnl: number;
    readonly contracts: number;
    /** Signed currency exposure at the end (contracts × price × point value). */
    readonly exposure: number;
    readonly grossExposure: number;
  }[];
  readonly exposure: { readonly gross: number; readonly net: number };
  readonly correlation: { readonly symbols: string[]; readonly matrix: number[][]; readonly timeframe: string; readonly windowBars: number; readonly observations: number };
  readonly var: {
    readonly hist95: number | null;
    readonly hist99: number | null;
    readonly param95: number | null;
    readonly param99: number | null;
    readonly timeframe: string;
    readonly windowBars: number;
    readonly observations: number;
    readonly method: string;
  };
}

export const VAR_METHOD =
  'one-period VaR of the final positions, positive = loss. historical: k-th worst of the PnL the positions would have made on each return vector of the window, k = ceil(n × (1 − c)); parametric: z_c × √(wᵀΣw), normal, zero mean, w = currency exposures, Σ = sample covariance of simple returns on common timestamps';

export function portfolioSection(portfolio: Portfolio, states: readonly PositionState[]): PortfolioSection {
  const exposures = portfolio.exposures();
  const instruments = states.map((s, i) => ({
    symbol: s.instrument.symbol,
    realizedPnl: r2(s.realizedPnl),
    unrealizedPnl: r2(s.unrealizedPnl),
    fees: r2(s.fees),
    netPnl: r2(s.realizedPnl + s.unrealizedPnl - s.fees),
    contracts: s.size,
    exposure: r2(exposures[i].net),
    grossExposure: r2(exposures[i].gross),
  }));
  const c = portfolio.correlation();
  const v = portfolio.valueAtRisk();
  const common = { timeframe: portfolio.timeframe, windowBars: portfolio.windowBars, observations: portfolio.observations };
  return {
    instruments,
    exposure: { gross: r2(portfolio.grossExposure()), net: r2(portfolio.netExposure()) },
    correlation: { symbols: c.symbols, matrix: c.matrix.map((row) => row.map((x) => Math.round(x * 1e6) / 1e6)), ...common },
    var: { hist95: money(v.hist95), hist99: money(v.hist99), param95: money(v.param95), param99: money(v.param99), ...common, method: VAR_METHOD },
  };
}

function r2(x: number): number {
  const y = Math.round(x * 100) / 100;
  return y === 0 ? 0 : y; // no -0 in the file
}

function money(x: number): number | null {
  return Number.isFinite(x) ? r2(x) : null;
}
