/**
 * Client order id -> creation index (the order's slot in OrderManager), without a Map entry per order.
 *
 * The manager names its orders `prefix + n` (n = 1, 2, 3...), so for those the index is found by
 * reading n back from the id and looking it up in a dense array. Only other ids (bracket children
 * `O12.sl`, orders a venue reports as created) go into a Map. On a 1M-bar backtest with 39k orders,
 * two string-keyed maps (set on creation, then delete + set when an order was retired to the journal)
 * cost ~12 ms of Map growth and hashing; the array costs a few µs.
 */
export class OrderIdIndex {
  /** slotOfSeq[n] = creation index of `prefix + n`; -1 for a number never issued. */
  private slotOfSeq = new Int32Array(1024).fill(-1);
  private readonly others = new Map<string, number>();
  /**
   * The last id looked up or added and its index. An order's events come back with the very string
   * it was created with (accepted right after the submit, filled on the next bar), so most lookups
   * are this one: a pointer compare instead of reading the number back digit by digit.
   */
  private lastId = '';
  private lastSlot = -1;

  constructor(private readonly prefix: string) {}

  /** Record that order `id` sits at creation index `slot` (once per id). */
  add(id: string, slot: number): void {
    this.lastId = id;
    this.lastSlot = slot;
    const n = this.seqOf(id);
    if (n < 0) {
      this.others.set(id, slot);
      return;
    }
    if (n >= this.slotOfSeq.length) {
      const grown = new Int32Array(Math.max(n + 1, this.slotOfSeq.length * 2)).fill(-1);
      grown.set(this.slotOfSeq);
      this.slotOfSeq = grown;
    }
    this.slotOfSeq[n] = slot;
  }

  /** Creation index of order `id`, or -1 when no such order was added. */
  slotOf(id: string): number {
    if (id === this.lastId) return this.lastSlot;
    const n = this.seqOf(id);
    const slot = n < 0 ? (this.others.get(id) ?? -1) : n < this.slotOfSeq.length ? this.slotOfSeq[n] : -1;
    if (slot >= 0) {
      this.lastId = id;
      this.lastSlot = slot;
    }
    return slot;
  }

  /**
   * n when `id` is exactly `prefix + n` in canonical decimal (1 to 9 digits, no leading zero), else -1.
   * Anything else (including `O12.sl` and `O012`) is an ordinary id kept in the map.
   */
  private seqOf(id: string): number {
    const p = this.prefix;
    const len = id.length;
    if (len <= p.length || len > p.length + 9 || !id.startsWith(p)) return -1;
    let n = 0;
    for (let i = p.length; i < len; i++) {
      const d = id.charCodeAt(i) - 48;
      if (d < 0 || d > 9 || (d === 0 && i === p.length)) return -1;
      n = n * 10 + d;
    }
    return n;
  }
}
