/**
 * The only place time comes from (DESIGN.md §3 rule 1). Backtests advance a BacktestClock from the
 * events; paper and live read the wall clock through LiveClock. Engine code takes a Clock and never
 * calls Date.now() itself.
 */
export interface Clock {
  /** Current time, epoch milliseconds. */
  nowMs(): number;
}

/** Advanced by the replay loop; never goes backwards. */
export class BacktestClock implements Clock {
  /** Written per bar: a numeric initializer keeps it an in-place double (see Account.lastEquity). */
  private tsMs = Number.NaN;
  constructor(startMs = 0) {
    this.tsMs = startMs;
  }
  nowMs(): number {
    return this.tsMs;
  }
  advance(tsMs: number): void {
    if (tsMs > this.tsMs) this.tsMs = tsMs;
  }
}

/** Wall clock, for paper and live. */
export class LiveClock implements Clock {
  nowMs(): number {
    return Date.now();
  }
}
