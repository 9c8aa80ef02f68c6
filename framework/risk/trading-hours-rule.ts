import { ConfigError } from '../core/errors.ts';
import type { SubmitOrder } from '../model/order.ts';
import { SessionCalendar } from '../model/session-calendar.ts';
import { RISK_OK, type RiskDecision, type RiskRule, type RiskView } from './risk-gate.ts';
import { reducesExposure } from './exposure.ts';

/** Windows like "08:30-15:00" for every instrument, or per symbol ('*' = default for unlisted ones). */
export type TradingHoursSpec = readonly string[] | Readonly<Record<string, readonly string[]>>;

interface Window {
  readonly text: string;
  readonly fromMinute: number;
  readonly toMinute: number;
}

/** Parse "HH:MM-HH:MM" (exchange local time; end exclusive; a window may wrap midnight, "17:00-16:00"). */
export function parseWindow(text: string, where = 'tradingHours'): Window {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(text.trim());
  const bad = () => new ConfigError(`trading hours window '${text}' is not HH:MM-HH:MM`, { where, hint: 'e.g. "08:30-15:00" in the exchange time zone' });
  if (m === null) throw bad();
  const [h1, m1, h2, m2] = [m[1], m[2], m[3], m[4]].map(Number);
  if (h1 > 24 || h2 > 24 || m1 > 59 || m2 > 59) throw bad();
  const fromMinute = h1 * 60 + m1;
  const toMinute = h2 * 60 + m2;
  if (fromMinute === toMinute) throw bad();
  return { text: text.trim(), fromMinute, toMinute };
}

function inside(w: Window, minute: number): boolean {
  return w.fromMinute < w.toMinute ? minute >= w.fromMinute && minute < w.toMinute : minute >= w.fromMinute || minute < w.toMinute;
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/**
 * Orders that add exposure pass only inside the allowed windows, in the instrument's exchange time
 * zone (CME: America/Chicago). Exits (reduce-only or smaller than the position) pass at any time.
 */
export class TradingHoursRule implements RiskRule {
  readonly name = 'trading-hours';
  private readonly windows: ReadonlyMap<string, readonly Window[]>;
  private readonly calendars = new Map<string, SessionCalendar>();

  constructor(spec: TradingHoursSpec) {
    const m = new Map<string, Window[]>();
    if (Array.isArray(spec)) m.set('*', (spec as readonly string[]).map((t) => parseWindow(t)));
    else for (const [sym, list] of Object.entries(spec as Record<string, readonly string[]>)) m.set(sym, list.map((t) => parseWindow(t, `tradingHours.${sym}`)));
    this.windows = m;
  }

  check(cmd: SubmitOrder, view: RiskView): RiskDecision {
    const ws = this.windows.get(cmd.symbol) ?? this.windows.get('*');
    if (ws === undefined || reducesExposure(cmd, view.positionOf(cmd.symbol))) return RISK_OK;
    const ins = view.instrument(cmd.symbol);
    if (ins === undefined) return RISK_OK;
    let cal = this.calendars.get(cmd.symbol);
    if (cal === undefined) {
      cal = new SessionCalendar(ins.session);
      this.calendars.set(cmd.symbol, cal);
    }
    const minute = cal.localMinute(view.nowMs());
    for (const w of ws) if (inside(w, minute)) return RISK_OK;
    return { ok: false, rule: this.name, message: `trading hours for ${cmd.symbol} ${ws.map((w) => w.text).join(', ')} (${ins.session.timeZone}): now ${hhmm(minute)}` };
  }
}
