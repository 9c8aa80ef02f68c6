/** DESIGN.md §7, printed in every report so the numbers can be compared with other tools. */
export const METRIC_CONVENTIONS: readonly string[] = [
  'Daily returns r from end-of-session account equity (trading date = the session it belongs to; the first day against the starting cash). Risk-free 0. N = 252.',
  'Sharpe = mean(r) / std(r, ddof=1) × √N.   Sortino = mean(r) / √(Σ min(r,0)² / n) × √N.',
  'CAGR = (E_end / E_start)^(365.25 / calendar days) − 1.   Annual volatility = std(r, ddof=1) × √N.',
  'Max drawdown on bar-resolution equity: fraction of the running peak and currency; duration in days from the peak to recovery.',
  'Calmar = CAGR / |max drawdown|.',
  'Trade statistics on net PnL in currency: win rate, profit factor = Σ wins / |Σ losses|, expectancy = mean net PnL, payoff = avg win / |avg loss|, SQN = √n × mean / std(ddof=1); also in R-multiples (PnL / initial risk) where a stop defines the risk.',
  'With no trades or one day, metrics that are undefined are shown as — (null), never Infinity or NaN.',
  'Time in market: share of candle time covered by an open position (from trade entry/exit times). Benchmark: buy & hold of one contract of the first instrument from the first session close, no costs.',
];
