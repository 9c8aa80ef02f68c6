import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NeverGiveUpRetryPolicy } from '../../framework/adapters/projectx/reconnect-policy.ts';
import { maskTokens } from '../../framework/adapters/projectx/hub-session.ts';
import { planWindows, timeframeToBarUnit } from '../../framework/adapters/projectx/bar-windows.ts';
import { parseRange } from '../../framework/cli/download-command.ts';
import { ConfigError } from '../../framework/core/errors.ts';

test('reconnect policy never gives up, is capped and jittered deterministically', () => {
  const p = new NeverGiveUpRetryPolicy({ seed: 42, baseDelayMs: 500, maxDelayMs: 10_000 });
  const delays: number[] = [];
  for (let n = 0; n < 200; n++) {
    const d = p.nextRetryDelayInMilliseconds({ previousRetryCount: n, elapsedMilliseconds: n * 10_000, retryReason: new Error('x') });
    assert.type(d, 'number');
    delays.push(d);
  }
  for (const d of delays) assert.ok(d >= 250 && d <= 10_000, String(d));
  assert.ok(delays[0] <= 500);
  assert.ok(delays.slice(10).every((d) => d >= 5_000)); // at the cap, jitter keeps it in [50 %, 100 %]
  const q = new NeverGiveUpRetryPolicy({ seed: 42, baseDelayMs: 500, maxDelayMs: 10_000 });
  assert.equal(delays.slice(0, 5), [0, 1, 2, 3, 4].map((n) => q.delayForAttempt(n)));
});

test('maskTokens hides access_token and Bearer values in SignalR log lines', () => {
  const s = maskTokens('GET ws://h/hubs/market?access_token=eyJ.abc.def&id=1 Authorization: Bearer eyJ.x.y');
  assert.not.ok(s.includes('eyJ'));
  assert.ok(s.includes('id=1'));
});

test('planWindows: forward and backward, each ≤ maxBars, covering the span exactly', () => {
  const f = planWindows(0, 250, 1, 100, 'forward');
  assert.equal(f, [{ fromMs: 0, toMs: 100 }, { fromMs: 100, toMs: 200 }, { fromMs: 200, toMs: 250 }]);
  const b = planWindows(0, 250, 1, 100, 'backward');
  assert.equal(b, [{ fromMs: 150, toMs: 250 }, { fromMs: 50, toMs: 150 }, { fromMs: 0, toMs: 50 }]);
  assert.equal(planWindows(5, 5, 1, 100, 'forward'), []);
});

test('timeframe -> bar unit; bad timeframe is a ConfigError', () => {
  assert.equal(timeframeToBarUnit('1m'), { unit: 'minute', unitNumber: 1 });
  assert.equal(timeframeToBarUnit('30s'), { unit: 'second', unitNumber: 30 });
  assert.equal(timeframeToBarUnit('4h'), { unit: 'hour', unitNumber: 4 });
  assert.equal(timeframeToBarUnit('1d'), { unit: 'day', unitNumber: 1 });
  assert.throws(() => timeframeToBarUnit('1y'), (e: unknown) => e instanceof ConfigError);
});

test('download range: a bare --to date is inclusive; bad input is a ConfigError', () => {
  assert.equal(parseRange('2025-01-02', '2025-03-01'), { fromMs: Date.UTC(2025, 0, 2), toMs: Date.UTC(2025, 2, 2) });
  assert.equal(parseRange('2025-01-02T10:00:00Z', '2025-01-02T12:00:00Z'), { fromMs: Date.UTC(2025, 0, 2, 10), toMs: Date.UTC(2025, 0, 2, 12) });
  assert.throws(() => parseRange('soon', '2025-01-01'), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => parseRange('2025-02-01', '2025-01-01'), (e: unknown) => e instanceof ConfigError);
});

test.run();
