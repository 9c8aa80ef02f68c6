import { ConfigError } from '../core/errors.ts';
import { timeframeToMs } from '../core/time.ts';
import { BarAggregator } from '../feed/bar-aggregator.ts';
import type { PositionState } from '../execution/position-manager.ts';
import type { Bar } from '../model/market-data.ts';
import type { Account } from './account.ts';
import type { CorrelationMatrix, ExposureView, PortfolioView, VarEstimate } from './portfolio-view.ts';
import { RollingReturns } from './rolling-returns.ts';
import { Z_95, Z_99, historicalVar, parametricVar } from './value-at-risk.ts';

export interface PortfolioOptions {
  /** Aligned observations in the rolling window (default 100). */
  readonly windowBars?: number;
  /** Timeframe of the returns (default: the base timeframe). A coarser one is built from the base bars. */
  readonly timeframe?: string;
  /** The feed's bar timeframe. */
  readonly baseTimeframe: string;
}

/**
 * Portfolio-level views over the account (issue 6): exposure per instrument and in total, a rolling
 * correlation matrix of bar returns and Value at Risk of the current positions.
 *
 * - Exposure = contracts × mark price × point value, read on demand from the position states, whose
 *   marks the account moves on every fill and bar close: always current, no running total to drift.
 * - Returns are simple returns close_t / close_prev − 1 between consecutive COMMON timestamps: a
 *   timestamp counts only when every instrument has a bar there (a gap in one instrument skips it
 *   for all, and the next return spans the gap). Closes must arrive in non-decreasing time order
 *   (the replay's k-way merge and a live feed both do).
 * - Correlation and covariance come from RollingReturns (O(N²) per observation, bounded drift).
 */
export class Portfolio implements PortfolioView {
  readonly windowBars: number;
  readonly timeframe: string;
  private readonly syms: string[];
  private readonly index = new Map<string, number>();
  private readonly rolling: RollingReturns;
  private readonly pendingClose: Float64Array;
  private readonly prevClose: Float64Array;
  private readonly scratch: Float64Array;
  private pendingTs = Number.NaN;
  private pendingCount = 0;
  /** pendingSeen[i] === pendingGen: series i has a close at pendingTs (a generation, so no clearing per timestamp). */
  private readonly pendingSeen: Float64Array;
  private pendingGen = 1;
  private hasPrev = false;
  private readonly aggregators: BarAggregator[] | undefined;
  private readonly closeMs: number;

  constructor(
    private readonly account: Account,
    private readonly states: readonly PositionState[],
    opts: PortfolioOptions,
  ) {
    this.syms = states.map((s) => s.instrument.symbol);
    this.syms.forEach((s, i) => this.index.set(s, i));
    const n = states.length;
    this.windowBars = opts.windowBars ?? 100;
    if (!(this.windowBars >= 2)) throw new ConfigError(`portfolio window must be at least 2 bars, got ${opts.windowBars}`, { where: 'portfolio.windowBars' });
    this.timeframe = opts.timeframe ?? opts.baseTimeframe;
    this.rolling = new RollingReturns(n, this.windowBars);
    this.pendingClose = new Float64Array(n);
    this.prevClose = new Float64Array(n);
    this.scratch = new Float64Array(n);
    this.pendingSeen = new Float64Array(n);
    const baseMs = timeframeToMs(opts.baseTimeframe);
    const tfMs = timeframeToMs(this.timeframe);
    if (!(tfMs > 0)) throw new ConfigError(`unknown portfolio timeframe '${this.timeframe}'`, { where: 'portfolio.timeframe', hint: "e.g. '1m', '5m', '1h'" });
    this.closeMs = baseMs;
    if (tfMs !== baseMs) {
      if (!(tfMs > baseMs)) throw new ConfigError(`portfolio timeframe ${this.timeframe} is finer than the bars (${opts.baseTimeframe})`, { where: 'portfolio.timeframe' });
      this.aggregators = states.map((s, i) => {
        const agg = new BarAggregator({ symbol: s.instrument.symbol, timeframes: [this.timeframe], session: s.instrument.session });
        agg.onBar((b) => this.observeClose(i, b.tsMs, b.close));
        return agg;
      });
    }
  }

  /** A base-timeframe bar closed (called by the suite after the contexts). */
  onBar(index: number, bar: Bar): void {
    const aggs = this.aggregators;
    if (aggs === undefined) {
      this.observeClose(index, bar.tsMs, bar.close);
      return;
    }
    const agg = aggs[index];
    agg.onSourceBar(bar);
    // The base bar ends at tsMs + base timeframe: a coarser bar ending there is complete now.
    agg.onTime(bar.tsMs + this.closeMs);
  }

