import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BarAggregator } from '../../framework/feed/bar-aggregator.ts';
import { Bar, TradeTick } from '../../framework/model/market-data.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';

const H = 3_600_000;
const M = 60_000;
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function trade(tsMs: number, price: number, size = 1): TradeTick {
  return new TradeTick('MES', tsMs, price, size, 'buy', tsMs);
}

function cme(timeframes: string[]) {
  const agg = new BarAggregator({ symbol: 'MES', timeframes, session: CME_GLOBEX_SESSION });
  const out: Array<{ tf: string; bar: Bar }> = [];
  agg.onBar((bar, tf) => out.push({ tf, bar }));
  return { agg, of: (tf: string) => out.filter((o) => o.tf === tf).map((o) => o.bar) };
}

test('daily bars roll at 17:00 CT: 16:59:59 is the old session, 17:00 the new one', () => {
  const { agg, of } = cme(['1d']);
  // Tue 2025-06-03 session opened Mon 17:00 CDT = 22:00Z.
  agg.onTrade(trade(utc('2025-06-02T22:00:00Z'), 10));
  agg.onTrade(trade(utc('2025-06-03T14:30:00Z'), 12));
  agg.onTrade(trade(utc('2025-06-03T21:59:59.999Z'), 11)); // 16:59:59.999 CDT, in the halt: still Tuesday's session
  assert.is(of('1d').length, 0);
  agg.onTrade(trade(utc('2025-06-03T22:00:00Z'), 13)); // 17:00 CDT: Wednesday's session
  assert.equal(of('1d').map((b) => [iso(b.tsMs), b.open, b.high, b.low, b.close, b.volume]), [['2025-06-02T22:00:00.000Z', 10, 12, 10, 11, 3]]);
  assert.is(iso(agg.current('1d')!.tsMs), '2025-06-03T22:00:00.000Z');
});

test('daily bars across the March DST change: sessions stay 17:00 CT local', () => {
  const { agg, of } = cme(['1d']);
  agg.onTrade(trade(utc('2025-03-06T23:00:00Z'), 1)); // Thu 17:00 CST -> Fri 03-07 session
  agg.onTrade(trade(utc('2025-03-07T21:59:00Z'), 2)); // Fri 15:59 CST
  agg.onTrade(trade(utc('2025-03-09T22:00:00Z'), 3)); // Sun 17:00 CDT -> Mon 03-10 session (UTC open moved an hour)
  agg.onTrade(trade(utc('2025-03-10T21:59:59Z'), 4)); // Mon 16:59:59 CDT
  agg.onTrade(trade(utc('2025-03-10T22:00:00Z'), 5)); // Mon 17:00 CDT -> Tue 03-11 session
  agg.onTime(utc('2025-03-12T00:00:00Z'));
  assert.equal(of('1d').map((b) => [iso(b.tsMs), b.open, b.close, b.volume]), [
    ['2025-03-06T23:00:00.000Z', 1, 2, 2],
    ['2025-03-09T22:00:00.000Z', 3, 4, 2],
    ['2025-03-10T22:00:00.000Z', 5, 5, 1],
  ]);
});

test('daily bars across the November DST change', () => {
  const { agg, of } = cme(['1d']);
  agg.onTrade(trade(utc('2025-10-30T22:00:00Z'), 1)); // Thu 17:00 CDT -> Fri 10-31
  agg.onTrade(trade(utc('2025-10-31T20:59:00Z'), 2)); // Fri 15:59 CDT
  agg.onTrade(trade(utc('2025-11-02T22:59:59Z'), 3)); // Sun 16:59:59 CST: weekend, still the closed "Sunday" session
  agg.onTrade(trade(utc('2025-11-02T23:00:00Z'), 4)); // Sun 17:00 CST -> Mon 11-03
  agg.onTrade(trade(utc('2025-11-03T22:59:59Z'), 5));
  agg.onTrade(trade(utc('2025-11-03T23:00:00Z'), 6)); // Mon 17:00 CST -> Tue 11-04
  agg.onTime(utc('2025-11-05T00:00:00Z'));
  assert.equal(of('1d').map((b) => [iso(b.tsMs), b.open, b.close]), [
    ['2025-10-30T22:00:00.000Z', 1, 2],
    ['2025-11-01T22:00:00.000Z', 3, 3],
    ['2025-11-02T23:00:00.000Z', 4, 5],
    ['2025-11-03T23:00:00.000Z', 6, 6],
  ]);
});

