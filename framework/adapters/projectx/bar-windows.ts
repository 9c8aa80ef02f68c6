/**
 * Paging plan for History/retrieveBars (max 20 000 bars per call, results newest first): a span is cut
 * into windows of at most `maxBars` bar starts each, so a full window always fits in one response and
 * no page can silently truncate. Direction matters for resumability: a span BEFORE the stored data is
 * walked backwards from the stored edge and a span AFTER it forwards, so every finished window is
 * adjacent to what is already covered and an interrupted download leaves one contiguous range.
 */
import { ConfigError } from '../../core/errors.ts';
import type { BarUnit } from './rest-client.ts';

export interface BarWindow {
  readonly fromMs: number;
  /** Exclusive. */
  readonly toMs: number;
}

/** Windows covering [fromMs, toMs), aligned to the timeframe, in walking order. */
export function planWindows(fromMs: number, toMs: number, timeframeMs: number, maxBars: number, direction: 'forward' | 'backward'): BarWindow[] {
  const out: BarWindow[] = [];
  const span = timeframeMs * maxBars;
  if (!(toMs > fromMs) || !(span > 0)) return out;
  if (direction === 'forward') {
    for (let t = fromMs; t < toMs; t += span) out.push({ fromMs: t, toMs: Math.min(toMs, t + span) });
  } else {
    for (let t = toMs; t > fromMs; t -= span) out.push({ fromMs: Math.max(fromMs, t - span), toMs: t });
  }
  return out;
}

/** '5m' -> { unit: 'minute', unitNumber: 5 }. */
export function timeframeToBarUnit(timeframe: string): { unit: BarUnit; unitNumber: number } {
  const m = /^(\d+)(s|m|h|d)$/.exec(timeframe.trim());
  if (!m || Number(m[1]) <= 0) throw new ConfigError(`invalid timeframe "${timeframe}"`, { hint: 'use <n><s|m|h|d>, e.g. 1m, 5m, 1h, 1d' });
  const unit: BarUnit = m[2] === 's' ? 'second' : m[2] === 'm' ? 'minute' : m[2] === 'h' ? 'hour' : 'day';
  return { unit, unitNumber: Number(m[1]) };
}
