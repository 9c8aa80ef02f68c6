import { MS_PER_DAY, MS_PER_MINUTE, ZoneOffsetCache, civilDate } from '../core/time.ts';

/**
 * A venue's trading session in its exchange time zone. An overnight session (open > close, as CME
 * Globex 17:00-16:00 CT) belongs to the date on which it closes: a Monday 18:00 CT event is in
 * Tuesday's session (DESIGN.md §4).
 */
export interface SessionSpec {
  readonly timeZone: string;
  /** Session open, minutes after local midnight (CME Globex: 17:00 = 1020, on the previous day). */
  readonly openMinute: number;
  /** Session close, minutes after local midnight (CME Globex: 16:00 = 960). */
  readonly closeMinute: number;
  /** Regular trading hours, minutes after local midnight (CME equity index: 08:30-15:00 CT). */
  readonly rthOpenMinute: number;
  readonly rthCloseMinute: number;
}

export const CME_GLOBEX_SESSION: SessionSpec = {
  timeZone: 'America/Chicago',
  openMinute: 17 * 60,
  closeMinute: 16 * 60,
  rthOpenMinute: 8 * 60 + 30,
  rthCloseMinute: 15 * 60,
};

/** A plain UTC calendar day: for data whose venue we do not know. */
export const UTC_DAY_SESSION: SessionSpec = {
  timeZone: 'UTC',
  openMinute: 0,
  closeMinute: 24 * 60,
  rthOpenMinute: 0,
  rthCloseMinute: 24 * 60,
};

/**
 * Maps event times to trading dates and local minutes, with the zone offset cached per hour.
 * Hot path: `tradingDay(tsMs)` is two integer divisions and a cache hit.
 */
export class SessionCalendar {
  readonly spec: SessionSpec;
  private readonly zone: ZoneOffsetCache;
  private readonly shiftMs: number;

  constructor(spec: SessionSpec) {
    this.spec = spec;
    this.zone = new ZoneOffsetCache(spec.timeZone);
    // Overnight session: shift local time forward so the session open lands on local midnight.
    this.shiftMs = spec.openMinute > spec.closeMinute ? (24 * 60 - spec.openMinute) * MS_PER_MINUTE : -spec.openMinute * MS_PER_MINUTE;
  }

  /** Trading date of an event as days since 1970-01-01. */
  tradingDay(tsMs: number): number {
    return Math.floor((tsMs + this.zone.offsetMs(tsMs) + this.shiftMs) / MS_PER_DAY);
  }

  /** Trading date of an event as 'YYYY-MM-DD'. */
  tradingDate(tsMs: number): string {
    return civilDate(this.tradingDay(tsMs));
  }

  /** Minutes after local midnight in the exchange time zone (0..1439). */
  localMinute(tsMs: number): number {
    const local = tsMs + this.zone.offsetMs(tsMs);
    return Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_MINUTE);
  }

  /** Local weekday, 0 = Sunday. */
  localWeekday(tsMs: number): number {
    const days = Math.floor((tsMs + this.zone.offsetMs(tsMs)) / MS_PER_DAY);
    return (((days + 4) % 7) + 7) % 7;
  }

  /** Local wall-clock epoch ms (UTC fields read as exchange-local). */
  localMs(tsMs: number): number {
    return tsMs + this.zone.offsetMs(tsMs);
  }

  /** UTC offset in ms at an instant. */
  offsetMs(tsMs: number): number {
    return this.zone.offsetMs(tsMs);
  }

  /** True inside regular trading hours. */
  isRth(tsMs: number): boolean {
    const m = this.localMinute(tsMs);
    return m >= this.spec.rthOpenMinute && m < this.spec.rthCloseMinute;
  }

  /**
   * Epoch ms at which the session with the given trading day starts (its open). For an overnight
   * session that is the previous local day at openMinute. Accurate across DST changes (offset taken
   * at the open itself, refined once).
   */
  sessionStartMs(tradingDay: number): number {
    const localOpen = tradingDay * MS_PER_DAY - this.shiftMs;
    let ts = localOpen - this.zone.offsetMs(localOpen);
    ts = localOpen - this.zone.offsetMs(ts);
    return ts;
  }
}
