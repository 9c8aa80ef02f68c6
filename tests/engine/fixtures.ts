import { allocBarColumns, type BarColumns } from '../../framework/model/bar-columns.ts';

/** Bars one minute apart from [open, high, low, close] rows (or a bare close: a flat bar). */
export function barsOf(symbol: string, rows: readonly (number | readonly [number, number, number, number])[], startMs = Date.UTC(2025, 0, 6, 15, 0)): BarColumns {
  const c = allocBarColumns(symbol, '1m', rows.length);
  rows.forEach((r, i) => {
    const [o, h, l, cl] = typeof r === 'number' ? [r, r, r, r] : r;
    c.tsMs[i] = startMs + i * 60_000;
    c.open[i] = o;
    c.high[i] = h;
    c.low[i] = l;
    c.close[i] = cl;
    c.volume[i] = 100;
  });
  return c;
}
