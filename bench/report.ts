/**
 * Report rendering benchmark: renderReport on synthetic results sized like a 1M-bar run (two instruments,
 * ~1M bars in total, ~5 000 equity points, ~5 000 trades, ~5 000 candles), printing one JSON line:
 * {"scenario":"report:render","bars":N,"seconds":s,"barsPerSec":x,"peakRssMb":m,"bytes":b}.
 * Timed cold (the first render in the process reads echarts from node_modules), which is what
 * `pxt backtest --report` pays. Budget: < 3 s. The synthetic results are built before the clock starts.
 * Run: npx tsx bench/report.ts  (or import { runReportBench } from bench/run.ts).
 */
import { resolve } from 'node:path';
import { renderReport } from '../framework/reporting/render-report.ts';
import { makeFixtureResults } from '../tests/reporting/fixture-results.ts';

export async function runReportBench(): Promise<void> {
  const results = makeFixtureResults({ seed: 42, days: 363, trades: 5000, equityPoints: 5000, candleMinutes: 200 });
  const bars = Object.values(results.bars).reduce((s, n) => s + n, 0);
  const t0 = process.hrtime.bigint();
  const html = renderReport(results);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      scenario: 'report:render',
      bars,
      seconds: Number(seconds.toFixed(4)),
      barsPerSec: Math.round(bars / seconds),
      peakRssMb: Number(peakRssMb.toFixed(1)),
      bytes: html.length,
      trades: results.trades.length,
      equityPoints: results.equityCurve.length,
      candles: Object.values(results.candles).reduce((s, c) => s + c.rows.length, 0),
    }),
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  await runReportBench();
}
