import { MS_PER_DAY, MS_PER_HOUR, ZoneOffsetCache } from '../core/time.ts';
import type { InstrumentInfo, TradeRecord } from '../model/results.ts';

export interface PnlBucket {
  readonly pnlCurrency: number;
  readonly tradeCount: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MS_PER_WEEK = 7 * MS_PER_DAY;

/**
 * Net PnL by hour of day (0..23) and by weekday (0 = Sunday) of each trade's EXIT, in the exchange time
 * zone of its instrument (results.instruments[].timeZone; UTC for an unknown symbol).
 * Trades exit at scattered hours, so ZoneOffsetCache's per-hour cache would miss on almost every trade
 * (an Intl call, ~20 µs each); the offset is therefore resolved per UTC week when it is the same at both
 * ends of the week (DST changes are months apart), and per hour only in the weeks of a change.
 */
export function pnlByTime(
  trades: readonly TradeRecord[],
  instruments: readonly InstrumentInfo[],
): { byHour: (PnlBucket & { hour: number })[]; byWeekday: (PnlBucket & { weekday: number; name: string })[] } {
  const hourPnl = new Array<number>(24).fill(0);
  const hourN = new Array<number>(24).fill(0);
  const dayPnl = new Array<number>(7).fill(0);
  const dayN = new Array<number>(7).fill(0);
  const zones = new Map<string, WeeklyOffsets>();
  for (const ins of instruments) zones.set(ins.symbol, new WeeklyOffsets(ins.timeZone || 'UTC'));
  const utc = new WeeklyOffsets('UTC');
  for (const t of trades) {
    const localMs = t.exitMs + (zones.get(t.symbol) ?? utc).offsetMs(t.exitMs);
    const localDays = Math.floor(localMs / MS_PER_DAY);
    const h = Math.floor((localMs - localDays * MS_PER_DAY) / MS_PER_HOUR);
    const d = (((localDays + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    hourPnl[h] += t.pnl;
    hourN[h]++;
    dayPnl[d] += t.pnl;
    dayN[d]++;
  }
  return {
    byHour: hourPnl.map((pnlCurrency, hour) => ({ hour, pnlCurrency, tradeCount: hourN[hour] })),
    byWeekday: dayPnl.map((pnlCurrency, weekday) => ({ weekday, name: WEEKDAYS[weekday], pnlCurrency, tradeCount: dayN[weekday] })),
  };
}

/** UTC offsets cached per week where constant over the week, per hour (ZoneOffsetCache) otherwise. */
class WeeklyOffsets {
  private readonly zone: ZoneOffsetCache;
  private readonly byWeek = new Map<number, number | null>();
  constructor(timeZone: string) {
    this.zone = new ZoneOffsetCache(timeZone);
  }
  offsetMs(tsMs: number): number {
    const week = Math.floor(tsMs / MS_PER_WEEK);
    let off = this.byWeek.get(week);
    if (off === undefined) {
      const a = this.zone.offsetMs(week * MS_PER_WEEK);
      const b = this.zone.offsetMs((week + 1) * MS_PER_WEEK - 1);
      off = a === b ? a : null;
      this.byWeek.set(week, off);
    }
    return off ?? this.zone.offsetMs(tsMs);
  }
}
