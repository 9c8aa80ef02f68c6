/**
 * Time as data: epoch milliseconds everywhere. Time zones are resolved at most once per hour of data
 * (ZoneOffsetCache), so the hot path buckets timestamps with integer math.
 */
import { dstRuleOffsetMs, hasDstRules } from './dst-rules.ts';

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export type Timeframe = '1s' | '5s' | '10s' | '15s' | '30s' | '1m' | '2m' | '3m' | '5m' | '10m' | '15m' | '30m' | '1h' | '2h' | '4h' | '1d';

const TIMEFRAME_RE = /^(\d+)(s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { s: MS_PER_SECOND, m: MS_PER_MINUTE, h: MS_PER_HOUR, d: MS_PER_DAY };

/** '5m' -> 300000. Returns NaN for anything that is not <n><s|m|h|d>. */
export function timeframeToMs(tf: string): number {
  const m = TIMEFRAME_RE.exec(tf.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return n > 0 ? n * UNIT_MS[m[2]] : Number.NaN;
}

/** 300000 -> '5m' (largest whole unit). */
export function msToTimeframe(ms: number): string {
  if (ms % MS_PER_DAY === 0) return `${ms / MS_PER_DAY}d`;
  if (ms % MS_PER_HOUR === 0) return `${ms / MS_PER_HOUR}h`;
  if (ms % MS_PER_MINUTE === 0) return `${ms / MS_PER_MINUTE}m`;
  return `${ms / MS_PER_SECOND}s`;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH_MS = /^\d{10,14}$/;

/**
 * Parse a timestamp: epoch ms (digits; 10-digit values are taken as epoch seconds), ISO-8601 with an
 * explicit offset (`Z` or `±hh:mm`), or a bare date `YYYY-MM-DD` (UTC midnight). Returns NaN when it is
 * none of these: a timestamp without an offset is ambiguous and is refused.
 */
export function parseTimestamp(text: string): number {
  const s = text.trim();
  if (EPOCH_MS.test(s)) {
    const n = Number(s);
    return s.length <= 10 ? n * 1000 : n;
  }
  if (ISO_WITH_OFFSET.test(s)) {
    // Date.parse wants 'T' and at most ms precision.
    let iso = s.replace(' ', 'T');
    iso = iso.replace(/(\.\d{3})\d+/, '$1');
    return Date.parse(iso);
  }
  if (DATE_ONLY.test(s)) return Date.parse(`${s}T00:00:00Z`);
  return Number.NaN;
}

/** Epoch ms -> ISO-8601 UTC string (edges only: results, logs, wire). */
export function isoUtc(tsMs: number): string {
  return new Date(tsMs).toISOString();
}

/** Days since 1970-01-01 -> 'YYYY-MM-DD' (Howard Hinnant's civil_from_days; no Date object). */
export function civilDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const year = m <= 2 ? y + 1 : y;
  return `${year}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** 'YYYY-MM-DD' -> days since epoch. */
export function daysFromCivil(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

/**
 * UTC offset of a time zone at an instant. Offsets change only at DST transitions (hour boundaries,
 * months apart), so the cache holds one range of hours with a constant offset: a lookup inside it is
 * two comparisons; outside it, the offset is computed at the hour and a week later, and if they agree
 * the whole week is cached (no zone has two transitions within a week), else the transition hour is
 * found by bisection. About 2 Intl calls a week of data instead of one an hour.
 */
export class ZoneOffsetCache {
  /** Created on first need: zones with rules (core/dst-rules.ts) never start ICU for covered years. */
  private fmt: Intl.DateTimeFormat | undefined;
  private readonly isUtc: boolean;
  private readonly ruled: boolean;
  /** Cached range of UTC hours [fromHour, toHour) with offset `rangeOffsetMs`. */
  private fromHour = 1;
  private toHour = 0;
  private rangeOffsetMs = 0;
  readonly timeZone: string;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.isUtc = timeZone === 'UTC';
    this.ruled = hasDstRules(timeZone);
    // An unknown zone is checked now (RangeError at construction, as before), not at first use.
    if (!this.isUtc && !this.ruled) this.fmt = zoneFormat(timeZone);
  }

  /** Offset in ms to add to UTC epoch ms to get local wall-clock ms. */
  offsetMs(tsMs: number): number {
    if (this.isUtc) return 0;
    const hour = Math.floor(tsMs / MS_PER_HOUR);
    if (hour >= this.fromHour && hour < this.toHour) return this.rangeOffsetMs;
    this.fill(hour);
    return this.rangeOffsetMs;
  }

  /** Local wall-clock epoch ms (UTC fields read as local time). */
  localMs(tsMs: number): number {
    return tsMs + this.offsetMs(tsMs);
  }

  private fill(hour: number): void {
    const WEEK_HOURS = 168;
    const off = this.compute(hour * MS_PER_HOUR);
    const later = this.compute((hour + WEEK_HOURS) * MS_PER_HOUR);
    let end = hour + WEEK_HOURS;
    if (later !== off) {
      // A transition in (hour, hour + week]: bisect for the first hour with the new offset.
      let lo = hour;
      let hi = hour + WEEK_HOURS;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.compute(mid * MS_PER_HOUR) === off) lo = mid;
        else hi = mid;
      }
      end = hi;
    }
    this.fromHour = hour;
    this.toHour = end;
    this.rangeOffsetMs = off;
  }

  private compute(tsMs: number): number {
    if (this.ruled) {
      const off = dstRuleOffsetMs(this.timeZone, tsMs);
      if (!Number.isNaN(off)) return off;
    }
    this.fmt ??= zoneFormat(this.timeZone);
    const parts = this.fmt.formatToParts(tsMs);
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let se = 0;
    for (const p of parts) {
      switch (p.type) {
        case 'year':
          y = Number(p.value);
          break;
        case 'month':
          mo = Number(p.value);
          break;
        case 'day':
          d = Number(p.value);
          break;
        case 'hour':
          h = Number(p.value);
          break;
        case 'minute':
          mi = Number(p.value);
          break;
        case 'second':
          se = Number(p.value);
          break;
      }
    }
    return Date.UTC(y, mo - 1, d, h, mi, se) - tsMs;
  }
}

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
