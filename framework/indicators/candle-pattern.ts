import type { BarInput, Indicator } from './indicator.ts';

/** A technicalindicators candlestick detector: looks at the last `requiredCount` candles, oldest first. */
export type CandlePatternFn = (data: { open: number[]; high: number[]; low: number[]; close: number[] }) => boolean;

/**
 * A boolean indicator: true when the pattern completes on the bar just fed. Keeps a rolling window of
 * the last `bars` candles in four fixed arrays (shifted in place, bars <= 5, no allocation of ours).
 * Before the window is full `value` is false and isReady is false.
 */
export class CandlePattern implements Indicator<boolean> {
  readonly name: string;
  readonly warmupBars: number;
  private readonly detect: CandlePatternFn;
  private readonly window: { open: number[]; high: number[]; low: number[]; close: number[] };
  private count = 0;
  private current = false;

  constructor(name: string, bars: number, detect: CandlePatternFn) {
    this.name = name;
    this.warmupBars = bars;
    this.detect = detect;
    this.window = { open: new Array<number>(bars).fill(NaN), high: new Array<number>(bars).fill(NaN), low: new Array<number>(bars).fill(NaN), close: new Array<number>(bars).fill(NaN) };
  }

  get value(): boolean {
    return this.current;
  }

  get isReady(): boolean {
    return this.count >= this.warmupBars;
  }

  updateBar(bar: BarInput): void {
    const w = this.window;
    const last = this.warmupBars - 1;
    for (let k = 0; k < last; k++) {
      w.open[k] = w.open[k + 1];
      w.high[k] = w.high[k + 1];
      w.low[k] = w.low[k + 1];
      w.close[k] = w.close[k + 1];
    }
    w.open[last] = bar.open;
    w.high[last] = bar.high;
    w.low[last] = bar.low;
    w.close[last] = bar.close;
    if (this.count < this.warmupBars) this.count++;
    this.current = this.count >= this.warmupBars && this.detect(w) === true;
  }

  reset(): void {
    this.count = 0;
    this.current = false;
    for (const a of [this.window.open, this.window.high, this.window.low, this.window.close]) a.fill(NaN);
  }
}
