import type { TradeRecord } from './results.ts';

/**
 * The record of a closed round trip: the one place such records are made (the position keeper when
 * a trip closes, the trade journal when it rebuilds one), so its object shape can be settled once,
 * below.
 */
export function tradeRecord(
  symbol: string,
  side: 'long' | 'short',
  size: number,
  entryMs: number,
  entryPrice: number,
  exitMs: number,
  exitPrice: number,
  pnl: number,
  fees: number,
  mae: number,
  mfe: number,
  riskAmount: number | null,
  pnlTicks: number,
): TradeRecord {
  return { symbol, side, size, entryMs, entryPrice, exitMs, exitPrice, pnl, fees, mae, mfe, riskAmount, pnlTicks };
}

// Settle the record's field representations before any code using it is optimized. V8 gives a
// literal's fields the representation of the first values stored (a small integer, then a double,
// then anything) and deprecates the object's map whenever a later value needs a more general one;
// optimized code compiled before that kept allocating records with the deprecated map, and every
// reader (the trade journal) then migrated each record: ~1 µs a trade (perf: MigrateToMap under
// TradeJournal.push). One record with nulls and one with fractions take every numeric field to its
// most general representation at load.
{
  const n = null as unknown as number;
  tradeRecord('', 'long', n, n, n, n, n, n, n, n, n, null, n);
  tradeRecord('', 'short', 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5);
  tradeRecord('', 'long', 1, 1, 1, 1, 1, 1, 0, 0, 0, null, 1);
}
