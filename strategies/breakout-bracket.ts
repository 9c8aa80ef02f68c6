import { Strategy, type Bar, type StrategyContext } from '../framework/index.ts';

const defaults = { lookback: 20, stopTicks: 8, targetTicks: 16, size: 1 };

/**
 * Channel breakout with a bracket around every entry.
 * When flat with no working orders: a bar whose close is above the highest high of the `lookback`
 * bars before it buys `size` at market with a bracket (stop loss `stopTicks` below the entry fill,
 * take profit `targetTicks` above, an OCO pair live from the fill on); a close below the lowest low of
 * those bars sells short, mirrored. The exits are the only way out, so at most one trade is open.
 */
export default class BreakoutBracket extends Strategy<typeof defaults> {
  static override defaults = defaults;
  static override description = 'Close beyond the N-bar high/low: market entry with a stop-loss / take-profit bracket';

  override onStart(ctx: StrategyContext): void {
    if (!(this.params.lookback >= 1) || !(this.params.stopTicks > 0) || !(this.params.targetTicks > 0) || !(this.params.size >= 1)) {
      ctx.log(`note: unusual params ${JSON.stringify(this.params)}`);
    }
    ctx.lookback(this.params.lookback + 1);
  }

  override onBar(bar: Bar, ctx: StrategyContext): void {
    const n = this.params.lookback;
    if (ctx.bars.length < n + 1 || !ctx.position.isFlat || ctx.workingOrders().length > 0) return;
    // offset 1: the channel is built from the bars before this one.
    const high = ctx.bars.highest(n, 1);
    const low = ctx.bars.lowest(n, 1);
    const { stopTicks, targetTicks, size } = this.params;
    if (bar.close > high) ctx.bracket({ side: 'buy', size, stopTicks, targetTicks, tag: `breakout above ${high}` });
    else if (bar.close < low) ctx.bracket({ side: 'sell', size, stopTicks, targetTicks, tag: `breakout below ${low}` });
  }
}
