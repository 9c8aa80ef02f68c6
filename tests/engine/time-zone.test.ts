import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ZoneOffsetCache, civilDate, parseTimestamp, timeframeToMs } from '../../framework/core/time.ts';
import { SessionCalendar, CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';

const H = 3_600_000;

test('zone offsets match Intl at every hour across both 2025 DST changes, in any lookup order', () => {
  const cache = new ZoneOffsetCache('America/Chicago');
  const start = Date.UTC(2025, 2, 1);
  const hours: number[] = [];
  for (let h = 0; h < 24 * 300; h += 1) hours.push(start + h * H + 17 * 60_000);
  // forward, then a scrambled order
  const scrambled = hours.map((t, i) => hours[(i * 7919) % hours.length]);
  for (const t of [...hours, ...scrambled]) {
    const cdt = t >= Date.UTC(2025, 2, 9, 8) && t < Date.UTC(2025, 10, 2, 7);
    assert.is(cache.offsetMs(t), cdt ? -5 * H : -6 * H, new Date(t).toISOString());
  }
});

test('CME trading date: the session opens 17:00 CT the day before, across DST', () => {
  const cal = new SessionCalendar(CME_GLOBEX_SESSION);
  // Monday 2025-03-10 18:00 CDT = 23:00Z belongs to Tuesday 2025-03-11
  assert.is(cal.tradingDate(Date.UTC(2025, 2, 10, 23, 0)), '2025-03-11');
  // Monday 2025-03-10 15:59 CDT = 20:59Z belongs to Monday
  assert.is(cal.tradingDate(Date.UTC(2025, 2, 10, 20, 59)), '2025-03-10');
  // Sunday 2025-01-05 17:00 CST = 23:00Z opens Monday's session
  assert.is(cal.tradingDate(Date.UTC(2025, 0, 5, 23, 0)), '2025-01-06');
  assert.is(cal.tradingDate(Date.UTC(2025, 0, 5, 22, 59)), '2025-01-05');
  // session start of 2025-03-10 (the day after spring forward): 2025-03-09 17:00 CDT = 22:00Z
  assert.is(cal.sessionStartMs(Math.floor(Date.UTC(2025, 2, 10) / 86_400_000)), Date.UTC(2025, 2, 9, 22, 0));
});

test('timestamps: epoch ms, epoch seconds, ISO with offsets, dates; no offset is refused', () => {
  assert.is(parseTimestamp('1736175600000'), 1736175600000);
  assert.is(parseTimestamp('1736175600'), 1736175600000);
  assert.is(parseTimestamp('2006-01-02T09:01:00+01:00'), Date.UTC(2006, 0, 2, 8, 1));
  assert.is(parseTimestamp('2025-07-18T21:00:01.268009+00:00'), Date.UTC(2025, 6, 18, 21, 0, 1, 268));
  assert.is(parseTimestamp('2025-01-02'), Date.UTC(2025, 0, 2));
  assert.ok(Number.isNaN(parseTimestamp('2025-01-02T10:00:00')));
  assert.is(civilDate(Math.floor(Date.UTC(2024, 1, 29) / 86_400_000)), '2024-02-29');
  assert.is(timeframeToMs('5m'), 300_000);
  assert.ok(Number.isNaN(timeframeToMs('5x')));
});

test('session bounds contain every minute of their trading day (CME and UTC), across DST', () => {
  for (const spec of [CME_GLOBEX_SESSION, { timeZone: 'UTC', openMinute: 0, closeMinute: 1440, rthOpenMinute: 0, rthCloseMinute: 1440 }]) {
    const cal = new SessionCalendar(spec);
    for (let t = Date.UTC(2025, 1, 20); t < Date.UTC(2025, 11, 10); t += 7 * 60_000) {
      const d = cal.tradingDay(t);
      const from = cal.sessionStartMs(d);
      const to = cal.sessionStartMs(d + 1);
      if (!(t >= from && t < to)) assert.unreachable(`${spec.timeZone} ${new Date(t).toISOString()} day ${d}: [${new Date(from).toISOString()}, ${new Date(to).toISOString()})`);
    }
  }
});

test.run();
