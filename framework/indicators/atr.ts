import type { BarInput, Indicator } from './indicator.ts';
import { requirePeriod } from './indicator-params.ts';

/**
 * Average True Range (Wilder), in price units. True range needs the previous close, so the first bar
 * only records its close; the first ATR is the mean of the next `period` true ranges, then
 * atr = (atr·(period−1) + tr) / period. Ready after period+1 bars, like technicalindicators' ATR.
 */
export class Atr implements Indicator<number> {
  readonly name: string;
  readonly warmupBars: number;
  readonly period: number;
  private count = 0; // bars seen, capped at period + 1
  private prevClose = NaN;
  private current = NaN;
  private seedSum = 0;

  constructor(period = 14) {
    this.period = requirePeriod('atr', 'period', period);
    this.name = `atr(${period})`;
    this.warmupBars = period + 1;
  }

  get value(): number {
    return this.current;
  }

  get isReady(): boolean {
    return this.count > this.period;
  }

  private lastTrueRange = NaN;

  /** The latest bar's true range in price units (NaN before the second bar). */
  get trueRange(): number {
    return this.lastTrueRange;
  }

  updateBar(bar: BarInput): void {
    const pc = this.prevClose;
    this.prevClose = bar.close;
    if (this.count === 0) {
      this.count = 1;
      return;
    }
    const hl = bar.high - bar.low;
    const hc = Math.abs(bar.high - pc);
    const lc = Math.abs(bar.low - pc);
    const tr = hl > hc ? (hl > lc ? hl : lc) : hc > lc ? hc : lc;
    this.lastTrueRange = tr;
    const p = this.period;
    if (this.count <= p) {
      this.seedSum += tr;
      if (++this.count > p) this.current = this.seedSum / p;
      return;
    }
    // Same form as technicalindicators' WEMA: prev + (tr − prev) / period.
    this.current = (tr - this.current) * (1 / p) + this.current;
  }

  reset(): void {
    this.count = 0;
    this.prevClose = NaN;
    this.current = NaN;
    this.seedSum = 0;
    this.lastTrueRange = NaN;
  }
}
