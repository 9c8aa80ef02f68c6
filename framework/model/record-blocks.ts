/**
 * Records of `width` numbers in fixed-size Float64Array blocks, for the append-mostly journals of a
 * run (model/journal.ts). A block is allocated when the first record in it is written and never
 * copied or freed during the run.
 *
 * Why not one growable array: doubling copies every record again into fresh memory and leaves the
 * old array to the next full collection (which a backtest never runs), so a 1M-bar run touched ~37 MB
 * of journal memory to keep ~11 MB of records. Fresh memory is expensive on a VM: each new 4 KB page
 * is a fault (measured here at ~1.5 µs on a quiet machine, several times that under load). The
 * blocks touch each page once.
 */
export class RecordBlocks {
  private readonly blocks: Float64Array<ArrayBuffer>[] = [];
  private readonly mask: number;

  /** `shift`: log2 of the records per block. */
  constructor(
    readonly width: number,
    readonly shift: number,
  ) {
    this.mask = (1 << shift) - 1;
  }

  /** The blocks (for loops over many records: JsonSink.rows); undefined where none was written. */
  get all(): readonly (Float64Array | undefined)[] {
    return this.blocks;
  }

  /** Records a block holds. */
  get perBlock(): number {
    return this.mask + 1;
  }

  /** The block of record i, allocating the blocks up to it on first use (write path). */
  blockFor(i: number): Float64Array<ArrayBuffer> {
    // The allocation is out of line: this stays small enough to be inlined into every journal push.
    return this.blocks[i >> this.shift] ?? this.grow(i >> this.shift);
  }

  private grow(b: number): Float64Array<ArrayBuffer> {
    const blocks = this.blocks;
    while (blocks.length <= b) blocks.push(new Float64Array((this.mask + 1) * this.width));
    return blocks[b];
  }

  /** The block of record i (read path), undefined when no record that far was ever written. */
  block(i: number): Float64Array<ArrayBuffer> {
    return this.blocks[i >> this.shift];
  }

  /** Offset of record i within its block. */
  offset(i: number): number {
    return (i & this.mask) * this.width;
  }
}
