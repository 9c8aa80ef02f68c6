import type { WarmupTarget } from '../feed/recording-replay-feed.ts';
import type { Bar } from '../model/market-data.ts';
import type { InstrumentContext } from './instrument-context.ts';
import type { TradingSuite } from './trading-suite.ts';

/**
 * Warm-up (issue 4): before live bars, every declared indicator and the bar window get enough
 * history that the strategy starts with ready indicators. The strategy's onStart must have run
 * (TradingSuite.run starts contexts before the feed), so its indicators are declared.
 */

/** Extra bars beyond the longest indicator warm-up: indicators whose readiness lags by a bar or two. */
export const WARMUP_MARGIN_BARS = 2;

/** Closed base bars the context needs: the longest declared indicator warm-up (plus a margin), 0 without indicators. */
export function warmupBarsNeeded(ctx: InstrumentContext): number {
  let n = 0;
  for (const ind of ctx.declaredIndicators()) if (ind.warmupBars > n) n = ind.warmupBars;
  return n === 0 ? 0 : n + WARMUP_MARGIN_BARS;
}

/**
 * Feed history bars (oldest first) to the context's window and indicators WITHOUT the strategy,
 * the account or the venue seeing them: no order can come from history.
 */
export function applyWarmup(ctx: InstrumentContext, bars: readonly Bar[]): void {
  const inds = ctx.declaredIndicators();
  for (const bar of bars) {
    ctx.bars.push(bar);
    for (let i = 0; i < inds.length; i++) inds[i].updateBar(bar);
  }
}

/** The WarmupTarget a feed calls (ProjectXFeed from REST, RecordingReplayFeed from the recorded history). */
export function suiteWarmupTarget(suite: TradingSuite, log?: (line: string) => void): WarmupTarget {
  return {
    barsNeeded: (symbol) => (suite.has(symbol) ? warmupBarsNeeded(suite.get(symbol)) : 0),
    apply: (symbol, bars) => {
      if (!suite.has(symbol)) return;
      const ctx = suite.get(symbol);
      applyWarmup(ctx, bars);
      const need = warmupBarsNeeded(ctx);
      const notReady = ctx.declaredIndicators().filter((i) => !i.isReady).map((i) => i.name);
      log?.(`warm-up ${symbol}: ${bars.length} history bar(s) (needed ${need})${notReady.length > 0 ? `; not ready yet: ${notReady.join(', ')}` : ''}`);
    },
  };
}

/** Start the strategies now (declares indicators) so warm-up knows what to load; run() will not start them twice. */
export function startStrategies(suite: TradingSuite): void {
  for (const ctx of suite.contexts()) ctx.start();
}
