/**
 * Rolling maximum (or minimum) over the last `window` pushes, O(1) amortised: a deque of candidates in
 * which each value dominates every value behind it; a value is pushed and popped at most once.
 * Backed by two fixed ring buffers (values and push sequence numbers), so it never allocates after
 * construction. Capacity = window: after expiring old entries at most window−1 remain, plus the new one.
 */
export class MonotonicDeque {
  readonly window: number;
  private readonly isMax: boolean;
  private readonly values: Float64Array;
  private readonly seqs: Float64Array;
  private head = 0;
  private size = 0;
  private seq = 0;

  constructor(window: number, kind: 'max' | 'min') {
    this.window = window;
    this.isMax = kind === 'max';
    this.values = new Float64Array(window);
    this.seqs = new Float64Array(window);
  }

  /** Number of values pushed since the last reset. */
  get pushed(): number {
    return this.seq;
  }

  /** The extreme of the last min(pushed, window) values; NaN when empty. */
  get extreme(): number {
    return this.size === 0 ? NaN : this.values[this.head];
  }

  push(x: number): void {
    const cap = this.window;
    const seq = this.seq++;
    // Expire the front if it fell out of the window.
    if (this.size > 0 && this.seqs[this.head] <= seq - cap) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.size--;
    }
    // Drop dominated candidates from the back (ties: the newer one survives longer, so pop equals too).
    while (this.size > 0) {
      let back = this.head + this.size - 1;
      if (back >= cap) back -= cap;
      const v = this.values[back];
      if (this.isMax ? v <= x : v >= x) this.size--;
      else break;
    }
    let at = this.head + this.size;
    if (at >= cap) at -= cap;
    this.values[at] = x;
    this.seqs[at] = seq;
    this.size++;
  }

  reset(): void {
    this.head = 0;
    this.size = 0;
    this.seq = 0;
  }
}
