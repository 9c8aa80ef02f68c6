import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { isoUtc } from '../../framework/core/time.ts';
import type { BarColumns } from '../../framework/model/bar-columns.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';
import { readBarsCsv } from '../../framework/store/csv-bars.ts';
import { findGaps, summarizeGaps } from '../../framework/store/gaps.ts';

const ES_FIXTURE = join(import.meta.dirname, '../fixtures/es_1m_esz13_2013-10-06_2013-10-11.csv');
const es = readBarsCsv(ES_FIXTURE, { symbol: 'ES', timeframe: '1m' });
const M = 60_000;

function series(symbol: string, timeframe: string, ts: number[]): BarColumns {
  const n = ts.length;
  const f = () => new Float64Array(n).fill(1);
  return { symbol, timeframe, length: n, tsMs: Float64Array.from(ts), open: f(), high: f(), low: f(), close: f(), volume: f() };
}

test('ES fixture: the four daily halts are session gaps', () => {
  const gaps = findGaps(es);
  const halts = gaps.filter((g) => g.kind === 'session');
  assert.is(halts.length, 4);
  for (const g of halts) {
    assert.is(g.closure, 'daily-halt');
    assert.is(g.inSessionMissingBars, 0);
    // 2013: Globex equity index closed at 16:15 CT (21:15 UTC in CDT), reopened 17:00 CT.
    assert.ok(isoUtc(g.fromMs).endsWith('T21:15:00.000Z'), isoUtc(g.fromMs));
    assert.ok(isoUtc(g.toMs).endsWith('T22:00:00.000Z'), isoUtc(g.toMs));
    assert.is(g.missingBars, 45);
    assert.is(es.tsMs[g.index], g.toMs);
  }
  assert.equal(halts.map((g) => isoUtc(g.toMs).slice(0, 10)), ['2013-10-07', '2013-10-08', '2013-10-09', '2013-10-10']);
  // The 2013-era 15:15-15:30 CT maintenance halt is not in today's calendar: reported as holes.
  const holes = gaps.filter((g) => g.kind === 'hole');
  assert.ok(holes.every((g) => g.missingBars === 15 && isoUtc(g.fromMs).endsWith('T20:15:00.000Z')));
  assert.equal(summarizeGaps(gaps), { total: gaps.length, session: 4, hole: holes.length });
});

test('minMultiple controls what counts as a gap', () => {
  assert.ok(findGaps(es, { minMultiple: 1 }).length > findGaps(es).length);
  assert.is(findGaps(es, { minMultiple: 100 }).length, 0);
});

test('CME weekend is a session gap; a missing trading hour is a hole', () => {
  // Friday 2024-03-08 15:59 CT (21:59Z, CST) -> Sunday 2024-03-10 17:00 CT (22:00Z, CDT after the DST change).
  const fri = Date.UTC(2024, 2, 8, 21, 59);
  const sun = Date.UTC(2024, 2, 10, 22, 0);
  const tue = Date.UTC(2024, 2, 12, 15, 0);
  const [weekend] = findGaps(series('MNQ', '1m', [fri - M, fri, sun, sun + M]));
  const [hole] = findGaps(series('MNQ', '1m', [tue, tue + 61 * M]));
  assert.is(weekend.kind, 'session');
  assert.is(weekend.closure, 'weekend');
  assert.is(weekend.inSessionMissingBars, 0);
  assert.is(hole.kind, 'hole');
  assert.is(hole.inSessionMissingBars, 60);
});

test('a halt with quiet minutes before it stays a session gap; a long outage spanning the halt is a hole', () => {
  const close = Date.UTC(2024, 5, 4, 21, 0); // 16:00 CDT
  const open = Date.UTC(2024, 5, 4, 22, 0); // 17:00 CDT
  assert.is(findGaps(series('ES', '1m', [close - 3 * M, open]))[0].kind, 'session');
  const g = findGaps(series('ES', '1m', [close - 120 * M, open + 30 * M]))[0];
  assert.is(g.kind, 'hole');
  assert.is(g.inSessionMissingBars, 119 + 30);
});

test('plain data: overnight gaps are session gaps, intraday gaps are holes; daily weekends are session gaps', () => {
  const d1 = Date.UTC(2006, 0, 2, 16, 0);
  const s = series('FESX', '1m', [d1, d1 + 30 * M, Date.UTC(2006, 0, 3, 8, 0)]);
  const gaps = findGaps(s);
  assert.equal(gaps.map((g) => g.kind), ['hole', 'session']);
  assert.is(gaps[1].closure, 'overnight');
  const D = 86_400_000;
  const mon = Date.UTC(1995, 0, 2);
  const daily = series('ORCL', '1d', [mon, mon + D, mon + 2 * D, mon + 3 * D, mon + 4 * D, mon + 7 * D]);
  const [wk] = findGaps(daily);
  assert.is(wk.kind, 'session');
  assert.is(wk.closure, 'weekend');
  assert.is(wk.missingBars, 2);
  // Forcing the CME calendar on unknown symbols works too.
  assert.is(findGaps(series('XYZ', '1m', [Date.UTC(2024, 5, 4, 20, 59), Date.UTC(2024, 5, 4, 22, 0)]), { session: CME_GLOBEX_SESSION })[0].kind, 'session');
  assert.equal(findGaps(series('ES', '', [0, 10 * M])), []);
});

test.run();
