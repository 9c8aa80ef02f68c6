import type { Bar } from '../framework/index.ts';
import { PortfolioStrategy, type PortfolioContext } from '../framework/strategy/portfolio-strategy.ts';

const defaults = { lookback: 100, entryZ: 2, exitZ: 0.5, sizeA: 1, sizeB: 1, symbolA: '', symbolB: '' };

/**
 * Two-instrument mean reversion on the ratio of their closes (portfolio-level: one instance sees
 * both legs). ratio = closeA / closeB at timestamps where both have a bar; z = (ratio − mean) / std
 * over the last `lookback` ratios including the current one (population std, running sums re-summed
 * every `lookback` updates so float drift stays bounded).
 * Flat and z > entryZ: short A (sizeA), long B (sizeB). Flat and z < −entryZ: long A, short B.
 * In a position and |z| < exitZ: flatten both legs. Orders are market orders, filled from the next
 * bar on; "flat" means both legs are flat and nothing is working.
 * Legs: symbolA / symbolB, or (empty) the first two instruments of the run.
 */
export default class PairsSpread extends PortfolioStrategy<typeof defaults> {
  static override defaults = defaults;
  static override description = 'Pairs mean reversion on the z-score of closeA / closeB';

  private a = '';
  private b = '';
  private ring = new Float64Array(0);
  private head = 0;
  private count = 0;
  private sum = 0;
  private sumSq = 0;
  private sinceResum = 0;

  override onStart(p: PortfolioContext): void {
    const syms = p.symbols();
    this.a = this.params.symbolA || syms[0];
    this.b = this.params.symbolB || syms[1];
    if (this.b === undefined || this.a === this.b || !p.has(this.a) || !p.has(this.b)) {
      throw new Error(`pairs-spread needs two distinct instruments (have ${syms.join(', ')}; legs ${this.a}/${this.b})`);
    }
    if (!(this.params.lookback >= 2)) throw new Error(`lookback must be ≥ 2, got ${this.params.lookback}`);
    this.ring = new Float64Array(this.params.lookback);
  }

  onBars(bars: readonly Bar[], p: PortfolioContext): void {
    let ca = Number.NaN;
    let cb = Number.NaN;
    for (let i = 0; i < bars.length; i++) {
      const bar = bars[i];
      if (bar.symbol === this.a) ca = bar.close;
      else if (bar.symbol === this.b) cb = bar.close;
    }
    if (!(ca > 0) || !(cb > 0)) return; // both legs needed at this timestamp
    const z = this.push(ca / cb);
    if (Number.isNaN(z)) return;
    const A = p.get(this.a);
    const B = p.get(this.b);
    const flat = A.position.isFlat && B.position.isFlat && A.workingOrders().length === 0 && B.workingOrders().length === 0;
    if (flat) {
      if (z > this.params.entryZ) {
        A.market('sell', this.params.sizeA, { tag: 'pair short A' });
        B.market('buy', this.params.sizeB, { tag: 'pair long B' });
      } else if (z < -this.params.entryZ) {
        A.market('buy', this.params.sizeA, { tag: 'pair long A' });
        B.market('sell', this.params.sizeB, { tag: 'pair short B' });
      }
    } else if (Math.abs(z) < this.params.exitZ && (!A.position.isFlat || !B.position.isFlat)) {
      A.flatten('pair exit');
      B.flatten('pair exit');
    }
  }

  /** Add a ratio; the z-score of it once the window is full, else NaN. */
  private push(x: number): number {
    const n = this.ring.length;
    if (this.count === n) {
      const old = this.ring[this.head];
      this.sum -= old;
      this.sumSq -= old * old;
    } else this.count++;
    this.ring[this.head] = x;
    this.head = this.head + 1 === n ? 0 : this.head + 1;
    this.sum += x;
    this.sumSq += x * x;
    if (++this.sinceResum >= n) {
      this.sinceResum = 0;
      this.sum = 0;
      this.sumSq = 0;
      for (let i = 0; i < this.count; i++) {
        this.sum += this.ring[i];
        this.sumSq += this.ring[i] * this.ring[i];
      }
    }
    if (this.count < n) return Number.NaN;
    const mean = this.sum / n;
    const variance = this.sumSq / n - mean * mean;
    // A constant ratio (variance at float noise) gives no signal.
    if (!(variance > mean * mean * 1e-18)) return Number.NaN;
    return (x - mean) / Math.sqrt(variance);
  }
}
