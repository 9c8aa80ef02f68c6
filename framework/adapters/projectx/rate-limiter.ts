/**
 * Client-side sliding-window rate limiter (projectx-api.md §6: 200 requests / 60 s in general,
 * History/retrieveBars 30 / 30 s). `acquire()` waits until the window has room instead of failing,
 * so a long download slows down rather than hitting HTTP 429. Time comes from the injected Clock and
 * waiting from the injected sleep, so tests drive it without real time.
 */
import type { Clock } from '../../core/clock.ts';

export interface RateLimit {
  readonly maxRequests: number;
  readonly windowMs: number;
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class SlidingWindowRateLimiter {
  /** Start times of the requests still inside the window, oldest first. */
  private readonly starts: number[] = [];
  /** Serialises waiters so they are granted in arrival order. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: RateLimit,
    private readonly clock: Clock,
    private readonly sleep: Sleep = realSleep,
  ) {}

  /** Resolves when one more request may start; records it. */
  acquire(): Promise<void> {
    const next = this.tail.then(() => this.waitForSlot());
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Requests counted in the current window. */
  inWindow(): number {
    this.evict(this.clock.nowMs());
    return this.starts.length;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.nowMs();
      this.evict(now);
      if (this.starts.length < this.limit.maxRequests) {
        this.starts.push(now);
        return;
      }
      // The oldest request leaves the window at starts[0] + windowMs.
      await this.sleep(Math.max(1, this.starts[0] + this.limit.windowMs - now));
    }
  }

  private evict(now: number): void {
    let n = 0;
    while (n < this.starts.length && this.starts[n] + this.limit.windowMs <= now) n++;
    if (n > 0) this.starts.splice(0, n);
  }
}
