import type { BarInput, Indicator, PriceSource } from './indicator.ts';
import { sourceValue } from './indicator.ts';
import { indicatorName, requireSource } from './indicator-params.ts';
import { MS_PER_DAY } from '../core/time.ts';

export interface VwapOptions {
  /**
   * Maps a bar's tsMs to its session key; VWAP restarts whenever the key changes. Default: the UTC day
   * (Math.floor(tsMs / MS_PER_DAY)). For CME futures pass the trading date of the session calendar, so
   * the 17:00 CT open starts a new VWAP. Called once per bar: keep it cheap (integer math, cached offsets).
   */
  dayOf?: (tsMs: number) => number;
  /** Price multiplied by volume; default 'hlc3' (typical price, like technicalindicators). */
  source?: PriceSource;
}

const utcDay = (tsMs: number): number => Math.floor(tsMs / MS_PER_DAY);

/**
 * Session VWAP: Σ(price·volume) / Σ volume since the session started, price units. O(1).
 * Ready once the current session has traded volume; a session that starts with zero-volume bars is not
 * ready (value NaN) until volume arrives. (Running sums here are reset every session, so drift is bounded.)
 */
export class Vwap implements Indicator<number> {
  readonly name: string;
  readonly warmupBars = 1;
  readonly source: PriceSource;
  private readonly dayOf: (tsMs: number) => number;
  private day = NaN;
  private sumPv = 0;
  private sumVolume = 0;
  private current = NaN;

  constructor(options: VwapOptions = {}) {
    this.source = requireSource('vwap', options.source ?? 'hlc3');
    this.dayOf = options.dayOf ?? utcDay;
    this.name = indicatorName('vwap', [], this.source, 'hlc3');
  }

  get value(): number {
    return this.current;
  }

  get isReady(): boolean {
    return this.sumVolume > 0;
  }

  /** Session key of the bars being averaged (NaN before the first bar). */
  get sessionKey(): number {
    return this.day;
  }

  updateBar(bar: BarInput): void {
    const day = this.dayOf(bar.tsMs);
    if (day !== this.day) {
      this.day = day;
      this.sumPv = 0;
      this.sumVolume = 0;
      this.current = NaN;
    }
    this.sumPv += sourceValue(bar, this.source) * bar.volume;
    this.sumVolume += bar.volume;
    if (this.sumVolume > 0) this.current = this.sumPv / this.sumVolume;
  }

  reset(): void {
    this.day = NaN;
    this.sumPv = 0;
    this.sumVolume = 0;
    this.current = NaN;
  }
}
