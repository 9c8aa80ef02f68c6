import type { EquityPoint } from '../model/results.ts';

/** Drawdown from the running peak at every point, as a fraction (0 at a new high, negative below it): the underwater chart. */
export function underwaterSeries(points: readonly EquityPoint[]): { tsMs: number; drawdownFraction: number }[] {
  const out = new Array<{ tsMs: number; drawdownFraction: number }>(points.length);
  let peak = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < points.length; i++) {
    const e = points[i].equity;
    if (e > peak) peak = e;
    out[i] = { tsMs: points[i].tsMs, drawdownFraction: peak > 0 ? e / peak - 1 : -1 };
  }
  return out;
}
