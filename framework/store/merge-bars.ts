import { ConfigError } from '../core/errors.ts';
import { allocBarColumns, sliceBarColumns, type BarColumns } from '../model/bar-columns.ts';

/**
 * Union of two sorted series by timestamp; on the same timestamp the INCOMING bar wins (a fresher
 * download corrects a stored bar). Both inputs must be strictly increasing (the store's invariant);
 * the result is too. Used by `pxt download` to add newly fetched ranges to what is stored.
 */
export function mergeBars(existing: BarColumns | undefined, incoming: BarColumns): BarColumns {
  if (existing === undefined || existing.length === 0) return incoming;
  if (incoming.length === 0) return existing;
  if (existing.timeframe !== incoming.timeframe && existing.timeframe !== '' && incoming.timeframe !== '') {
    throw new ConfigError(`cannot merge ${incoming.timeframe} bars into a ${existing.timeframe} series of ${existing.symbol}`, {
      hint: 'store each timeframe separately',
    });
  }
  const a = existing;
  const b = incoming;
  const out = allocBarColumns(a.symbol, a.timeframe || b.timeframe, a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const ta = i < a.length ? a.tsMs[i] : Infinity;
    const tb = j < b.length ? b.tsMs[j] : Infinity;
    let src: BarColumns;
    let at: number;
    if (tb <= ta) {
      src = b;
      at = j++;
      if (tb === ta) i++; // incoming replaces the stored bar
    } else {
      src = a;
      at = i++;
    }
    out.tsMs[k] = src.tsMs[at];
    out.open[k] = src.open[at];
    out.high[k] = src.high[at];
    out.low[k] = src.low[at];
    out.close[k] = src.close[at];
    out.volume[k] = src.volume[at];
    k++;
  }
  if (k === out.length) return out;
  // Copy to exact length so the result does not pin the larger buffers.
  const v = sliceBarColumns(out, 0, k);
  return {
    ...v,
    tsMs: v.tsMs.slice(),
    open: v.open.slice(),
    high: v.high.slice(),
    low: v.low.slice(),
    close: v.close.slice(),
    volume: v.volume.slice(),
  };
}
