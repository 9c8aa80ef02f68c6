/**
 * Regenerates data/sample/MNQ-1m.csv: 20 CME sessions of seeded synthetic 1-minute MNQ bars
 * (the demo `npm start` backtests offline). Run: npx tsx bench/make-sample.ts
 */
import { join } from 'node:path';
import { syntheticBars } from '../framework/store/synthetic-bars.ts';
import { writeBarsCsv } from '../framework/store/csv-bars.ts';
import { CME_GLOBEX_SESSION } from '../framework/model/session-calendar.ts';

const cols = syntheticBars({
  symbol: 'MNQ',
  bars: 20 * 23 * 60,
  seed: 20250106,
  startMs: Date.parse('2025-01-05T23:00:00Z'),
  tickSize: 0.25,
  startPrice: 21000,
  session: CME_GLOBEX_SESSION,
});
const out = join(import.meta.dirname, '..', 'data', 'sample', 'MNQ-1m.csv');
writeBarsCsv(out, cols);
console.log(`wrote ${cols.length} bars to ${out}`);
