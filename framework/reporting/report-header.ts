import type { ResultsFile } from '../model/results.ts';
import { METRIC_CONVENTIONS } from './metric-conventions.ts';
import { escapeHtml, isoMinute } from './report-format.ts';

/** The run description block: strategy, params, instruments, period, mode, fill model, costs. */
export function renderRunHeader(r: ResultsFile, label: string): string {
  const params = Object.entries(r.run.params ?? {})
    .map(([k, v]) => `<code>${escapeHtml(k)}=${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</code>`)
    .join(' ');
  const instruments = r.instruments
    .map(
      (i) =>
        `<span class="ins"><b>${escapeHtml(i.symbol)}</b> ${escapeHtml(i.contractId)} · tick ${i.tickSize} = ${i.tickValue} ${escapeHtml(i.currency)} · ${escapeHtml(i.timeframe)} · ${escapeHtml(i.timeZone)}</span>`,
    )
    .join(' ');
  const c = r.run.config;
  const rows: [string, string][] = [
    ['Strategy', `<b>${escapeHtml(r.run.strategy)}</b> ${params}`],
    ['Mode', escapeHtml(r.run.mode)],
    ['Instruments', instruments],
    ['Period (UTC)', `${escapeHtml(isoMinute(r.period.fromMs))} → ${escapeHtml(isoMinute(r.period.toMs))}`],
    ['Costs', `commission ${c.commissionPerContract} per contract per side · slippage ${c.slippageTicks} tick(s) · starting cash ${c.startingCash}`],
    ['Fill model', `<b>${escapeHtml(r.run.fillModel?.name ?? '')}</b> — ${escapeHtml(r.run.fillModel?.description ?? '')}`],
  ];
  return `<section class="run-card"><h3>${escapeHtml(label)}</h3><table class="kv">${rows
    .map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`)
    .join('')}</table></section>`;
}

export function renderConventions(): string {
  return `<details class="conventions" open><summary>Metric conventions</summary><ul>${METRIC_CONVENTIONS.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></details>`;
}
