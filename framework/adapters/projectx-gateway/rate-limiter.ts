/**
 * Sliding-window request limiter per key (the token): at most `limit` requests in any `windowMs`.
 * check() records the request when allowed and returns 0, else the whole seconds until a slot frees
 * (the Retry-After value).
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly nowMs: () => number) {}

  check(key: string): number {
    const now = this.nowMs();
    let list = this.hits.get(key);
    if (list === undefined) this.hits.set(key, (list = []));
    let drop = 0;
    while (drop < list.length && list[drop] <= now - this.windowMs) drop++;
    if (drop > 0) list.splice(0, drop);
    if (list.length >= this.limit) return Math.max(1, Math.ceil((list[0] + this.windowMs - now) / 1000));
    list.push(now);
    return 0;
  }
}
