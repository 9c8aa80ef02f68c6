/**
 * Formatting for the server-rendered parts of the report. null (an undefined metric) prints as "—".
 * Dates print in UTC ISO form unless already shifted to exchange time by the caller.
 */
export const DASH = '—';

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const two = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type MetricFormat = 'pct' | 'money' | 'ratio' | 'int' | 'days' | 'minutes' | 'date' | 'ms' | 'text';

/** One value in a given format; escaped HTML. */
export function formatValue(v: unknown, f: MetricFormat): string {
  if (v === null || v === undefined) return DASH;
  if (typeof v === 'number' && !Number.isFinite(v)) return DASH;
  switch (f) {
    case 'pct':
      return `${two.format((v as number) * 100)} %`;
    case 'money':
      return money.format(v as number);
    case 'ratio':
      return two.format(v as number);
    case 'int':
      return int.format(v as number);
    case 'days':
      return `${one.format(v as number)} d`;
    case 'minutes':
      return `${one.format(v as number)} min`;
    case 'ms':
      return escapeHtml(isoMinute(v as number));
    case 'date':
    case 'text':
      return escapeHtml(String(v));
  }
}

/** Epoch ms -> 'YYYY-MM-DD HH:MM' (UTC fields). */
export function isoMinute(tsMs: number): string {
  return new Date(tsMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** Sign class for colouring a number (pos/neg), '' for zero or null. */
export function signClass(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? (v > 0 ? 'pos' : v < 0 ? 'neg' : '') : '';
}
