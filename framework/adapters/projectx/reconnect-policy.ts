/**
 * SignalR reconnect policy that never gives up: capped exponential backoff with jitter from a seeded
 * rng (DESIGN.md §3 rule 1: randomness takes a seed). A trading feed that stops retrying after a few
 * attempts silently ends a live session; this one keeps trying every ≤ maxDelayMs forever.
 */
import type { IRetryPolicy, RetryContext } from '@microsoft/signalr';
import { SeededRandom } from '../../core/rng.ts';

export interface BackoffOptions {
  /** First delay, ms. Default 500. */
  baseDelayMs?: number;
  /** Cap, ms. Default 10 000. */
  maxDelayMs?: number;
  seed?: number;
}

export class NeverGiveUpRetryPolicy implements IRetryPolicy {
  private readonly rng: SeededRandom;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(opts: BackoffOptions = {}) {
    this.rng = new SeededRandom(opts.seed ?? 7);
    this.baseDelayMs = opts.baseDelayMs ?? 500;
    this.maxDelayMs = opts.maxDelayMs ?? 10_000;
  }

  /** Delay before attempt `n` (0-based): base·2^n capped, then jittered into [50 %, 100 %]. Never null. */
  delayForAttempt(n: number): number {
    const exp = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(n, 30));
    return Math.round(exp * (0.5 + 0.5 * this.rng.next()));
  }

  nextRetryDelayInMilliseconds(ctx: RetryContext): number {
    return this.delayForAttempt(ctx.previousRetryCount);
  }
}
