/**
 * Seeded synthetic bars for indicator tests: a geometric random walk around an MNQ-like price
 * (~20 000, where naive sum-of-squares variance would cancel badly), 5-minute bars across several UTC days.
 */
import { SeededRandom } from '../../framework/core/rng.ts';
import type { BarInput } from '../../framework/indicators/indicator.ts';

export interface TestBar extends BarInput {}

export function randomWalkBars(count: number, seed = 42, startPrice = 20_000, stepMs = 300_000): TestBar[] {
  const rng = new SeededRandom(seed);
  const bars: TestBar[] = [];
  let close = startPrice;
  const t0 = Date.UTC(2025, 0, 6, 0, 0);
  for (let i = 0; i < count; i++) {
    const open = close;
    close = open * Math.exp(0.0008 * rng.normal());
    const high = Math.max(open, close) * (1 + 0.0004 * rng.next());
    const low = Math.min(open, close) * (1 - 0.0004 * rng.next());
    bars.push({ tsMs: t0 + i * stepMs, open, high, low, close, volume: rng.int(1, 500) });
  }
  return bars;
}

export const closes = (bars: readonly BarInput[]): number[] => bars.map((b) => b.close);
export const highs = (bars: readonly BarInput[]): number[] => bars.map((b) => b.high);
export const lows = (bars: readonly BarInput[]): number[] => bars.map((b) => b.low);
export const volumes = (bars: readonly BarInput[]): number[] => bars.map((b) => b.volume);

/** |a − b| <= rel · max(|a|, |b|, floor): relative, with a floor for values near zero (MACD histogram). */
export function relClose(a: number, b: number, rel = 1e-9, floor = 1): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), floor);
}