  /** Index of a symbol in instrument order (-1 when unknown). */
  indexOf(symbol: string): number {
    return this.index.get(symbol) ?? -1;
  }

  /** One close of series `i` at `tsMs`; an observation is recorded when every series has one there. */
  observeClose(i: number, tsMs: number, close: number): void {
    if (tsMs !== this.pendingTs) {
      // A new timestamp: an incomplete previous one is not a common timestamp and is dropped.
      this.pendingTs = tsMs;
      this.pendingCount = 0;
      this.pendingGen++;
    }
    if (this.pendingSeen[i] !== this.pendingGen) {
      this.pendingSeen[i] = this.pendingGen;
      this.pendingCount++;
    }
    this.pendingClose[i] = close;
    if (this.pendingCount < this.syms.length) return;
    const n = this.syms.length;
    if (this.hasPrev) {
      for (let k = 0; k < n; k++) this.scratch[k] = this.pendingClose[k] / this.prevClose[k] - 1;
      this.rolling.add(this.scratch);
    }
    // A loop, not TypedArray#set: for a handful of instruments the builtin call costs more than the copy.
    for (let k = 0; k < n; k++) this.prevClose[k] = this.pendingClose[k];
    this.hasPrev = true;
    this.pendingCount = 0;
    this.pendingGen++;
    this.pendingTs = Number.NaN;
  }

  get observations(): number {
    return this.rolling.length;
  }

  symbols(): readonly string[] {
    return this.syms;
  }

  equity(): number {
    return this.account.equity();
  }

  cash(): number {
    return this.account.cash();
  }

  private exposureAt(i: number): ExposureView {
    const s = this.states[i];
    const pv = s.instrument.pointValue;
    const net = s.size === 0 ? 0 : s.size * s.markPrice * pv;
    return { symbol: s.instrument.symbol, contracts: s.size, price: s.markPrice, pointValue: pv, net, gross: Math.abs(net) };
  }

  exposure(symbol: string): ExposureView {
    const i = this.indexOf(symbol);
    if (i < 0) throw new ConfigError(`portfolio has no instrument '${symbol}'`, { hint: `instruments: ${this.syms.join(', ')}` });
    return this.exposureAt(i);
  }

  exposures(): ExposureView[] {
    return this.states.map((_, i) => this.exposureAt(i));
  }

  grossExposure(): number {
    let g = 0;
    for (let i = 0; i < this.states.length; i++) {
      const s = this.states[i];
      if (s.size !== 0) g += Math.abs(s.size * s.markPrice * s.instrument.pointValue);
    }
    return g;
  }

  netExposure(): number {
    let e = 0;
    for (let i = 0; i < this.states.length; i++) {
      const s = this.states[i];
      if (s.size !== 0) e += s.size * s.markPrice * s.instrument.pointValue;
    }
    return e;
  }

  correlationOf(a: string, b: string): number {
    const i = this.indexOf(a);
    const j = this.indexOf(b);
    if (i < 0 || j < 0) return Number.NaN;
    if (i === j) return 1;
    return this.rolling.correlation(i, j);
  }

  /** Sample covariance of two series' returns (ddof 1), NaN while unknown. */
  covarianceAt(i: number, j: number): number {
    return this.rolling.covariance(i, j);
  }

  correlation(): CorrelationMatrix {
    const n = this.syms.length;
    const matrix: number[][] = [];
    for (let i = 0; i < n; i++) {
      const row: number[] = [];
      for (let j = 0; j < n; j++) {
        const r = i === j ? 1 : this.rolling.correlation(i, j);
        row.push(Number.isNaN(r) ? 0 : r);
      }
      matrix.push(row);
    }
    return { symbols: [...this.syms], matrix };
  }

  /** Currency exposures in instrument order. */
  private exposureVector(): Float64Array {
    const w = new Float64Array(this.syms.length);
    for (let i = 0; i < w.length; i++) w[i] = this.exposureAt(i).net;
    return w;
  }

  valueAtRisk(): VarEstimate {
    const w = this.exposureVector();
    const obs = this.rolling.observations();
    const cov = (i: number, j: number) => this.rolling.covariance(i, j);
    return {
      hist95: historicalVar(w, obs, 0.95),
      hist99: historicalVar(w, obs, 0.99),
      param95: parametricVar(w, cov, Z_95),
      param99: parametricVar(w, cov, Z_99),
    };
  }
}
