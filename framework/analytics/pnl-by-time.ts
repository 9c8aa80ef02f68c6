import { MS_PER_DAY, MS_PER_HOUR } from '../core/time.ts';
import type { InstrumentInfo, TradeRecord } from '../model/results.ts';
import { asTradeColumns, type TradeColumns } from '../model/trade-columns.ts';
import { WeeklyOffsetCache } from './weekly-offset-cache.ts';

export interface PnlBucket {
  readonly pnlCurrency: number;
  readonly tradeCount: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/**
 * Net PnL by hour of day (0..23) and by weekday (0 = Sunday) of each trade's EXIT, in the exchange time
 * zone of its instrument (results.instruments[].timeZone; UTC for an unknown symbol).
 * Trades exit at scattered hours, so offsets come from WeeklyOffsetCache (per-hour caching would miss).
 */
export function pnlByTime(
  trades: readonly TradeRecord[] | TradeColumns,
  instruments: readonly InstrumentInfo[],
): { byHour: (PnlBucket & { hour: number })[]; byWeekday: (PnlBucket & { weekday: number; name: string })[] } {
  const hourPnl = new Array<number>(24).fill(0);
  const hourN = new Array<number>(24).fill(0);
  const dayPnl = new Array<number>(7).fill(0);
  const dayN = new Array<number>(7).fill(0);
  const zones = new Map<string, WeeklyOffsetCache>();
  for (const ins of instruments) zones.set(ins.symbol, new WeeklyOffsetCache(ins.timeZone || 'UTC'));
  const utc = new WeeklyOffsetCache('UTC');
  const c = asTradeColumns(trades);
  const zoneOf = c.symbols.map((s) => zones.get(s) ?? utc);
  const exitCol = c.exitMs;
  const pnlCol = c.pnl;
  const symCol = c.symbol;
  for (let i = 0; i < c.length; i++) {
    const exitMs = exitCol[i];
    const pnl = pnlCol[i];
    const localMs = exitMs + zoneOf[symCol[i]].offsetMs(exitMs);
    const localDays = Math.floor(localMs / MS_PER_DAY);
    const h = Math.floor((localMs - localDays * MS_PER_DAY) / MS_PER_HOUR);
    const d = (((localDays + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    hourPnl[h] += pnl;
    hourN[h]++;
    dayPnl[d] += pnl;
    dayN[d]++;
  }
  return {
    byHour: hourPnl.map((pnlCurrency, hour) => ({ hour, pnlCurrency, tradeCount: hourN[hour] })),
    byWeekday: dayPnl.map((pnlCurrency, weekday) => ({ weekday, name: WEEKDAYS[weekday], pnlCurrency, tradeCount: dayN[weekday] })),
  };
}
