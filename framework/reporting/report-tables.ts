import type { Metrics } from '../analytics/metrics.ts';
import type { ResultsFile } from '../model/results.ts';
import { escapeHtml, formatValue, signClass } from './report-format.ts';

/** Worst drawdowns (fraction, currency, dates, duration). Times in UTC. */
export function renderDrawdownTable(m: Metrics): string {
  if (m.worstDrawdowns.length === 0) return '<p class="muted">No drawdown.</p>';
  const rows = m.worstDrawdowns
    .map(
      (d, i) =>
        `<tr><td class="num">${i + 1}</td><td class="num neg">${formatValue(d.depthFraction, 'pct')}</td><td class="num neg">${formatValue(d.depthCurrency, 'money')}</td><td>${formatValue(d.startMs, 'ms')}</td><td>${formatValue(d.troughMs, 'ms')}</td><td>${d.recoveryMs === null ? 'not recovered' : formatValue(d.recoveryMs, 'ms')}</td><td class="num">${formatValue(d.lengthDays, 'days')}</td></tr>`,
    )
    .join('');
  return `<table class="grid" id="drawdowns"><thead><tr><th>#</th><th class="num">Depth</th><th class="num">Currency</th><th>Peak (UTC)</th><th>Trough (UTC)</th><th>Recovery (UTC)</th><th class="num">Length</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Per-instrument trade breakdown. */
export function renderInstrumentTable(m: Metrics): string {
  const rows = m.byInstrument
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.symbol)}</td><td class="num">${formatValue(s.tradeCount, 'int')}</td><td class="num ${signClass(s.netPnlCurrency)}">${formatValue(s.netPnlCurrency, 'money')}</td><td class="num">${formatValue(s.winRateFraction, 'pct')}</td><td class="num">${formatValue(s.feesCurrency, 'money')}</td></tr>`,
    )
    .join('');
  return `<table class="grid" id="instruments"><thead><tr><th>Instrument</th><th class="num">Trades</th><th class="num">Net PnL</th><th class="num">Win rate</th><th class="num">Fees</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Risk denials and state changes; empty string when there are none. */
export function renderRiskTable(r: ResultsFile): string {
  const risk = r.risk ?? [];
  if (risk.length === 0) return '';
  const rows = risk
    .map(
      (x) =>
        `<tr><td>${formatValue(x.tsMs, 'ms')}</td><td>${escapeHtml(x.kind)}</td><td>${escapeHtml(x.rule)}</td><td>${escapeHtml(x.symbol ?? '')}</td><td>${escapeHtml(x.message)}</td></tr>`,
    )
    .join('');
  return `<table class="grid" id="risk"><thead><tr><th>Time (UTC)</th><th>Kind</th><th>Rule</th><th>Symbol</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>`;
}
