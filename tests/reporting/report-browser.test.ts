/**
 * Opens a generated report in headless Chromium (playwright-core, the system browser) and checks what a
 * reader would see: no console error, no request but the file itself, every chart painted, the metrics
 * table shown. Saves tests/.output/report.png (and report-compare.png). Skipped without /usr/bin/chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderReport } from '../../framework/reporting/render-report.ts';
import { makeFixtureResults } from './fixture-results.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUT_DIR = join(import.meta.dirname, '..', '.output');

interface PageCheck {
  consoleErrors: string[];
  requests: string[];
  charts: { id: string; canvases: number; painted: boolean }[];
  metricsRows: number;
  metricsVisible: boolean;
  tradeRows: number;
  firstTradeAfterSort: string;
}

/** Every .chart container: its canvases and whether any canvas has a non-transparent pixel. */
const CHARTS_JS = `Array.from(document.querySelectorAll('.chart')).map(function (el) {
  var canvases = Array.from(el.querySelectorAll('canvas'));
  var painted = canvases.some(function (c) {
    var ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return false;
    var px = ctx.getImageData(0, 0, c.width, c.height).data;
    for (var i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
    return false;
  });
  return { id: el.id, canvases: canvases.length, painted: painted };
})`;

const METRICS_JS = `(function () {
  var el = document.getElementById('metrics');
  var r = el ? el.getBoundingClientRect() : null;
  return { rows: el ? el.querySelectorAll('tbody tr').length : 0, visible: !!r && r.width > 0 && r.height > 0 };
})()`;

async function inspect(html: string, screenshot: string): Promise<PageCheck> {
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'pxt-report-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });
    // Browser-side code as strings: the project compiles without the DOM lib.
    const charts = (await page.evaluate(CHARTS_JS)) as PageCheck['charts'];
    const metrics = (await page.evaluate(METRICS_JS)) as { rows: number; visible: boolean };
    // Sort the trade list by net PnL (click the header twice: descending).
    await page.click('#trades thead th:nth-child(10)');
    await page.click('#trades thead th:nth-child(10)');
    const tradeRows = (await page.evaluate("document.querySelectorAll('#trades tbody tr').length")) as number;
    const firstTradeAfterSort = (await page.evaluate("document.querySelector('#trades tbody tr td:nth-child(10)').textContent")) as string;
    mkdirSync(OUT_DIR, { recursive: true });
    await page.screenshot({ path: join(OUT_DIR, screenshot), fullPage: true });
    return { consoleErrors, requests: requests.filter((r) => r !== url), charts, metricsRows: metrics.rows, metricsVisible: metrics.visible, tradeRows, firstTradeAfterSort };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = existsSync(CHROMIUM) ? test : test.skip;

run('report renders offline in Chromium: charts painted, no errors, no requests', async () => {
  const results = makeFixtureResults();
  const check = await inspect(renderReport(results), 'report.png');
  assert.equal(check.consoleErrors, [], 'console errors');
  assert.equal(check.requests, [], 'requests other than the file itself');
  assert.ok(check.charts.length >= 9, `expected all charts, got ${check.charts.map((c) => c.id).join(',')}`);
  for (const c of check.charts) assert.ok(c.canvases > 0 && c.painted, `chart ${c.id} is empty`);
  assert.ok(check.metricsVisible && check.metricsRows > 40, 'metrics table shown');
  assert.is(check.tradeRows, results.trades.length, 'every trade listed');
  const best = Math.max(...results.trades.map((t) => t.pnl));
  assert.is(check.firstTradeAfterSort.replace(/,/g, ''), best.toFixed(2), 'sorted by PnL descending');
});

run('comparison report renders in Chromium', async () => {
  const a = makeFixtureResults({ days: 120, trades: 150 });
  const b = makeFixtureResults({ seed: 11, days: 120, trades: 90, strategy: 'breakout', symbols: ['MNQ'] });
  const check = await inspect(renderReport([a, b]), 'report-compare.png');
  assert.equal(check.consoleErrors, []);
  assert.equal(check.requests, []);
  for (const c of check.charts) assert.ok(c.canvases > 0 && c.painted, `chart ${c.id} is empty`);
  assert.ok(check.metricsVisible);
});

test.run();
