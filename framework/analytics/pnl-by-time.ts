import { MS_PER_DAY, MS_PER_HOUR } from '../core/time.ts';
import type { InstrumentInfo, TradeRecord } from '../model/results.ts';
import { asTradeColumns, type TradeColumns } from '../model/trade-columns.ts';
import { WeeklyOffsetCache } from './weekly-offset-cache.ts';

export interface PnlBucket {
  readonly pnlCurrency: number;
  readonly tradeCount: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** The hour and weekday buckets of pnlByTime, one trade at a time (shared with the engine's tally). */
export class PnlByTimeTally {
  private readonly hourPnl = new Array<number>(24).fill(0);
  private readonly hourN = new Array<number>(24).fill(0);
  private readonly dayPnl = new Array<number>(7).fill(0);
  private readonly dayN = new Array<number>(7).fill(0);
  private readonly zones = new Map<string, WeeklyOffsetCache>();
  private readonly utc = new WeeklyOffsetCache('UTC');
  private lastSymbol: string | undefined = undefined;
  private lastZone: WeeklyOffsetCache;

  constructor(instruments: readonly Pick<InstrumentInfo, 'symbol' | 'timeZone'>[]) {
    for (const ins of instruments) this.zones.set(ins.symbol, new WeeklyOffsetCache(ins.timeZone || 'UTC'));
    this.lastZone = this.utc;
  }

  add(symbol: string, exitMs: number, pnl: number): void {
    let zone = this.lastZone;
    if (symbol !== this.lastSymbol) {
      zone = this.lastZone = this.zones.get(symbol) ?? this.utc;
      this.lastSymbol = symbol;
    }
    const localMs = exitMs + zone.offsetMs(exitMs);
    const localDays = Math.floor(localMs / MS_PER_DAY);
    const h = Math.floor((localMs - localDays * MS_PER_DAY) / MS_PER_HOUR);
    const d = (((localDays + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    this.hourPnl[h] += pnl;
    this.hourN[h]++;
    this.dayPnl[d] += pnl;
    this.dayN[d]++;
  }

  stats(): { byHour: (PnlBucket & { hour: number })[]; byWeekday: (PnlBucket & { weekday: number; name: string })[] } {
    const { hourN, dayN } = this;
    return {
      byHour: this.hourPnl.map((pnlCurrency, hour) => ({ hour, pnlCurrency, tradeCount: hourN[hour] })),
      byWeekday: this.dayPnl.map((pnlCurrency, weekday) => ({ weekday, name: WEEKDAYS[weekday], pnlCurrency, tradeCount: dayN[weekday] })),
    };
  }
}

/**
 * Net PnL by hour of day (0..23) and by weekday (0 = Sunday) of each trade's EXIT, in the exchange time
 * zone of its instrument (results.instruments[].timeZone; UTC for an unknown symbol).
 * Trades exit at scattered hours, so offsets come from WeeklyOffsetCache (per-hour caching would miss).
 */
export function pnlByTime(
  trades: readonly TradeRecord[] | TradeColumns,
  instruments: readonly InstrumentInfo[],
): { byHour: (PnlBucket & { hour: number })[]; byWeekday: (PnlBucket & { weekday: number; name: string })[] } {
  const c = asTradeColumns(trades);
  const t = new PnlByTimeTally(instruments);
  const { exitMs, pnl, symbol } = c;
  for (let i = 0; i < c.length; i++) t.add(c.symbols[symbol[i]], exitMs[i], pnl[i]);
  return t.stats();
}
