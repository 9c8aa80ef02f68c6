import { MS_PER_DAY, MS_PER_MINUTE, timeframeToMs } from '../core/time.ts';
import type { BarColumns } from '../model/bar-columns.ts';
import { findInstrument } from '../model/instrument-registry.ts';
import { CME_GLOBEX_SESSION, SessionCalendar, type SessionSpec } from '../model/session-calendar.ts';

/**
 * Gaps in a bar series: places where the next bar starts more than `minMultiple` × timeframe after
 * the previous one. A gap is a `session` gap when (almost) all of its missing time falls outside
 * trading hours (CME: the 16:00-17:00 CT daily halt and Friday 16:00 - Sunday 17:00 CT); otherwise it
 * is a `hole` (missing data or an unlisted holiday). Without a venue calendar ("plain" data) a gap
 * that crosses a UTC date is taken as an overnight/weekend closure and one within a day as a hole.
 */
export interface Gap {
  /** Start of the first missing bar (previous bar's start + timeframe), epoch ms. */
  readonly fromMs: number;
  /** Start of the bar after the gap, epoch ms. */
  readonly toMs: number;
  /** Bars that would fit in [fromMs, toMs). */
  readonly missingBars: number;
  /** Of those, bars that fall inside trading hours (0 for a clean halt or weekend). */
  readonly inSessionMissingBars: number;
  readonly kind: 'session' | 'hole';
  /** Which closure explains a session gap. */
  readonly closure?: 'daily-halt' | 'weekend' | 'overnight';
  /** Row index of the bar after the gap. */
  readonly index: number;
}

export interface GapSummary {
  readonly total: number;
  readonly session: number;
  readonly hole: number;
}

export interface FindGapsOptions {
  /** Defaults to the columns' timeframe. */
  timeframeMs?: number;
  /**
   * Report gaps longer than this many bars' time. Default 5 for intraday bars (a few quiet minutes
   * overnight are thin trading, not missing data) and 1 for daily bars (any skipped day is reported).
   */
  minMultiple?: number;
  /**
   * Venue session; defaults to the registry instrument's session for the columns' symbol (CME Globex
   * for ES, NQ, ...) and to plain day-boundary rules for unknown symbols. Pass null to force plain.
   */
  session?: SessionSpec | null;
}

/** Every gap in a series, oldest first. */
export function findGaps(c: BarColumns, opts: FindGapsOptions = {}): Gap[] {
  const tfMs = opts.timeframeMs ?? timeframeToMs(c.timeframe);
  if (!(tfMs > 0)) return [];
  const minMultiple = opts.minMultiple ?? (tfMs >= MS_PER_DAY ? 1 : 5);
  const thresholdMs = minMultiple * tfMs;
  const spec = opts.session === undefined ? defaultSession(c.symbol) : opts.session;
  const cal = spec !== null && spec.openMinute > spec.closeMinute ? new SessionCalendar(spec) : undefined;
  const gaps: Gap[] = [];
  const ts = c.tsMs;
  for (let i = 1; i < c.length; i++) {
    const delta = ts[i] - ts[i - 1];
    if (delta <= thresholdMs) continue;
    const fromMs = ts[i - 1] + tfMs;
    const toMs = ts[i];
    const missingBars = Math.round((toMs - fromMs) / tfMs);
    let inSessionMs: number;
    let closure: Gap['closure'];
    if (cal !== undefined) {
      inSessionMs = openTimeWithin(cal, fromMs, toMs);
      const closedMs = toMs - fromMs - inSessionMs;
      closure = closedMs >= MS_PER_DAY ? 'weekend' : 'daily-halt';
    } else {
      const crossesDay = Math.floor(fromMs / MS_PER_DAY) !== Math.floor((toMs - 1) / MS_PER_DAY) || delta >= MS_PER_DAY;
      inSessionMs = crossesDay ? 0 : toMs - fromMs;
      closure = delta > 2 * MS_PER_DAY ? 'weekend' : 'overnight';
    }
    const inSessionMissingBars = Math.round(inSessionMs / tfMs);
    // A halt preceded or followed by a few quiet minutes is still a session gap.
    const kind = inSessionMs < thresholdMs ? 'session' : 'hole';
    gaps.push({
      fromMs,
      toMs,
      missingBars,
      inSessionMissingBars,
      kind,
      ...(kind === 'session' ? { closure } : {}),
      index: i,
    });
  }
  return gaps;
}

export function summarizeGaps(gaps: readonly Gap[]): GapSummary {
  let session = 0;
  for (const g of gaps) if (g.kind === 'session') session++;
  return { total: gaps.length, session, hole: gaps.length - session };
}

function defaultSession(symbol: string): SessionSpec | null {
  const inst = findInstrument(symbol);
  return inst !== undefined && inst.session === CME_GLOBEX_SESSION ? CME_GLOBEX_SESSION : null;
}

/**
 * Milliseconds of [fromMs, toMs) inside an overnight venue session (open on the previous local day,
 * close on the trading day), counting only trading days Monday to Friday. Walks one trading day at a
 * time, so a gap of d days costs O(d).
 */
function openTimeWithin(cal: SessionCalendar, fromMs: number, toMs: number): number {
  const spec = cal.spec;
  let total = 0;
  const lastDay = cal.tradingDay(toMs - 1);
  for (let day = cal.tradingDay(fromMs); day <= lastDay; day++) {
    const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
    if (weekday === 0 || weekday === 6) continue;
    const start = cal.sessionStartMs(day);
    // Close: local closeMinute on the trading day itself, offset resolved at that instant.
    const localClose = day * MS_PER_DAY + spec.closeMinute * MS_PER_MINUTE;
    let end = localClose - cal.offsetMs(localClose);
    end = localClose - cal.offsetMs(end);
    const a = Math.max(start, fromMs);
    const b = Math.min(end, toMs);
    if (b > a) total += b - a;
  }
  return total;
}
