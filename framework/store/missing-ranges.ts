import type { BarColumns } from '../model/bar-columns.ts';

/** A half-open span of time [fromMs, toMs), epoch ms. */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Which parts of [fromMs, toMs) a download still has to fetch, given what is stored: the span before
 * the first stored bar and the span after the last one (a bar at t covers [t, t + timeframeMs)).
 * Gaps INSIDE the stored range are market closures or holes the source did not have; they are
 * reported by findGaps, not refetched (refetching them on every run would never converge).
 * `existing` may be the columns or just their first/last bar starts (the store's meta).
 */
export function missingRanges(
  existing: BarColumns | { readonly fromMs: number; readonly toMs: number } | undefined,
  fromMs: number,
  toMs: number,
  timeframeMs: number,
): TimeRange[] {
  if (!(toMs > fromMs)) return [];
  let first: number;
  let last: number;
  if (existing === undefined) return [{ fromMs, toMs }];
  if ('tsMs' in existing) {
    if (existing.length === 0) return [{ fromMs, toMs }];
    first = existing.tsMs[0];
    last = existing.tsMs[existing.length - 1];
  } else {
    first = existing.fromMs;
    last = existing.toMs;
  }
  const coveredTo = last + timeframeMs;
  const out: TimeRange[] = [];
  if (fromMs < first) out.push({ fromMs, toMs: Math.min(first, toMs) });
  if (toMs > coveredTo) out.push({ fromMs: Math.max(coveredTo, fromMs), toMs });
  return out;
}
