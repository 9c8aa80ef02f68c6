import type { Metrics } from '../analytics/metrics.ts';
import { escapeHtml, formatValue, signClass, type MetricFormat } from './report-format.ts';

type Row = readonly [label: string, value: (m: Metrics) => unknown, format: MetricFormat, signed?: boolean];

/** The metrics table, in groups; every row names its unit or format. */
export const METRIC_GROUPS: readonly { title: string; rows: readonly Row[] }[] = [
  {
    title: 'Returns',
    rows: [
      ['Starting cash', (m) => m.startingCashCurrency, 'money'],
      ['Ending equity', (m) => m.endingEquityCurrency, 'money'],
      ['Net profit', (m) => m.netProfitCurrency, 'money', true],
      ['Total return', (m) => m.totalReturnFraction, 'pct', true],
      ['CAGR', (m) => m.cagrFraction, 'pct', true],
      ['Annual volatility', (m) => m.annualVolatilityFraction, 'pct'],
      ['Sharpe (252, rf 0)', (m) => m.sharpeRatio, 'ratio', true],
      ['Sortino', (m) => m.sortinoRatio, 'ratio', true],
      ['Calmar', (m) => m.calmarRatio, 'ratio', true],
      ['Benchmark', (m) => (m.benchmarkSymbol === null ? null : `B&H 1 × ${m.benchmarkSymbol}`), 'text'],
      ['Benchmark return', (m) => m.benchmarkTotalReturnFraction, 'pct', true],
      ['Correlation to benchmark', (m) => m.benchmarkCorrelation, 'ratio'],
      ['Trading days', (m) => m.tradingDays, 'int'],
      ['Calendar days', (m) => m.calendarDays, 'days'],
    ],
  },
  {
    title: 'Risk',
    rows: [
      ['Max drawdown', (m) => m.maxDrawdownFraction, 'pct', true],
      ['Max drawdown (currency)', (m) => m.maxDrawdownCurrency, 'money', true],
      ['Max DD peak (UTC)', (m) => m.maxDrawdownStartMs, 'ms'],
      ['Max DD trough (UTC)', (m) => m.maxDrawdownTroughMs, 'ms'],
      ['Max DD recovered (UTC)', (m) => m.maxDrawdownRecoveryMs, 'ms'],
      ['Max DD duration', (m) => m.maxDrawdownDurationDays, 'days'],
      ['Longest drawdown', (m) => m.longestDrawdownDays, 'days'],
      ['Time in market', (m) => m.timeInMarketFraction, 'pct'],
      ['Best day', (m) => m.bestDayReturnFraction, 'pct', true],
      ['Best day date', (m) => m.bestDayDate, 'date'],
      ['Worst day', (m) => m.worstDayReturnFraction, 'pct', true],
      ['Worst day date', (m) => m.worstDayDate, 'date'],
      ['Best month', (m) => (m.bestMonth === null ? null : m.bestMonthReturnFraction), 'pct', true],
      ['Worst month', (m) => (m.worstMonth === null ? null : m.worstMonthReturnFraction), 'pct', true],
    ],
  },
  {
    title: 'Trades (net of fees)',
    rows: [
      ['Trades', (m) => m.tradeCount, 'int'],
      ['Win rate', (m) => m.winRateFraction, 'pct'],
      ['Profit factor', (m) => m.profitFactor, 'ratio'],
      ['Expectancy / trade', (m) => m.expectancyCurrency, 'money', true],
      ['Payoff ratio', (m) => m.payoffRatio, 'ratio'],
      ['SQN', (m) => m.sqn, 'ratio', true],
      ['Avg win', (m) => m.avgWinCurrency, 'money', true],
      ['Avg loss', (m) => m.avgLossCurrency, 'money', true],
      ['Largest win', (m) => m.largestWinCurrency, 'money', true],
      ['Largest loss', (m) => m.largestLossCurrency, 'money', true],
      ['Max consecutive wins', (m) => m.maxConsecutiveWins, 'int'],
      ['Max consecutive losses', (m) => m.maxConsecutiveLosses, 'int'],
      ['Avg hold (all)', (m) => m.avgHoldingMinutes, 'minutes'],
      ['Avg hold (winners)', (m) => m.avgWinnerHoldingMinutes, 'minutes'],
      ['Avg hold (losers)', (m) => m.avgLoserHoldingMinutes, 'minutes'],
      ['Fees paid', (m) => m.feesPaidCurrency, 'money'],
    ],
  },
  {
    title: 'Excursions and R',
    rows: [
      ['Avg MAE', (m) => m.avgMaeCurrency, 'money'],
      ['Worst MAE', (m) => m.worstMaeCurrency, 'money'],
      ['Avg MFE', (m) => m.avgMfeCurrency, 'money'],
      ['Best MFE', (m) => m.bestMfeCurrency, 'money'],
      ['Trades with R', (m) => m.rTradeCount, 'int'],
      ['Avg R', (m) => m.avgRMultiple, 'ratio', true],
      ['Expectancy (R)', (m) => m.expectancyR, 'ratio', true],
      ['Avg win (R)', (m) => m.avgWinR, 'ratio', true],
      ['Avg loss (R)', (m) => m.avgLossR, 'ratio', true],
      ['Best trade (R)', (m) => m.bestR, 'ratio', true],
      ['Worst trade (R)', (m) => m.worstR, 'ratio', true],
    ],
  },
];

/** The metrics tables: one column per run (comparison mode puts runs side by side). */
export function renderMetricsTables(metrics: readonly Metrics[], labels: readonly string[]): string {
  const head = labels.length > 1 ? `<tr><th></th>${labels.map((l) => `<th class="num">${escapeHtml(l)}</th>`).join('')}</tr>` : '';
  const groups = METRIC_GROUPS.map((g) => {
    const rows = g.rows
      .map(([label, get, fmt, signed]) => {
        const cells = metrics
          .map((m) => {
            const v = get(m);
            return `<td class="num ${signed ? signClass(v) : ''}">${formatValue(v, fmt)}</td>`;
          })
          .join('');
        return `<tr><th scope="row">${escapeHtml(label)}</th>${cells}</tr>`;
      })
      .join('');
    return `<table class="metrics"><caption>${escapeHtml(g.title)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
  });
  return `<div class="metrics-grid${labels.length > 1 ? ' compare' : ''}" id="metrics">${groups.join('')}</div>`;
}
