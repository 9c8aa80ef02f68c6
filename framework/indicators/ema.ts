import type { BarInput, PriceSource, ValueIndicator } from './indicator.ts';
import { sourceValue } from './indicator.ts';
import { indicatorName, requirePeriod, requireSource } from './indicator-params.ts';

/**
 * Exponential moving average, alpha = 2 / (period + 1), seeded with the SMA of the first `period` values
 * (as technicalindicators does), so it is ready after `period` values. O(1), no buffer: the recursion
 * forgets old errors geometrically, so it needs no re-summing.
 * `alpha` may be overridden (Wilder smoothing is alpha = 1 / period).
 */
export class Ema implements ValueIndicator {
  readonly name: string;
  readonly warmupBars: number;
  readonly source: PriceSource;
  readonly period: number;
  readonly alpha: number;
  private count = 0;
  private seedSum = 0;
  private current = NaN;

  constructor(period: number, source: PriceSource = 'close', alpha = 2 / (period + 1)) {
    this.period = requirePeriod('ema', 'period', period);
    this.source = requireSource('ema', source);
    this.name = indicatorName('ema', [period], source);
    this.warmupBars = period;
    this.alpha = alpha;
  }

  get value(): number {
    return this.current;
  }

  get isReady(): boolean {
    return this.count >= this.period;
  }

  update(x: number): void {
    if (this.count >= this.period) {
      // Same operation order as technicalindicators, so the two agree to the last few ulps.
      this.current = (x - this.current) * this.alpha + this.current;
      return;
    }
    this.seedSum += x;
    if (++this.count === this.period) this.current = this.seedSum / this.period;
  }

  updateBar(bar: BarInput): void {
    this.update(sourceValue(bar, this.source));
  }

  reset(): void {
    this.count = 0;
    this.seedSum = 0;
    this.current = NaN;
  }
}
