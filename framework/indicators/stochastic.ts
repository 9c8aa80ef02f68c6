import type { BarInput, Indicator } from './indicator.ts';
import { MonotonicDeque } from './monotonic-deque.ts';
import { Sma } from './sma.ts';
import { requirePeriod } from './indicator-params.ts';

/** Stochastic value, 0..100. The SAME object is updated in place on every bar (no allocation per update). */
export interface StochasticValue {
  /** %K: 100·(close − lowest low) / (highest high − lowest low) over `period`, then SMA(smoothK) of that. */
  k: number;
  /** %D: SMA(signalPeriod) of %K. */
  d: number;
}

/**
 * Stochastic oscillator. Highest high / lowest low come from monotonic deques (O(1) amortised).
 * smoothK = 1 is the "fast" stochastic and matches technicalindicators' Stochastic; smoothK = 3 the
 * common "slow" one. When the window's range is zero raw %K is 50 (technicalindicators uses 0):
 * a flat window is neither overbought nor oversold.
 * `k` is available from bar period + smoothK − 1; `d` and isReady from period + smoothK + signalPeriod − 2.
 */
export class Stochastic implements Indicator<StochasticValue> {
  readonly name: string;
  readonly warmupBars: number;
  private readonly out: StochasticValue = { k: NaN, d: NaN };
  /** Reused object, see StochasticValue. */
  readonly value: Readonly<StochasticValue> = this.out;
  private readonly highs: MonotonicDeque;
  private readonly lows: MonotonicDeque;
  private readonly period: number;
  private readonly smooth: Sma | undefined;
  private readonly signal: Sma;

  constructor(period = 14, smoothK = 1, signalPeriod = 3) {
    this.period = requirePeriod('stochastic', 'period', period);
    requirePeriod('stochastic', 'smoothK', smoothK);
    requirePeriod('stochastic', 'signalPeriod', signalPeriod);
    this.name = `stochastic(${period},${smoothK},${signalPeriod})`;
    this.warmupBars = period + smoothK - 1 + signalPeriod - 1;
    this.highs = new MonotonicDeque(period, 'max');
    this.lows = new MonotonicDeque(period, 'min');
    this.smooth = smoothK > 1 ? new Sma(smoothK) : undefined;
    this.signal = new Sma(signalPeriod);
  }

  get isReady(): boolean {
    return this.signal.isReady;
  }

  updateBar(bar: BarInput): void {
    this.highs.push(bar.high);
    this.lows.push(bar.low);
    if (this.highs.pushed < this.period) return;
    const hh = this.highs.extreme;
    const ll = this.lows.extreme;
    const range = hh - ll;
    const rawK = range > 0 ? ((bar.close - ll) / range) * 100 : 50;
    let k = rawK;
    if (this.smooth !== undefined) {
      this.smooth.update(rawK);
      if (!this.smooth.isReady) return;
      k = this.smooth.value;
    }
    this.out.k = k;
    this.signal.update(k);
    if (this.signal.isReady) this.out.d = this.signal.value;
  }

  reset(): void {
    this.highs.reset();
    this.lows.reset();
    this.smooth?.reset();
    this.signal.reset();
    this.out.k = NaN;
    this.out.d = NaN;
  }
}
