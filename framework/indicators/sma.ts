import type { BarInput, PriceSource, ValueIndicator } from './indicator.ts';
import { sourceValue } from './indicator.ts';
import { indicatorName, requirePeriod, requireSource, resumInterval } from './indicator-params.ts';

/**
 * Simple moving average over the last `period` values. O(1) per update: a ring buffer (Float64Array,
 * allocated once) and a running sum, re-summed exactly every resumInterval(period) updates so float drift
 * stays bounded over any run length. Ready after `period` values; matches technicalindicators' SMA.
 */
export class Sma implements ValueIndicator {
  readonly name: string;
  readonly warmupBars: number;
  readonly source: PriceSource;
  readonly period: number;
  private readonly buf: Float64Array;
  private readonly resumEvery: number;
  private next = 0; // ring index of the next write (= the oldest value once full)
  private count = 0;
  private sum = 0;
  private sinceResum = 0;
  private current = NaN;

  constructor(period: number, source: PriceSource = 'close') {
    this.period = requirePeriod('sma', 'period', period);
    this.source = requireSource('sma', source);
    this.name = indicatorName('sma', [period], source);
    this.warmupBars = period;
    this.buf = new Float64Array(period);
    this.resumEvery = resumInterval(period);
  }

  get value(): number {
    return this.current;
  }

  get isReady(): boolean {
    return this.count >= this.period;
  }

  update(x: number): void {
    const i = this.next;
    if (this.count < this.period) {
      this.count++;
      this.sum += x;
    } else {
      this.sum += x - this.buf[i];
    }
    this.buf[i] = x;
    this.next = i + 1 === this.period ? 0 : i + 1;
    if (++this.sinceResum >= this.resumEvery) this.resum();
    if (this.count >= this.period) this.current = this.sum / this.period;
  }

  updateBar(bar: BarInput): void {
    this.update(sourceValue(bar, this.source));
  }

  reset(): void {
    this.buf.fill(0);
    this.next = 0;
    this.count = 0;
    this.sum = 0;
    this.sinceResum = 0;
    this.current = NaN;
  }

  private resum(): void {
    let s = 0;
    for (let k = 0; k < this.count; k++) s += this.buf[k];
    this.sum = s;
    this.sinceResum = 0;
  }
}

/**
 * The periodic re-sum once at load (every resumInterval updates, the 1024th the first time): a
 * branch first taken after the per-bar function that inlined update was optimized deoptimized it
 * (`node --trace-deopt`: update, "insufficient type feedback"), and it was compiled again.
 */
{
  const ind = new Sma(2);
  for (let i = 0; i <= resumInterval(2); i++) ind.update(i + 0.25);
}
