import { MS_PER_DAY, ZoneOffsetCache } from '../core/time.ts';

const MS_PER_WEEK = 7 * MS_PER_DAY;

/**
 * UTC offsets of a time zone for timestamps that are scattered in time (trade exits, a downsampled
 * equity curve): ZoneOffsetCache caches per hour, so points hours apart miss on almost every lookup
 * (an Intl call, ~20 µs). Here the offset is cached per UTC week when it is the same at both ends of
 * the week (DST changes are months apart), and resolved per hour only in the weeks of a change.
 */
export class WeeklyOffsetCache {
  private readonly zone: ZoneOffsetCache;
  private readonly byWeek = new Map<number, number | null>();
  readonly timeZone: string;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.zone = new ZoneOffsetCache(timeZone);
  }

  /** Offset in ms to add to UTC epoch ms to get exchange wall-clock ms. */
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

  /** Exchange wall-clock ms (UTC fields read as exchange-local time). */
  localMs(tsMs: number): number {
    return tsMs + this.offsetMs(tsMs);
  }
}
