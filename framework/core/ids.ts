/**
 * Deterministic id generation: a prefix and a counter, so the same run gives the same ids
 * (results files are byte-identical across runs).
 */
export class IdGenerator {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    this.n += 1;
    return `${this.prefix}${this.n}`;
  }
  get count(): number {
    return this.n;
  }
}
