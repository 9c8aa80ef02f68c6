import { msToTimeframe } from '../core/time.ts';

/**
 * The timeframe of a series read from a file that does not state it: the most common spacing between
 * consecutive bars among the first few thousand (gaps are rarer than regular steps). Returns
 * undefined for fewer than two bars.
 */
export function inferTimeframe(tsMs: Float64Array, sample = 5000): string | undefined {
  const n = Math.min(tsMs.length, sample + 1);
  if (n < 2) return undefined;
  const counts = new Map<number, number>();
  for (let i = 1; i < n; i++) {
    const d = tsMs[i] - tsMs[i - 1];
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = -1;
  for (const [d, count] of counts) {
    if (count > bestCount || (count === bestCount && d < best)) {
      best = d;
      bestCount = count;
    }
  }
  return best > 0 ? msToTimeframe(best) : undefined;
}
