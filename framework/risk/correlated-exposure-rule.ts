import { ConfigError } from '../core/errors.ts';
import type { SubmitOrder } from '../model/order.ts';
import { RISK_OK, type RiskDecision, type RiskRule, type RiskView } from './risk-gate.ts';

/** Where the rule reads correlations (framework/portfolio/portfolio.ts Portfolio satisfies it). */
export interface CorrelationSource {
  symbols(): readonly string[];
  /** Pearson correlation of two symbols' returns; NaN while unknown (then they are not pooled). */
  correlationOf(a: string, b: string): number;
}

export interface CorrelatedExposureOptions {
  readonly correlations: CorrelationSource;
  /** Instruments whose |correlation| with the order's instrument is at least this are pooled (e.g. 0.7). */
  readonly threshold: number;
  /** Cap on the pooled exposure: contracts, or currency (contracts × price × point value). */
  readonly maxExposure: number;
  readonly unit: 'contracts' | 'currency';
}

/**
 * Caps the combined exposure of instruments that move together (issue 6). For an order on S the
 * pool is S plus every instrument whose |correlation| with S is ≥ threshold; pooled exposure =
 * |Σ sign(ρ_S,j) × exposure_j|, so long MNQ + long ES add up, long MNQ + short ES offset, and a
 * strongly NEGATIVELY correlated instrument counts with its sign flipped (long A + long B with
 * ρ = −0.9 is a hedge). S's exposure counts the order and S's working orders on the same side
 * (worst case); other instruments count their positions. The order is denied when the pool after it
 * exceeds the cap AND it grows the pool: an order that brings the pool down always passes.
 * Contracts treats every instrument alike (one ES = one MNQ); currency is the faithful measure.
 * An instrument without a price yet counts 0 in currency. Pure given its inputs; never throws on a denial.
 */
export class CorrelatedExposureRule implements RiskRule {
  readonly name = 'correlated-exposure';

  constructor(private readonly opts: CorrelatedExposureOptions) {
    if (!(opts.threshold >= 0 && opts.threshold <= 1)) throw new ConfigError(`correlation threshold must be in [0, 1], got ${opts.threshold}`, { where: 'correlatedExposure.threshold' });
    if (!(opts.maxExposure >= 0)) throw new ConfigError(`max correlated exposure must be ≥ 0, got ${opts.maxExposure}`, { where: 'correlatedExposure.maxExposure' });
  }

  /** Pooled exposure around `symbol` given S's contracts (others from the view). */
  private pooled(symbol: string, symbolContracts: number, view: RiskView): { total: number; members: string[] } {
    const members: string[] = [symbol];
    let total = this.measure(symbol, symbolContracts, view);
    for (const other of this.opts.correlations.symbols()) {
      if (other === symbol) continue;
      const rho = this.opts.correlations.correlationOf(symbol, other);
      if (!(Math.abs(rho) >= this.opts.threshold)) continue; // NaN: unknown, not pooled
      const pos = view.positionOf(other);
      if (pos === 0) continue;
      members.push(other);
      total += Math.sign(rho) * this.measure(other, pos, view);
    }
    return { total: Math.abs(total), members };
  }

  private measure(symbol: string, contracts: number, view: RiskView): number {
    if (contracts === 0) return 0;
    if (this.opts.unit === 'contracts') return contracts;
    const price = view.lastPrice(symbol);
    const pv = view.instrument(symbol)?.pointValue ?? Number.NaN;
    const x = contracts * price * pv;
    return Number.isFinite(x) ? x : 0;
  }

  check(cmd: SubmitOrder, view: RiskView): RiskDecision {
    const position = view.positionOf(cmd.symbol);
    const dir = cmd.side === 'buy' ? 1 : -1;
    const working = dir * view.pendingExposure(cmd.symbol, cmd.side);
    const before = this.pooled(cmd.symbol, position + working, view);
    const after = this.pooled(cmd.symbol, position + working + dir * cmd.size, view);
    if (after.total <= this.opts.maxExposure || after.total <= before.total) return RISK_OK;
    const unit = this.opts.unit === 'contracts' ? ' contracts' : '';
    const fmt = (x: number) => (this.opts.unit === 'contracts' ? String(x) : x.toFixed(2));
    return {
      ok: false,
      rule: this.name,
      message: `correlated exposure of ${after.members.join('+')} would be ${fmt(after.total)}${unit} > cap ${fmt(this.opts.maxExposure)}${unit} (|ρ| ≥ ${this.opts.threshold})`,
    };
  }
}