test('1h and 4h bars align to the 17:00 CT session open, cut at the next open', () => {
  const { agg, of } = cme(['1h', '4h']);
  // Tue 2025-01-14 session: Mon 17:00 CST = 23:00Z. 4h bars: 23, 03, 07, 11, 15, 19Z (the last ends at 23Z, 17:00 CT).
  const start = utc('2025-01-13T23:00:00Z');
  for (let t = start; t < start + 24 * H; t += 30 * M) agg.onTrade(trade(t, 100));
  agg.onTrade(trade(start + 24 * H, 100)); // next session
  const fours = of('4h').map((b) => iso(b.tsMs).slice(11, 16));
  assert.equal(fours, ['23:00', '03:00', '07:00', '11:00', '15:00', '19:00']);
  assert.is(of('4h')[0].volume, 8);
  assert.is(of('4h')[5].volume, 8);
  const ones = of('1h');
  assert.is(ones.length, 24);
  assert.is(iso(ones[0].tsMs), '2025-01-13T23:00:00.000Z');
  assert.is(iso(agg.current('4h')!.tsMs), '2025-01-14T23:00:00.000Z');
});

test('4h alignment follows the session open across DST (22:00Z in summer)', () => {
  const { agg, of } = cme(['4h']);
  agg.onTrade(trade(utc('2025-06-03T01:59:00Z'), 1)); // 20:59 CDT -> bar 17:00 CDT = 22:00Z
  agg.onTrade(trade(utc('2025-06-03T02:00:00Z'), 2)); // 21:00 CDT -> bar 02:00Z
  agg.onTime(utc('2025-06-03T06:00:00Z'));
  assert.equal(of('4h').map((b) => iso(b.tsMs)), ['2025-06-02T22:00:00.000Z', '2025-06-03T02:00:00.000Z']);
});

test('seedFromHistory: the forming historical bar is continued, not duplicated', () => {
  const agg = new BarAggregator({ symbol: 'MES', timeframes: ['1m'] });
  const got: Bar[] = [];
  agg.onBar((b) => got.push(b));
  const t0 = utc('2025-06-03T14:00:00Z');
  const history = [0, 1, 2].map((i) => new Bar('MES', t0 + i * M, 100 + i, 101 + i, 99 + i, 100 + i, 10));
  // It is 14:02:30: the 14:02 bar is still forming.
  const seeded = agg.seedFromHistory('1m', history, t0 + 2 * M + 30_000);
  assert.equal(seeded.closed.map((b) => b.tsMs), [t0, t0 + M]);
  assert.is(seeded.forming!.tsMs, t0 + 2 * M);
  agg.onTrade(trade(t0 + 2 * M + 40_000, 110, 2));
  agg.onTrade(trade(t0 + 3 * M, 104, 1));
  assert.equal(got.map((b) => [b.tsMs, b.open, b.high, b.low, b.close, b.volume]), [[t0 + 2 * M, 102, 110, 101, 110, 12]]);
  // history + live: no gap, no duplicate.
  const joined = [...seeded.closed, ...got].map((b) => b.tsMs);
  assert.equal(joined, [t0, t0 + M, t0 + 2 * M]);
});

test('seedFromHistory: a live forming bar with the same start is replaced by the historical one', () => {
  const agg = new BarAggregator({ symbol: 'MES', timeframes: ['1m'] });
  const got: Bar[] = [];
  agg.onBar((b) => got.push(b));
  const t0 = utc('2025-06-03T14:00:00Z');
  agg.onTrade(trade(t0 + M + 50_000, 105, 1)); // live started mid-minute
  const history = [new Bar('MES', t0, 100, 101, 99, 100, 10), new Bar('MES', t0 + M, 100, 106, 98, 105, 20)];
  const seeded = agg.seedFromHistory('1m', history);
  assert.equal(seeded.closed.map((b) => b.tsMs), [t0]);
  agg.onTrade(trade(t0 + M + 55_000, 104, 1));
  agg.onTime(t0 + 2 * M);
  assert.equal(got.map((b) => [b.tsMs, b.open, b.high, b.low, b.close, b.volume]), [[t0 + M, 100, 106, 98, 104, 21]]);
});

test('seedFromHistory: complete history makes older events late, the next bar starts cleanly', () => {
  const agg = new BarAggregator({ symbol: 'MES', timeframes: ['1m'] });
  const got: Bar[] = [];
  agg.onBar((b) => got.push(b));
  const t0 = utc('2025-06-03T14:00:00Z');
  const history = [new Bar('MES', t0, 100, 101, 99, 100, 10), new Bar('MES', t0 + M, 100, 106, 98, 105, 20)];
  const seeded = agg.seedFromHistory('1m', history); // no time known: history is taken as closed
  assert.is(seeded.closed.length, 2);
  assert.is(seeded.forming, undefined);
  agg.onTrade(trade(t0 + 2 * M - 1, 1)); // inside the last historical bar
  assert.is(agg.lateEvents, 1);
  agg.onTrade(trade(t0 + 2 * M, 107)); // exactly its end: the next bar
  agg.onTime(t0 + 3 * M);
  assert.equal(got.map((b) => [b.tsMs, b.open, b.volume]), [[t0 + 2 * M, 107, 1]]);
});

test.run();
