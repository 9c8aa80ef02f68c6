import { SeededRandom } from '../core/rng.ts';
import { MS_PER_MINUTE } from '../core/time.ts';
import { allocBarColumns, type BarColumns } from '../model/bar-columns.ts';
import { SessionCalendar, type SessionSpec } from '../model/session-calendar.ts';

export interface SyntheticOptions {
  readonly symbol: string;
  readonly bars: number;
  readonly seed: number;
  /** First bar time, epoch ms (snapped forward into the session). */
  readonly startMs: number;
  readonly tickSize: number;
  readonly startPrice: number;
  readonly session: SessionSpec;
  /** Typical 1-minute move, in ticks (RTH; overnight is ~40% of it). Default 16. */
  readonly sigmaTicks?: number;
  readonly timeframeMs?: number;
}

/**
 * A seeded synthetic bar series: a random walk on the tick grid with realistic 1-minute ranges and
 * volume (busier in regular hours), bars only inside the session (CME: no bars in the 16:00-17:00 CT
 * halt or from Friday 16:00 to Sunday 17:00). Same seed, same bars: the sample data and the benchmark
 * come from here. Prices stay on the grid; OHLC invariants hold by construction.
 */
export function syntheticBars(o: SyntheticOptions): BarColumns {
  const rng = new SeededRandom(o.seed);
  const cal = new SessionCalendar(o.session);
  const tf = o.timeframeMs ?? MS_PER_MINUTE;
  const cols = allocBarColumns(o.symbol, `${Math.round(tf / MS_PER_MINUTE)}m`, o.bars);
  const tick = o.tickSize;
  const sigma = o.sigmaTicks ?? 16;
  let priceTicks = Math.round(o.startPrice / tick);
  let ts = Math.ceil(o.startMs / tf) * tf;
  const overnight = o.session.openMinute > o.session.closeMinute;
  for (let i = 0; i < o.bars; i++) {
    // Skip times outside the session: the daily halt and the weekend.
    for (;;) {
      const m = cal.localMinute(ts);
      const wd = cal.localWeekday(ts);
      const inHalt = overnight ? m >= o.session.closeMinute && m < o.session.openMinute : m < o.session.openMinute || m >= o.session.closeMinute;
      const weekend = overnight ? wd === 6 || (wd === 5 && m >= o.session.closeMinute) || (wd === 0 && m < o.session.openMinute) : wd === 0 || wd === 6;
      if (!inHalt && !weekend) break;
      ts += tf;
    }
    const rth = cal.isRth(ts);
    const s = rth ? sigma : sigma * 0.4;
    const open = priceTicks + (rng.next() < 0.1 ? (rng.next() < 0.5 ? -1 : 1) : 0);
    const close = open + Math.round(rng.normal() * s);
    const hi = Math.max(open, close) + Math.round(Math.abs(rng.normal()) * s * 0.5);
    const lo = Math.min(open, close) - Math.round(Math.abs(rng.normal()) * s * 0.5);
    cols.tsMs[i] = ts;
    cols.open[i] = open * tick;
    cols.high[i] = hi * tick;
    cols.low[i] = lo * tick;
    cols.close[i] = close * tick;
    cols.volume[i] = Math.max(1, Math.round((rth ? 900 : 150) * Math.exp(rng.normal() * 0.6)));
    priceTicks = close;
    ts += tf;
  }
  return cols;
}
