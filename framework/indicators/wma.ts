import type { BarInput, PriceSource, ValueIndicator } from './indicator.ts';
import { sourceValue } from './indicator.ts';
import { indicatorName, requirePeriod, requireSource, resumInterval } from './indicator-params.ts';

/**
 * Linearly weighted moving average: the newest value weighs `period`, the oldest 1, divided by
 * period·(period+1)/2. O(1) per update with two running sums: plain S = Σx and weighted W = Σ w·x.
 * Sliding by one bar lowers every weight by one, i.e. W' = W − S + period·x_new, and S' = S − x_old + x_new.
 * Both are re-summed exactly every resumInterval(period) updates to bound float drift.
 */
export class Wma implements ValueIndicator {
  readonly name: string;
  readonly warmupBars: number;
  readonly source: PriceSource;
  readonly period: number;
  private readonly buf: Float64Array;
  private readonly denominator: number;
  private readonly resumEvery: number;
  private next = 0;
  private count = 0;
  private sum = 0;
  private weighted = 0;
  private sinceResum = 0;
  private current = NaN;

  constructor(period: number, source: PriceSource = 'close') {
    this.period = requirePeriod('wma', 'period', period);
    this.source = requireSource('wma', source);
    this.name = indicatorName('wma', [period], source);
    this.warmupBars = period;
    this.buf = new Float64Array(period);
    this.denominator = (period * (period + 1)) / 2;
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
      this.weighted += this.count * x;
      this.sum += x;
    } else {
      this.weighted += this.period * x - this.sum;
      this.sum += x - this.buf[i];
    }
    this.buf[i] = x;
    this.next = i + 1 === this.period ? 0 : i + 1;
    if (++this.sinceResum >= this.resumEvery && this.count >= this.period) this.resum();
    if (this.count >= this.period) this.current = this.weighted / this.denominator;
  }

  updateBar(bar: BarInput): void {
    this.update(sourceValue(bar, this.source));
  }

  reset(): void {
    this.buf.fill(0);
    this.next = 0;
    this.count = 0;
    this.sum = 0;
    this.weighted = 0;
    this.sinceResum = 0;
    this.current = NaN;
  }

  /** Only when full: the oldest value sits at `next` and has weight 1. */
  private resum(): void {
    let s = 0;
    let w = 0;
    const p = this.period;
    for (let k = 0; k < p; k++) {
      let j = this.next + k;
      if (j >= p) j -= p;
      const x = this.buf[j];
      s += x;
      w += (k + 1) * x;
    }
    this.sum = s;
    this.weighted = w;
    this.sinceResum = 0;
  }
}
