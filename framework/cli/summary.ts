import type { ResultsFile } from '../model/results.ts';
import { isoUtc } from '../core/time.ts';

function fmtMoney(x: unknown): string {
  return typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '—';
}

function fmtPct(x: unknown): string {
  return typeof x === 'number' && Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : '—';
}

/** The summary table `pxt backtest` prints. */
export function printSummary(r: ResultsFile, info: { outPath: string; reportPath?: string; wallSeconds: number; bars: number }, print: (s: string) => void = console.log): void {
  const m = r.metrics as Record<string, unknown>;
  const trades = r.trades.length;
  const wins = r.trades.filter((t) => t.pnl > 0).length;
  const net = r.final.equity - r.run.config.startingCash;
  const rows: [string, string][] = [
    ['strategy', `${r.run.strategy} ${JSON.stringify(r.run.params)}`],
    ['instruments', r.instruments.map((i) => `${i.symbol} (tick ${i.tickSize} = ${i.tickValue} ${i.currency})`).join(', ')],
    ['period', `${isoUtc(r.period.fromMs)} → ${isoUtc(r.period.toMs)}`],
    ['bars', info.bars.toLocaleString('en-US')],
    ['trades', String(trades)],
    ['net PnL', fmtMoney(net)],
    ['win rate', trades > 0 ? fmtPct(wins / trades) : '—'],
    ['max drawdown', `${fmtMoney(r.drawdown.maxDrawdown)} (${fmtPct(r.drawdown.maxDrawdownPct)})`],
    ['sharpe', typeof m.sharpeRatio === 'number' ? (m.sharpeRatio as number).toFixed(2) : '—'],
    ['fees', fmtMoney(r.final.fees)],
    ['final equity', fmtMoney(r.final.equity)],
    ['open positions', r.final.openPositions.length ? r.final.openPositions.map((p) => `${p.symbol} ${p.size > 0 ? '+' : ''}${p.size} @ ${p.avgPrice}`).join(', ') : 'none'],
    ['speed', `${Math.round(info.bars / Math.max(info.wallSeconds, 1e-9)).toLocaleString('en-US')} bars/s (${info.wallSeconds.toFixed(3)} s)`],
    ['results', info.outPath],
  ];
  if (info.reportPath) rows.push(['report', info.reportPath]);
  const w = Math.max(...rows.map((x) => x[0].length));
  for (const [k, v] of rows) print(`${k.padEnd(w)}  ${v}`);
}
