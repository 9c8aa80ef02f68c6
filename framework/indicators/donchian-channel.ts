import type { BarInput, Indicator } from './indicator.ts';
import { MonotonicDeque } from './monotonic-deque.ts';
import { requirePeriod } from './indicator-params.ts';

/** Donchian value, price units. The SAME object is updated in place on every bar (no allocation per update). */
export interface DonchianValue {
  /** Highest high of the last `period` bars, INCLUDING the current one. */
  upper: number;
  /** Lowest low of the last `period` bars, including the current one. */
  lower: number;
  /** (upper + lower) / 2. */
  middle: number;
}

/**
 * Donchian channel over `period` bars via monotonic deques: O(1) amortised, no allocation.
 * The channel includes the bar just fed; for a breakout test ("close above the prior N-bar high")
 * read the value before feeding the new bar.
 */
export class DonchianChannel implements Indicator<DonchianValue> {
  readonly name: string;
  readonly warmupBars: number;
  readonly period: number;
  private readonly out: DonchianValue = { upper: NaN, lower: NaN, middle: NaN };
  /** Reused object, see DonchianValue. */
  readonly value: Readonly<DonchianValue> = this.out;
  private readonly highs: MonotonicDeque;
  private readonly lows: MonotonicDeque;

  constructor(period = 20) {
    this.period = requirePeriod('donchian', 'period', period);
    this.name = `donchian(${period})`;
    this.warmupBars = period;
    this.highs = new MonotonicDeque(period, 'max');
    this.lows = new MonotonicDeque(period, 'min');
  }

  get isReady(): boolean {
    return this.highs.pushed >= this.period;
  }

  updateBar(bar: BarInput): void {
    this.highs.push(bar.high);
    this.lows.push(bar.low);
    if (this.highs.pushed < this.period) return;
    const o = this.out;
    o.upper = this.highs.extreme;
    o.lower = this.lows.extreme;
    o.middle = (o.upper + o.lower) / 2;
  }

  reset(): void {
    this.highs.reset();
    this.lows.reset();
    this.out.upper = this.out.lower = this.out.middle = NaN;
  }
}
