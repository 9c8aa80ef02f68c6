import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RULE_ZONES, dstRuleOffsetMs, hasDstRules } from '../../framework/core/dst-rules.ts';
import { ZoneOffsetCache } from '../../framework/core/time.ts';

const H = 3_600_000;
const DAY = 24 * H;

function intlOffsetMs(fmt: Intl.DateTimeFormat, tsMs: number): number {
  const p: Record<string, number> = {};
  for (const x of fmt.formatToParts(tsMs)) p[x.type] = Number(x.value);
  // Whole seconds: the format has no milliseconds.
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(tsMs / 1000) * 1000;
}

function formatFor(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

test('rule offsets equal Intl for every rule zone: daily, and hourly on both sides of every transition, 1990-2030', () => {
  for (const zone of RULE_ZONES) {
    const fmt = formatFor(zone);
    let covered = 0;
    const check = (ts: number): void => {
      const rule = dstRuleOffsetMs(zone, ts);
      if (Number.isNaN(rule)) return;
      covered++;
      const intl = intlOffsetMs(fmt, ts);
      if (rule !== intl) assert.unreachable(`${zone} at ${new Date(ts).toISOString()}: rule ${rule / H} h, Intl ${intl / H} h`);
    };
    let prev = intlOffsetMs(fmt, Date.UTC(1990, 0, 1));
    for (let day = Date.UTC(1990, 0, 1); day < Date.UTC(2031, 0, 1); day += DAY) {
      const next = intlOffsetMs(fmt, day + DAY);
      check(day + 17 * 60_000);
      // Intl says the offset changes within this day: check it hour by hour, and a millisecond before each hour.
      if (next !== prev) for (let t = day - DAY; t < day + 2 * DAY; t += H) for (const ts of [t, t - 1, t + 30 * 60_000]) check(ts);
      prev = next;
    }
    assert.ok(covered > 5_000, `${zone}: rules covered only ${covered} instants`);
  }
});

test('rules answer only their zones and the settled years; everything else falls back to Intl', () => {
  assert.ok(hasDstRules('America/Chicago'));
  assert.not.ok(hasDstRules('Asia/Tokyo'));
  assert.ok(Number.isNaN(dstRuleOffsetMs('Asia/Tokyo', Date.UTC(2024, 5, 1))));
  assert.ok(Number.isNaN(dstRuleOffsetMs('America/Chicago', Date.UTC(2006, 5, 1))), 'before the 2007 US rule');
  assert.ok(Number.isNaN(dstRuleOffsetMs('America/Chicago', Date.UTC(2040, 5, 1))), 'future years ask Intl');
  // Intl fallback through the cache: 2006 (old US rule, DST from the first Sunday of April) and a zone without rules.
  const chicago = new ZoneOffsetCache('America/Chicago');
  assert.is(chicago.offsetMs(Date.UTC(2006, 2, 20, 12)), -6 * H, '2006-03-20 was still CST under the old rule');
  assert.is(chicago.offsetMs(Date.UTC(2006, 3, 3, 12)), -5 * H);
  assert.is(new ZoneOffsetCache('Asia/Tokyo').offsetMs(Date.UTC(2024, 5, 1)), 9 * H);
  assert.throws(() => new ZoneOffsetCache('Not/AZone'), /time zone/i);
});

test.run();
