import type { BarInput, PriceSource, ValueIndicator } from './indicator.ts';
import { sourceValue } from './indicator.ts';
import { indicatorName, requirePeriod, requireSource } from './indicator-params.ts';

/**
 * Relative Strength Index, 0..100, with Wilder smoothing: the first average gain/loss is the plain mean
 * of the first `period` changes, then avg = (avg·(period−1) + change) / period. Needs period+1 values.
 * NOT rounded (technicalindicators rounds to 2 decimals). With no losses in the window RSI is 100,
 * with no gains 0 (same convention as technicalindicators).
 */
export class Rsi implements ValueIndicator {
  readonly name: string;
  readonly warmupBars: number;
  readonly source: PriceSource;
  readonly period: number;
  private count = 0; // values seen, capped at period + 1
  private prev = NaN;
  private avgGain = 0;
  private avgLoss = 0;
  private current = NaN;

  constructor(period = 14, source: PriceSource = 'close') {
    this.period = requirePeriod('rsi', 'period', period);
    this.source = requireSource('rsi', source);
    this.name = indicatorName('rsi', [period], source);
    this.warmupBars = period + 1;
  }

  get value(): number {
    return this.current;
  }

  get isReady(): boolean {
    return this.count > this.period;
  }

  update(x: number): void {
    if (this.count === 0) {
      this.prev = x;
      this.count = 1;
      return;
    }
    const change = x - this.prev;
    this.prev = x;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const p = this.period;
    if (this.count <= p) {
      // Warm-up: accumulate sums, turn them into means on the period-th change.
      this.avgGain += gain;
      this.avgLoss += loss;
      if (++this.count <= p) return;
      this.avgGain /= p;
      this.avgLoss /= p;
    } else {
      this.avgGain = (this.avgGain * (p - 1) + gain) / p;
      this.avgLoss = (this.avgLoss * (p - 1) + loss) / p;
    }
    if (this.avgLoss === 0) this.current = 100;
    else if (this.avgGain === 0) this.current = 0;
    else this.current = 100 - 100 / (1 + this.avgGain / this.avgLoss);
  }

  updateBar(bar: BarInput): void {
    this.update(sourceValue(bar, this.source));
  }

  reset(): void {
    this.count = 0;
    this.prev = NaN;
    this.avgGain = 0;
    this.avgLoss = 0;
    this.current = NaN;
  }
}
