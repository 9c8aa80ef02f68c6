/**
 * Micro benchmark: ~5M synthetic trades through BarAggregator into 1m and 5m bars.
 * Prints one JSON line. `bars` is the number of ticks fed and `barsPerSec` ticks per second (the
 * bench harness reads these two names for every scenario). The timed loop includes building each
 * TradeTick, as a feed does.
 * Run: npx tsx bench/aggregator.ts [ticks] [comma-separated timeframes]
 */
import { pathToFileURL } from 'node:url';
import { BarAggregator } from '../framework/feed/bar-aggregator.ts';
import { TradeTick } from '../framework/model/market-data.ts';
import { CME_GLOBEX_SESSION } from '../framework/model/session-calendar.ts';
import { SeededRandom } from '../framework/core/rng.ts';

export interface AggregatorBenchResult {
  scenario: string;
  bars: number;
  seconds: number;
  barsPerSec: number;
  peakRssMb: number;
}

export function runAggregatorBench(ticks = 5_000_000, timeframes: readonly string[] = ['1m', '5m']): AggregatorBenchResult {
  const rng = new SeededRandom(42);
  const tsMs = new Float64Array(ticks);
  const price = new Float64Array(ticks);
  const size = new Float64Array(ticks);
  let t = Date.UTC(2025, 0, 6, 0, 0, 0);
  let p = 20000;
  for (let i = 0; i < ticks; i++) {
    t += Math.floor(rng.next() * 120); // ~8 ticks a second
    p += Math.round((rng.next() - 0.5) * 4) * 0.25;
    tsMs[i] = t;
    price[i] = p;
    size[i] = 1 + Math.floor(rng.next() * 5);
  }
  const agg = new BarAggregator({ symbol: 'MNQ', timeframes, session: CME_GLOBEX_SESSION });
  let closed = 0;
  let volume = 0;
  agg.onBar((bar) => {
    closed += 1;
    volume += bar.volume;
  });
  let peakRss = process.memoryUsage.rss();
  const started = process.hrtime.bigint();
  for (let i = 0; i < ticks; i++) {
    agg.onTrade(new TradeTick('MNQ', tsMs[i], price[i], size[i], 'unknown', tsMs[i]));
    if ((i & 0xfffff) === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  agg.onTime(t + 86_400_000);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  if (closed === 0 || volume <= 0) throw new Error('aggregator bench produced no bars');
  return {
    scenario: `aggregate:ticks->${timeframes.join(',')}`,
    bars: ticks,
    seconds: Number(seconds.toFixed(4)),
    barsPerSec: Math.round(ticks / seconds),
    peakRssMb: Math.round(peakRss / 1048576),
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  const tfs = process.argv[3] === undefined ? undefined : process.argv[3].split(',');
  console.log(JSON.stringify(runAggregatorBench(n, tfs)));
}
