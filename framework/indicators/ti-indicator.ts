import type { BarInput, Indicator, PriceSource } from './indicator.ts';
import { sourceValue } from './indicator.ts';

/** The streaming half of a technicalindicators class: `nextValue` returns undefined while warming up. */
export interface TiStream {
  nextValue(input: unknown): unknown;
}

export interface TiIndicatorSpec<V> {
  readonly name: string;
  readonly warmupBars: number;
  /** Builds a fresh technicalindicators instance (called again on reset). */
  readonly create: () => TiStream;
  /** Feed the close/source number ('value') or a copy of the bar's OHLCV fields ('bar'). */
  readonly input: 'value' | 'bar';
  readonly source?: PriceSource;
  /** The value before ready (NaN or an object of NaNs); for objects, it is the object reused. */
  readonly initial: V;
  /** Turns a defined raw output into the value; for object values, copy into `out` and return it. */
  readonly accept: (raw: unknown, out: V) => V;
}

/**
 * An Indicator backed by technicalindicators' streaming `nextValue` (the catalogue, not the hot core:
 * ~0.2–1.5 µs per update and it allocates). Bar inputs are handed over as a fresh
 * {open, high, low, close, volume} copy because some technicalindicators classes keep the last input
 * object, and a caller's bar may be a reused view.
 */
export class TiIndicator<V> implements Indicator<V> {
  readonly name: string;
  readonly warmupBars: number;
  private readonly spec: TiIndicatorSpec<V>;
  private stream: TiStream;
  private current: V;
  private ready = false;

  constructor(spec: TiIndicatorSpec<V>) {
    this.spec = spec;
    this.name = spec.name;
    this.warmupBars = spec.warmupBars;
    this.stream = spec.create();
    this.current = spec.initial;
  }

  get value(): V {
    return this.current;
  }

  get isReady(): boolean {
    return this.ready;
  }

  updateBar(bar: BarInput): void {
    const input =
      this.spec.input === 'value'
        ? sourceValue(bar, this.spec.source ?? 'close')
        : { open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume };
    this.push(input);
  }

  /** For value-input indicators: feed a raw number. */
  update(x: number): void {
    this.push(x);
  }

  reset(): void {
    this.stream = this.spec.create();
    this.ready = false;
    const init = this.spec.initial;
    if (typeof init === 'object' && init !== null) {
      for (const k of Object.keys(init)) (init as Record<string, number>)[k] = NaN;
    }
    this.current = init;
  }

  private push(input: unknown): void {
    const raw = this.stream.nextValue(input);
    if (raw === undefined || (typeof raw === 'number' && Number.isNaN(raw))) return;
    this.current = this.spec.accept(raw, this.current);
    this.ready = true;
  }
}
