import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { drawdownPeriods } from '../../framework/analytics/drawdown-periods.ts';
import { longestDrawdownDays } from '../../framework/analytics/longest-drawdown-days.ts';
import { maxDrawdown } from '../../framework/analytics/max-drawdown.ts';
import { timeInMarket } from '../../framework/analytics/time-in-market.ts';
import { underwaterSeries } from '../../framework/analytics/underwater-series.ts';
import { worstDrawdowns } from '../../framework/analytics/worst-drawdowns.ts';
import { MS_PER_DAY, MS_PER_HOUR } from '../../framework/core/time.ts';
import type { TradeRecord } from '../../framework/model/results.ts';

const D = MS_PER_DAY;
// Equity by day: 100, 120, 90, 110, 130, 117.
const curve = [100, 120, 90, 110, 130, 117].map((equity, i) => ({ tsMs: i * D, equity }));

test('max drawdown: fraction of running peak, currency, timestamps, duration to recovery', () => {
  const periods = drawdownPeriods(curve);
  assert.is(periods.length, 2);
  const dd = maxDrawdown(periods)!;
  // Peak 120 (day 1) -> trough 90 (day 2): 90/120 − 1 = −0.25, −30 currency; back to ≥120 on day 4 (130): 3 days.
  assert.is(dd.depthFraction, -0.25);
  assert.is(dd.depthCurrency, -30);
  assert.is(dd.startMs, 1 * D);
  assert.is(dd.troughMs, 2 * D);
  assert.is(dd.recoveryMs, 4 * D);
  assert.is(dd.durationDays, 3);
  // Second episode: 130 (day 4) -> 117 (day 5), −10 %, not recovered: duration null, length to the end 1 day.
  const last = periods[1];
  assert.ok(Math.abs(last.depthFraction - -0.1) < 1e-12);
  assert.is(last.recoveryMs, null);
  assert.is(last.durationDays, null);
  assert.is(last.lengthDays, 1);
  assert.is(longestDrawdownDays(periods), 3);
  assert.equal(
    worstDrawdowns(periods, 5).map((p) => p.startMs),
    [1 * D, 4 * D],
    'deepest first',
  );
});

test('no drawdown: null max drawdown and longest duration', () => {
  const up = [100, 101, 102].map((equity, i) => ({ tsMs: i * D, equity }));
  assert.equal(drawdownPeriods(up), []);
  assert.is(maxDrawdown([]), null);
  assert.is(longestDrawdownDays([]), null);
  assert.equal(drawdownPeriods([]), []);
});

test('underwater series: 0 at new highs, fraction below the running peak', () => {
  const uw = underwaterSeries(curve).map((p) => Math.round(p.drawdownFraction * 1e6) / 1e6);
  assert.equal(uw, [0, 0, -0.25, -0.083333, 0, -0.1]);
});

const trade = (entryMs: number, exitMs: number): TradeRecord => ({
  symbol: 'MNQ', side: 'long', size: 1, entryMs, entryPrice: 1, exitMs, exitPrice: 1, pnl: 0, fees: 0, mae: 0, mfe: 0, riskAmount: null, pnlTicks: 0,
});

test('time in market: wall clock without candles, bar-weighted with a bar clock', () => {
  // One position from day 1 to day 3.5 over a 10-day period: 2.5 / 10.
  assert.is(timeInMarket([trade(1 * D, 3.5 * D)], { fromMs: 0, toMs: 10 * D }), 0.25);
  // Overlapping positions count once: [1,3) ∪ [2,4) = 3 days.
  assert.is(timeInMarket([trade(1 * D, 3 * D), trade(2 * D, 4 * D)], { fromMs: 0, toMs: 10 * D }), 0.3);
  // Four 1-hour bars, a position over [0.5 h, 2 h): bar0 half, bar1 full -> 1.5 / 4.
  const clock = { startsMs: [0, 1, 2, 3].map((h) => h * MS_PER_HOUR), barMs: MS_PER_HOUR };
  assert.is(timeInMarket([trade(0.5 * MS_PER_HOUR, 2 * MS_PER_HOUR)], { fromMs: 0, toMs: 4 * MS_PER_HOUR }, clock), 0.375);
  assert.is(timeInMarket([], { fromMs: 0, toMs: 0 }), null);
});

test.run();
