import type { BarInput, PriceSource, SeriesIndicator } from './indicator.ts';
import { sourceValue } from './indicator.ts';
import { indicatorName, requirePeriod, requirePositive, requireSource, resumInterval } from './indicator-params.ts';

/**
 * Bollinger Bands value. The SAME object is updated in place on every bar (no allocation per update):
 * copy the fields if you need to keep a past value.
 */
export interface BollingerValue {
  /** SMA of the source, price units. */
  middle: number;
  /** middle + stdDev·σ. */
  upper: number;
  /** middle − stdDev·σ. */
  lower: number;
  /** upper − lower, price units. */
  width: number;
  /** (x − lower) / (upper − lower): 0 at the lower band, 1 at the upper; 0.5 when the bands collapse. */
  percentB: number;
}

/**
 * Bollinger Bands over `period` values with POPULATION standard deviation (divide by n, like
 * technicalindicators). O(1): running sums of d = x − anchor and d², where the anchor is a recent mean,
 * so Σd² − (Σd)²/n does not cancel catastrophically at futures prices (~20 000) with small σ.
 * The window is re-summed (and re-anchored) exactly every resumInterval(period) updates.
 */
export class BollingerBands implements SeriesIndicator<BollingerValue> {
  readonly name: string;
  readonly warmupBars: number;
  readonly source: PriceSource;
  readonly period: number;
  readonly stdDev: number;
  private readonly out: BollingerValue = { middle: NaN, upper: NaN, lower: NaN, width: NaN, percentB: NaN };
  /** Reused object, see BollingerValue. */
  readonly value: Readonly<BollingerValue> = this.out;
  private readonly buf: Float64Array;
  private readonly resumEvery: number;
  private next = 0;
  private count = 0;
  private anchor = NaN;
  private s1 = 0;
  private s2 = 0;
  private sinceResum = 0;

  constructor(period = 20, stdDev = 2, source: PriceSource = 'close') {
    this.period = requirePeriod('bollinger', 'period', period);
    this.stdDev = requirePositive('bollinger', 'stdDev', stdDev);
    this.source = requireSource('bollinger', source);
    this.name = indicatorName('bollinger', [period, stdDev], source);
    this.warmupBars = period;
    this.buf = new Float64Array(period);
    this.resumEvery = resumInterval(period);
  }

  get isReady(): boolean {
    return this.count >= this.period;
  }

  update(x: number): void {
    if (this.count === 0) this.anchor = x;
    const i = this.next;
    const d = x - this.anchor;
    if (this.count < this.period) {
      this.count++;
    } else {
      const o = this.buf[i] - this.anchor;
      this.s1 -= o;
      this.s2 -= o * o;
    }
    this.s1 += d;
    this.s2 += d * d;
    this.buf[i] = x;
    this.next = i + 1 === this.period ? 0 : i + 1;
    if (++this.sinceResum >= this.resumEvery) this.resum();
    if (this.count < this.period) return;
    const n = this.period;
    const meanD = this.s1 / n;
    const variance = this.s2 / n - meanD * meanD;
    const sigma = variance > 0 ? Math.sqrt(variance) : 0;
    const v = this.out;
    const middle = this.anchor + meanD;
    v.middle = middle;
    v.upper = middle + sigma * this.stdDev;
    v.lower = middle - sigma * this.stdDev;
    v.width = v.upper - v.lower;
    v.percentB = v.width > 0 ? (x - v.lower) / v.width : 0.5;
  }

  updateBar(bar: BarInput): void {
    this.update(sourceValue(bar, this.source));
  }

  reset(): void {
    this.buf.fill(0);
    this.next = 0;
    this.count = 0;
    this.anchor = NaN;
    this.s1 = 0;
    this.s2 = 0;
    this.sinceResum = 0;
    const v = this.out;
    v.middle = v.upper = v.lower = v.width = v.percentB = NaN;
  }

  /** Exact two-pass re-sum around the current mean (slots beyond `count` are unused while warming up). */
  private resum(): void {
    const n = this.count;
    let s = 0;
    for (let k = 0; k < n; k++) s += this.buf[k];
    const anchor = s / n;
    let a = 0;
    let b = 0;
    for (let k = 0; k < n; k++) {
      const d = this.buf[k] - anchor;
      a += d;
      b += d * d;
    }
    this.anchor = anchor;
    this.s1 = a;
    this.s2 = b;
    this.sinceResum = 0;
  }
}

/**
 * The periodic re-sum once at load (every resumInterval updates, the 1024th the first time): a
 * branch first taken after the per-bar function that inlined update was optimized deoptimized it
 * (`node --trace-deopt`: update, "insufficient type feedback"), and it was compiled again.
 */
{
  const ind = new BollingerBands(2, 2);
  for (let i = 0; i <= resumInterval(2); i++) ind.update(i + 0.25);
}
