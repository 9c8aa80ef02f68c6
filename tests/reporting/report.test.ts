import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { echartsSource, reportScript } from '../../framework/reporting/report-assets.ts';
import { defaultReportPath, renderReport, writeReport } from '../../framework/reporting/render-report.ts';
import { makeFixtureResults } from './fixture-results.ts';

const results = makeFixtureResults();
const html = renderReport(results);
/** The page without the inlined echarts bundle (whose comments may mention URLs). */
const ours = html.replace(echartsSource(), '');

test('one self-contained file: echarts, data and script inlined', () => {
  assert.ok(html.startsWith('<!doctype html>'));
  assert.ok(html.includes(echartsSource()), 'echarts inlined');
  assert.ok(html.includes('id="report-data"'));
  assert.is((html.match(/^<script/gm) ?? []).length, 3, 'echarts, data, page script');
});

test('no network loads of any kind', () => {
  assert.not.match(html, /<script[^>]*\ssrc=/i, 'no <script src>');
  assert.not.match(html, /<link[^>]*href=/i, 'no <link href>');
  assert.not.match(ours, /<(img|iframe|object|embed|video|audio|source)\b/i, 'no embedded resources');
  assert.not.match(ours, /url\(\s*['"]?(https?:)?\/\//i, 'no url(http...) in CSS');
  assert.not.match(ours, /@import/i);
  assert.not.match(ours, /https?:\/\//i, 'no URL at all outside the echarts bundle');
  for (const api of ['fetch(', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'sendBeacon', 'import(']) {
    assert.not.ok(reportScript().includes(api), `page script uses ${api}`);
  }
});

test('header: strategy, params, instruments, period, mode, fill model, costs, conventions', () => {
  for (const s of ['sma-cross', 'fast=10', 'CON.F.US.MNQ.H25', 'MES', 'backtest', 'bar-pessimistic', 'commission 0.37', 'slippage 1 tick', 'Metric conventions', 'Sortino = mean(r) / √(Σ min(r,0)² / n) × √N']) {
    assert.ok(ours.includes(s.replace(/&/g, '&amp;')), `missing ${s}`);
  }
});

test('metrics table present, undefined metrics shown as —', () => {
  assert.ok(ours.includes('id="metrics"'));
  for (const s of ['Sharpe (252, rf 0)', 'Max drawdown', 'Profit factor', 'SQN', 'Time in market', 'Benchmark return']) assert.ok(ours.includes(s), s);
  const empty = renderReport(makeFixtureResults({ days: 20, trades: 0 }));
  assert.ok(empty.includes('<td class="num ">—</td>'), 'null as —');
  assert.not.match(empty, /<td[^>]*>[^<]*(NaN|Infinity)/, 'no NaN/Infinity cell');
  const data = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(empty)![1];
  assert.not.match(data, /NaN|Infinity/, 'no NaN/Infinity in the data');
});

test('charts and tables: every chart container has a fixed height', () => {
  for (const id of ['chart-equity', 'chart-underwater', 'chart-candles', 'chart-monthly', 'chart-histogram', 'chart-mae-mfe', 'chart-rolling-sharpe', 'chart-hour', 'chart-weekday', 'chart-correlation']) {
    assert.match(ours, new RegExp(`id="${id}" style="height:\\d+px"`), id);
  }
  for (const id of ['id="drawdowns"', 'id="instruments"', 'id="risk"', 'id="trades"']) assert.ok(ours.includes(id), id);
  const single = renderReport(makeFixtureResults({ symbols: ['MNQ'], days: 30, trades: 20 }));
  assert.not.ok(single.includes('id="chart-correlation"'), 'no correlation chart without a matrix');
});

test('data escaping: a hostile strategy name cannot break out of the page', () => {
  const r = makeFixtureResults({ days: 10, trades: 5, strategy: '</script><script>alert(1)</script>' });
  const page = renderReport(r).replace(echartsSource(), '');
  assert.not.ok(page.includes('<script>alert(1)'), 'escaped');
  assert.is((page.match(/<\/script>/g) ?? []).length, 3);
});

test('size: a year of 1-minute bars with every trade stays under 3 MB', () => {
  const year = makeFixtureResults({ days: 252, trades: 2500 });
  const page = renderReport(year);
  assert.ok(page.length < 3_000_000, `report is ${page.length} bytes`);
  assert.ok(page.includes(`${year.trades.length}`), 'trade count');
});

test('comparison: runs side by side, labels made distinct', () => {
  const b = makeFixtureResults({ seed: 3, days: 60, trades: 40 });
  const page = renderReport([results, b]);
  assert.ok(page.includes('id="run-select"'));
  assert.ok(page.includes('sma-cross · MNQ, MES #2'), 'duplicate labels numbered');
  assert.ok(page.includes('metrics-grid compare'));
  const data = JSON.parse(/<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(page)![1]) as { runs: unknown[] };
  assert.is(data.runs.length, 2);
});

test('writeReport writes atomically; defaultReportPath names strategy, symbols and run time', () => {
  assert.is(defaultReportPath(results), join('reports', 'sma-cross-MNQ_MES-20250304-150607.html'));
  assert.is(defaultReportPath([results, results], 'out'), join('out', 'compare-sma-cross-sma-cross-20250304-150607.html'));
  const dir = mkdtempSync(join(tmpdir(), 'pxt-report-'));
  try {
    const out = writeReport(results, join(dir, 'sub', 'r.html'));
    assert.ok(existsSync(out));
    assert.is(readFileSync(out, 'utf8'), html, 'deterministic for the same results');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
