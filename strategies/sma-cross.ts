import { Strategy, Sma, type Bar, type StrategyContext } from '../framework/index.ts';

const defaults = { fast: 10, slow: 30, size: 1 };

/**
 * Long-only moving-average cross on closes.
 * A cross up is `fast > slow` while the last non-zero `fast − slow` before this bar was negative (so a
 * touch followed by a cross counts). The first bar where both averages exist only seeds that
 * difference (even if it is zero); signals start on the bar after it. Cross down mirrors.
 * Flat and cross up: market buy `size`. Long and cross down: market sell to flat.
 * Differences within a millionth of a tick count as zero (float noise of the running sums).
 */
export default class SmaCross extends Strategy<typeof defaults> {
  static override defaults = defaults;
  static override description = 'Long-only SMA(fast) / SMA(slow) cross on closes';

  private fast!: Sma;
  private slow!: Sma;
  private lastDiff = Number.NaN;
  private epsilon = 0;

  override onStart(ctx: StrategyContext): void {
    if (this.params.fast >= this.params.slow) ctx.log(`note: fast (${this.params.fast}) >= slow (${this.params.slow})`);
    this.fast = ctx.indicator(new Sma(this.params.fast));
    this.slow = ctx.indicator(new Sma(this.params.slow));
    this.epsilon = ctx.instrument.tickSize * 1e-6;
  }

  override onBar(_bar: Bar, ctx: StrategyContext): void {
    if (!this.fast.isReady || !this.slow.isReady) return;
    let diff = this.fast.value - this.slow.value;
    if (diff > -this.epsilon && diff < this.epsilon) diff = 0;
    const last = this.lastDiff;
    if (Number.isNaN(last)) {
      this.lastDiff = diff; // seed bar: no signal
      return;
    }
    if (diff > 0 && last < 0) {
      if (ctx.position.isFlat) ctx.market('buy', this.params.size);
    } else if (diff < 0 && last > 0) {
      if (ctx.position.isLong) ctx.market('sell', ctx.position.size);
    }
    if (diff !== 0) this.lastDiff = diff;
  }
}
