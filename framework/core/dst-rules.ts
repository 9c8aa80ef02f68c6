/**
 * UTC offsets of the exchange time zones by their daylight-saving rules, in integer math, so a
 * backtest never has to start ICU: the first `Intl.DateTimeFormat` of a process costs ~15 ms
 * (loading the time-zone data), which is 3% of a 1M-bar backtest. Only settled history is answered
 * here: years from the rule's start through RULES_LAST_YEAR. Anything else (other zones, older or
 * later years) returns NaN and the caller asks Intl, which stays the authority.
 * tests/engine/dst-rules.test.ts checks every zone here against Intl, hour by hour around each
 * transition and daily in between, over every year covered.
 */
// Not imported from time.ts, which imports this file.
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Last year answered by the rules (transitions of later years could still change in tzdata). */
const RULES_LAST_YEAR = 2026;

interface ZoneRule {
  /** Standard-time offset from UTC, hours. */
  readonly stdHours: number;
  readonly kind: 'us' | 'eu';
}

/**
 * US (Energy Policy Act, since 2007): DST from the second Sunday of March, 02:00 local standard
 * time, to the first Sunday of November, 02:00 local daylight time.
 * EU (since 1996): from the last Sunday of March to the last Sunday of October, at 01:00 UTC.
 */
const ZONES: Readonly<Record<string, ZoneRule>> = {
  'America/New_York': { stdHours: -5, kind: 'us' },
  'America/Chicago': { stdHours: -6, kind: 'us' },
  'America/Denver': { stdHours: -7, kind: 'us' },
  'America/Los_Angeles': { stdHours: -8, kind: 'us' },
  'Europe/London': { stdHours: 0, kind: 'eu' },
  'Europe/Dublin': { stdHours: 0, kind: 'eu' },
  'Europe/Berlin': { stdHours: 1, kind: 'eu' },
  'Europe/Paris': { stdHours: 1, kind: 'eu' },
  'Europe/Amsterdam': { stdHours: 1, kind: 'eu' },
  'Europe/Brussels': { stdHours: 1, kind: 'eu' },
  'Europe/Zurich': { stdHours: 1, kind: 'eu' },
  'Europe/Madrid': { stdHours: 1, kind: 'eu' },
  'Europe/Rome': { stdHours: 1, kind: 'eu' },
  'Europe/Stockholm': { stdHours: 1, kind: 'eu' },
  'Europe/Helsinki': { stdHours: 2, kind: 'eu' },
};

const FIRST_YEAR = { us: 2007, eu: 1996 } as const;

/** The zones the rules know (tests iterate them). */
export const RULE_ZONES: readonly string[] = Object.keys(ZONES);

/** Whether `timeZone` has rules here (then Intl is needed only outside the years covered). */
export function hasDstRules(timeZone: string): boolean {
  return Object.hasOwn(ZONES, timeZone);
}

/** Days since epoch of the first `weekday` (0 = Sunday) on or after days-since-epoch `d`. */
function weekdayOnOrAfter(d: number, weekday: number): number {
  const wd = (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return d + ((weekday - wd + 7) % 7);
}

function dayOf(year: number, month0: number, day: number): number {
  return Date.UTC(year, month0, day) / MS_PER_DAY;
}

/** [start, end) of daylight time in UTC epoch ms for `year`. */
function dstSpanMs(rule: ZoneRule, year: number): [number, number] {
  if (rule.kind === 'us') {
    const start = weekdayOnOrAfter(dayOf(year, 2, 1), 0) + 7; // second Sunday of March
    const end = weekdayOnOrAfter(dayOf(year, 10, 1), 0); // first Sunday of November
    // 02:00 local: standard time at the start, daylight time (std + 1) at the end.
    return [start * MS_PER_DAY + (2 - rule.stdHours) * MS_PER_HOUR, end * MS_PER_DAY + (2 - rule.stdHours - 1) * MS_PER_HOUR];
  }
  const start = weekdayOnOrAfter(dayOf(year, 2, 25), 0); // last Sunday of March
  const end = weekdayOnOrAfter(dayOf(year, 9, 25), 0); // last Sunday of October
  return [start * MS_PER_DAY + MS_PER_HOUR, end * MS_PER_DAY + MS_PER_HOUR];
}

/** Offset in ms to add to UTC epoch ms for local time, or NaN when the rules do not cover it. */
export function dstRuleOffsetMs(timeZone: string, tsMs: number): number {
  const rule = hasDstRules(timeZone) ? ZONES[timeZone] : undefined;
  if (rule === undefined) return Number.NaN;
  // The UTC year is the local year except within hours of New Year, far from any transition.
  const year = new Date(tsMs).getUTCFullYear();
  if (year < FIRST_YEAR[rule.kind] || year > RULES_LAST_YEAR) return Number.NaN;
  const [start, end] = dstSpanMs(rule, year);
  const hours = tsMs >= start && tsMs < end ? rule.stdHours + 1 : rule.stdHours;
  return hours * MS_PER_HOUR;
}
