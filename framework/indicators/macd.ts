import type { BarInput, PriceSource, SeriesIndicator } from './indicator.ts';
import { sourceValue } from './indicator.ts';
import { Ema } from './ema.ts';
import { indicatorName, requirePeriod, requireSource } from './indicator-params.ts';

/**
 * MACD value. The SAME object is updated in place on every bar (no allocation per update).
 * `macd` is available from bar max(fast, slow) on; `signal` and `histogram` (and isReady) from
 * bar max(fast, slow) + signal − 1.
 */
export interface MacdValue {
  /** EMA(fast) − EMA(slow), price units. */
  macd: number;
  /** EMA(signal) of the macd line. */
  signal: number;
  /** macd − signal. */
  histogram: number;
}

/**
 * Moving Average Convergence/Divergence with EMAs (each seeded by its SMA, like technicalindicators'
 * MACD with SimpleMAOscillator/SimpleMASignal false). Defaults 12 / 26 / 9.
 */
export class Macd implements SeriesIndicator<MacdValue> {
  readonly name: string;
  readonly warmupBars: number;
  readonly source: PriceSource;
  private readonly out: MacdValue = { macd: NaN, signal: NaN, histogram: NaN };
  /** Reused object, see MacdValue. */
  readonly value: Readonly<MacdValue> = this.out;
  private readonly fast: Ema;
  private readonly slow: Ema;
  private readonly signal: Ema;

  constructor(fastPeriod = 12, slowPeriod = 26, signalPeriod = 9, source: PriceSource = 'close') {
    requirePeriod('macd', 'fastPeriod', fastPeriod);
    requirePeriod('macd', 'slowPeriod', slowPeriod);
    requirePeriod('macd', 'signalPeriod', signalPeriod);
    this.source = requireSource('macd', source);
    this.name = indicatorName('macd', [fastPeriod, slowPeriod, signalPeriod], source);
    this.fast = new Ema(fastPeriod);
    this.slow = new Ema(slowPeriod);
    this.signal = new Ema(signalPeriod);
    this.warmupBars = Math.max(fastPeriod, slowPeriod) + signalPeriod - 1;
  }

  get isReady(): boolean {
    return this.signal.isReady;
  }

  update(x: number): void {
    this.fast.update(x);
    this.slow.update(x);
    if (!this.fast.isReady || !this.slow.isReady) return;
    const v = this.out;
    v.macd = this.fast.value - this.slow.value;
    this.signal.update(v.macd);
    if (this.signal.isReady) {
      v.signal = this.signal.value;
      v.histogram = v.macd - v.signal;
    }
  }

  updateBar(bar: BarInput): void {
    this.update(sourceValue(bar, this.source));
  }

  reset(): void {
    this.fast.reset();
    this.slow.reset();
    this.signal.reset();
    const v = this.out;
    v.macd = v.signal = v.histogram = NaN;
  }
}
