import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BacktestClock } from '../../framework/core/clock.ts';
import { SlidingWindowRateLimiter } from '../../framework/adapters/projectx/rate-limiter.ts';

function limiter(max: number, windowMs: number) {
  const clock = new BacktestClock(1_000_000);
  const waits: number[] = [];
  const l = new SlidingWindowRateLimiter({ maxRequests: max, windowMs }, clock, async (ms) => {
    waits.push(ms);
    clock.advance(clock.nowMs() + ms);
  });
  return { clock, waits, l };
}

test('grants up to the budget at once, then waits for the oldest to leave the window', async () => {
  const { clock, waits, l } = limiter(3, 1000);
  const grants: number[] = [];
  for (let i = 0; i < 7; i++) {
    await l.acquire();
    grants.push(clock.nowMs() - 1_000_000);
  }
  assert.equal(grants, [0, 0, 0, 1000, 1000, 1000, 2000]);
  assert.equal(waits, [1000, 1000]);
});

test('sliding, not fixed: a request frees its slot exactly windowMs after it started', async () => {
  const { clock, l } = limiter(2, 1000);
  await l.acquire(); // t=0
  clock.advance(1_000_600);
  await l.acquire(); // t=600
  await l.acquire(); // must wait until t=1000
  assert.is(clock.nowMs() - 1_000_000, 1000);
  assert.is(l.inWindow(), 2);
  clock.advance(1_001_600);
  assert.is(l.inWindow(), 1);
});

test('concurrent acquirers are served in order and never exceed the budget', async () => {
  const { clock, l } = limiter(2, 500);
  const order: number[] = [];
  const times: number[] = [];
  await Promise.all([0, 1, 2, 3, 4].map((i) => l.acquire().then(() => { order.push(i); times.push(clock.nowMs() - 1_000_000); })));
  assert.equal(order, [0, 1, 2, 3, 4]);
  assert.equal(times, [0, 0, 500, 500, 1000]);
});

test.run();
