/** One instrument's exposure: contracts × price × point value, in the account currency. */
export interface ExposureView {
  readonly symbol: string;
  /** Signed contracts. */
  readonly contracts: number;
  /** Mark price used (last bar close or fill); NaN before the first. */
  readonly price: number;
  readonly pointValue: number;
  /** Signed currency exposure (long > 0). 0 when flat. */
  readonly net: number;
  /** |net|. */
  readonly gross: number;
}

/** The shape results.portfolio.correlation has (the report reads it as is). */
export interface CorrelationMatrix {
  readonly symbols: string[];
  /** matrix[i][j] = correlation of symbols[i] and symbols[j]; 1 on the diagonal, 0 where unknown. */
  readonly matrix: number[][];
}

/** Value at Risk of the current positions, positive currency loss over one period of the window's timeframe. */
export interface VarEstimate {
  readonly hist95: number;
  readonly hist99: number;
  readonly param95: number;
  readonly param99: number;
}

/** What strategies and risk rules read about the whole portfolio (same in backtest, paper and live). */
export interface PortfolioView {
  symbols(): readonly string[];
  equity(): number;
  cash(): number;
  exposure(symbol: string): ExposureView;
  exposures(): ExposureView[];
  /** Σ |exposure|, currency. */
  grossExposure(): number;
  /** Σ exposure (longs minus shorts), currency. */
  netExposure(): number;
  /** Pearson correlation of two symbols' returns over the window; NaN while unknown. */
  correlationOf(a: string, b: string): number;
  correlation(): CorrelationMatrix;
  valueAtRisk(): VarEstimate;
  /** Aligned return observations in the window (≤ windowBars). */
  readonly observations: number;
  readonly windowBars: number;
  readonly timeframe: string;
}
