/**
 * The Indicator port (DESIGN.md §3 rule 11: every implementation passes tests/indicators contract).
 * Streaming: one `update` per closed bar, O(1) for the hot core. Before it has seen enough bars
 * `isReady` is false and `value` is NaN (or an object of NaNs).
 */
export interface BarInput {
  readonly tsMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export type PriceSource = 'open' | 'high' | 'low' | 'close' | 'hl2' | 'hlc3' | 'ohlc4' | 'volume';

export interface Indicator<V = number> {
  /** e.g. `sma(20)`. */
  readonly name: string;
  /** Bars needed before isReady. */
  readonly warmupBars: number;
  readonly isReady: boolean;
  /** Latest value; NaN (or NaN fields) before ready. */
  readonly value: V;
  /** Feed one closed bar. */
  updateBar(bar: BarInput): void;
  /** Forget everything. */
  reset(): void;
}

/** An indicator over one number per bar (a price source), which can also be fed raw numbers. */
export interface ValueIndicator extends Indicator<number> {
  update(x: number): void;
}

/**
 * An indicator over one number per bar whose value need not be a number (Bollinger, MACD): `updateBar`
 * reads `source` off the bar and calls `update`. A ValueIndicator is a SeriesIndicator<number>.
 */
export interface SeriesIndicator<V> extends Indicator<V> {
  readonly source: PriceSource;
  update(x: number): void;
}

/** Every price source, for validating params. */
export const PRICE_SOURCES: readonly PriceSource[] = ['open', 'high', 'low', 'close', 'hl2', 'hlc3', 'ohlc4', 'volume'];

/** Read a price source off a bar. */
export function sourceValue(bar: BarInput, source: PriceSource): number {
  switch (source) {
    case 'close':
      return bar.close;
    case 'open':
      return bar.open;
    case 'high':
      return bar.high;
    case 'low':
      return bar.low;
    case 'hl2':
      return (bar.high + bar.low) / 2;
    case 'hlc3':
      return (bar.high + bar.low + bar.close) / 3;
    case 'ohlc4':
      return (bar.open + bar.high + bar.low + bar.close) / 4;
    case 'volume':
      return bar.volume;
  }
}
