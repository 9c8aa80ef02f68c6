import { allocBarColumns, type BarColumns } from '../../framework/model/bar-columns.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';
import { syntheticBars } from '../../framework/store/synthetic-bars.ts';

export const START_PRICE: Record<string, number> = { MNQ: 21000, ES: 6000, MGC: 2650 };
export const T0 = Date.parse('2025-01-06T15:00:00Z');

/** Seeded synthetic 1-minute series per symbol (same seed, same bars). */
export function syntheticData(symbols: readonly string[], bars: number, seed = 7): Record<string, BarColumns> {
  const out: Record<string, BarColumns> = {};
  symbols.forEach((s, k) => {
    const ins = resolveInstrument(s);
    out[s] = syntheticBars({ symbol: s, bars, seed: seed + k, startMs: Date.parse('2025-01-05T23:00:00Z'), tickSize: ins.tickSize, startPrice: START_PRICE[s] ?? 1000, session: CME_GLOBEX_SESSION });
  });
  return out;
}

/** A tiny hand-made series: rows of [minute index from T0, open, close] (high/low from them). */
export function handSeries(symbol: string, rows: readonly [number, number, number][]): BarColumns {
  const c = allocBarColumns(symbol, '1m', rows.length);
  rows.forEach(([m, o, cl], i) => {
    c.tsMs[i] = T0 + m * 60_000;
    c.open[i] = o;
    c.close[i] = cl;
    c.high[i] = Math.max(o, cl);
    c.low[i] = Math.min(o, cl);
    c.volume[i] = 100;
  });
  return c;
}

/** Collects log lines instead of writing to stderr. */
export function captureLog(): { lines: string[]; log: (line: string) => void } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line) };
}
