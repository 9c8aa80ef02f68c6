import { Strategy, type Bar, type StrategyContext } from '../../framework/index.ts';

/** Test strategy: at bar index i (0-based, per instrument) run the scripted action. */
export type Script = Record<number, (ctx: StrategyContext, bar: Bar) => void>;

export function scripted(script: Script) {
  return class Scripted extends Strategy<Record<string, never>> {
    static override defaults = {};
    private i = 0;
    override onBar(bar: Bar, ctx: StrategyContext): void {
      script[this.i]?.(ctx, bar);
      this.i++;
    }
  };
}
