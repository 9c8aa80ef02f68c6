import { ConfigError, InvariantError } from '../core/errors.ts';
import { MS_PER_DAY, MS_PER_HOUR, timeframeToMs } from '../core/time.ts';
import type { SessionCalendar } from '../model/session-calendar.ts';

/**
 * Bar boundaries of one timeframe, by exchange time in epoch ms.
 *
 * - below 1h: plain integer math, `floor(ts / tfMs) * tfMs` (CME sessions open on a whole hour in
 *   every zone we trade, so these grids line up with the session anyway);
 * - 1h..<1d: aligned to the session open (CME 1h/4h bars start at 17:00 CT), and never crossing
 *   into the next session (the last 4h bar of a 23 h session is cut at the next open);
 * - 1d: one bar per trading session (CME: 17:00 CT to 17:00 CT, 23 h or 25 h long in UTC across DST).
 *
 * The session window [startMs, endMs) is cached, so resolving a bucket costs two compares on the hot
 * path and one SessionCalendar lookup (itself cached per hour) per session. Buckets are only resolved
 * when a bar rolls over, never per tick.
 */
export type BucketKind = 'fixed' | 'session-hours' | 'session-day';

export class TimeframeBucketer {
  readonly tf: string;
  readonly tfMs: number;
  readonly kind: BucketKind;
  private readonly calendar: SessionCalendar;
  private sessionStartMs = Number.NaN;
  private sessionEndMs = Number.NaN;
  /** Results of the last `locate` call (out-params so the hot path allocates nothing). */
  startMs = Number.NaN;
  endMs = Number.NaN;

  constructor(tf: string, calendar: SessionCalendar) {
    const tfMs = timeframeToMs(tf);
    if (!Number.isFinite(tfMs)) throw new ConfigError(`unknown timeframe '${tf}'`, { where: 'timeframe', hint: 'use e.g. 1s, 5s, 1m, 5m, 1h, 4h, 1d' });
    if (tfMs > MS_PER_DAY || (tfMs > MS_PER_HOUR && tfMs < MS_PER_DAY && MS_PER_DAY % tfMs !== 0)) {
      throw new ConfigError(`timeframe '${tf}' is not supported for aggregation`, { where: 'timeframe', hint: 'use at most 1d; hour timeframes must divide a day (1h, 2h, 3h, 4h, 6h, 8h, 12h)' });
    }
    this.tf = tf;
    this.tfMs = tfMs;
    this.kind = tfMs < MS_PER_HOUR ? 'fixed' : tfMs < MS_PER_DAY ? 'session-hours' : 'session-day';
    this.calendar = calendar;
  }

  /** Sets `startMs`/`endMs` to the bar containing tsMs. */
  locate(tsMs: number): void {
    if (this.kind === 'fixed') {
      const start = Math.floor(tsMs / this.tfMs) * this.tfMs;
      this.startMs = start;
      this.endMs = start + this.tfMs;
      return;
    }
    this.locateSession(tsMs);
    if (this.kind === 'session-day') {
      this.startMs = this.sessionStartMs;
      this.endMs = this.sessionEndMs;
      return;
    }
    const start = this.sessionStartMs + Math.floor((tsMs - this.sessionStartMs) / this.tfMs) * this.tfMs;
    this.startMs = start;
    this.endMs = Math.min(start + this.tfMs, this.sessionEndMs);
  }

  private locateSession(tsMs: number): void {
    if (tsMs >= this.sessionStartMs && tsMs < this.sessionEndMs) return;
    let day = this.calendar.tradingDay(tsMs);
    // tradingDay uses the offset at tsMs, sessionStartMs the offset at the open; they agree
    // (checked over a year of CME DST changes), the nudges only guard exotic calendars.
    for (let i = 0; i < 3; i++) {
      const start = this.calendar.sessionStartMs(day);
      const end = this.calendar.sessionStartMs(day + 1);
      if (tsMs < start) day -= 1;
      else if (tsMs >= end) day += 1;
      else {
        this.sessionStartMs = start;
        this.sessionEndMs = end;
        return;
      }
    }
    throw new InvariantError(`session calendar (${this.calendar.spec.timeZone}) cannot place ${tsMs} in a session`);
  }
}
