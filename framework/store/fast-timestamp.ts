/**
 * Byte-level fast path for the timestamp forms CSV files use, so a 1M-row import does not pay for a
 * regex and Date.parse per row. It accepts a strict subset of what core/time.ts parseTimestamp
 * accepts and gives the same value; anything else returns NaN and the caller falls back to
 * parseTimestamp on the text (which decides whether the value is valid at all).
 *
 * Accepted: epoch digits (10 digits = seconds, 11-14 = ms), `YYYY-MM-DD` (UTC midnight), and
 * `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`. Fractions are truncated to ms,
 * as parseTimestamp does.
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../core/time.ts';

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseTimestampBytes(buf: Uint8Array, a: number, b: number): number {
  const len = b - a;
  if (len < 10) return Number.NaN;
  // Epoch digits.
  if (buf[a + 4] !== 45) {
    if (len > 14) return Number.NaN;
    let n = 0;
    for (let i = a; i < b; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) return Number.NaN;
      n = n * 10 + d;
    }
    return len === 10 ? n * 1000 : n;
  }
  const y = digits(buf, a, 4);
  if (buf[a + 7] !== 45) return Number.NaN;
  const mo = digits(buf, a + 5, 2);
  const d = digits(buf, a + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo]) return Number.NaN;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return Number.NaN;
  const dayMs = daysFromCivil(y, mo, d) * MS_PER_DAY;
  if (len === 10) return dayMs;
  const sep = buf[a + 10];
  if ((sep !== 84 && sep !== 32) || len < 17 || buf[a + 13] !== 58) return Number.NaN;
  const hh = digits(buf, a + 11, 2);
  const mi = digits(buf, a + 14, 2);
  if (hh < 0 || hh > 23 || mi < 0 || mi > 59) return Number.NaN;
  let ms = dayMs + hh * MS_PER_HOUR + mi * MS_PER_MINUTE;
  let i = a + 16;
  if (buf[i] === 58) {
    const ss = digits(buf, i + 1, 2);
    if (ss < 0 || ss > 59 || i + 3 > b) return Number.NaN;
    ms += ss * 1000;
    i += 3;
    if (buf[i] === 46) {
      i++;
      let fracDigits = 0;
      let fracMs = 0;
      while (i < b && buf[i] >= 48 && buf[i] <= 57) {
        if (fracDigits < 3) fracMs = fracMs * 10 + (buf[i] - 48);
        fracDigits++;
        i++;
      }
      if (fracDigits === 0 || fracDigits > 9) return Number.NaN;
      for (let k = fracDigits; k < 3; k++) fracMs *= 10;
      ms += fracMs;
    }
  }
  if (i >= b) return Number.NaN; // no offset: ambiguous, refused
  const z = buf[i];
  if (z === 90) return i + 1 === b ? ms : Number.NaN; // 'Z'
  if ((z !== 43 && z !== 45) || b - i !== 6 || buf[i + 3] !== 58) return Number.NaN;
  const oh = digits(buf, i + 1, 2);
  const om = digits(buf, i + 4, 2);
  if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
  const off = oh * MS_PER_HOUR + om * MS_PER_MINUTE;
  // Local time + offset means UTC = local - offset.
  return z === 43 ? ms - off : ms + off;
}

function digits(buf: Uint8Array, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = buf[i] - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Howard Hinnant's days_from_civil: proleptic Gregorian date -> days since 1970-01-01. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
