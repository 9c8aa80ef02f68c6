import type { TradeRecord } from '../model/results.ts';
import { finiteOrNull } from './sample-stats.ts';

/** The bar clock used to weigh exposure: bar start times (ascending) and the bar length in ms. */
export interface BarClock {
  readonly startsMs: readonly number[];
  readonly barMs: number;
}

/**
 * Share of time with at least one open position (any instrument), as a fraction 0..1.
 *
 * The results file holds no per-bar position flags, so this is an approximation from the trades'
 * [entryMs, exitMs) intervals (merged across instruments):
 * - with a bar clock (the report's candles: bars that exist, so nights, weekends and halts without
 *   data do not count), each bar counts by the share of its length covered by an open position;
 *   a 10-minute trade inside a 1-hour candle counts as 1/6 of that candle.
 * - without one, the covered wall-clock time divided by the period length (holding over a weekend
 *   counts the weekend; a session-only strategy looks less exposed than bt.py's "% of bars").
 * null for an empty period.
 */
export function timeInMarket(trades: readonly TradeRecord[], period: { fromMs: number; toMs: number }, clock?: BarClock): number | null {
  const intervals = mergedIntervals(trades);
  if (clock !== undefined && clock.startsMs.length > 0 && clock.barMs > 0) {
    const { startsMs, barMs } = clock;
    let covered = 0;
    let j = 0;
    for (let i = 0; i < startsMs.length; i++) {
      const a = startsMs[i];
      const b = a + barMs;
      while (j < intervals.length && intervals[j][1] <= a) j++;
      let k = j;
      let inBar = 0;
      while (k < intervals.length && intervals[k][0] < b) {
        inBar += Math.min(b, intervals[k][1]) - Math.max(a, intervals[k][0]);
        k++;
      }
      covered += inBar / barMs;
    }
    return finiteOrNull(covered / startsMs.length);
  }
  const span = period.toMs - period.fromMs;
  if (!(span > 0)) return null;
  let covered = 0;
  for (const [a, b] of intervals) covered += Math.max(0, Math.min(b, period.toMs) - Math.max(a, period.fromMs));
  return finiteOrNull(Math.min(1, covered / span));
}

/** Holding intervals sorted and merged so overlapping positions are not counted twice. */
function mergedIntervals(trades: readonly TradeRecord[]): [number, number][] {
  const raw: [number, number][] = [];
  for (const t of trades) if (t.exitMs > t.entryMs) raw.push([t.entryMs, t.exitMs]);
  raw.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const iv of raw) {
    const last = out[out.length - 1];
    if (last !== undefined && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push([iv[0], iv[1]]);
  }
  return out;
}
