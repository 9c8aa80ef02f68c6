import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeMetrics } from '../../framework/analytics/compute-metrics.ts';
import { MS_PER_DAY } from '../../framework/core/time.ts';
import { RESULTS_SCHEMA, type ResultsFile } from '../../framework/model/results.ts';
import { makeFixtureResults } from '../reporting/fixture-results.ts';

function tiny(over: Partial<ResultsFile> = {}): ResultsFile {
  const from = Date.UTC(2024, 0, 2);
  return {
    schema: RESULTS_SCHEMA,
    run: {
      mode: 'backtest', strategy: 't', params: {},
      config: { startingCash: 1000, commissionPerContract: 0, slippageTicks: 0, closeAtEnd: true },
      fillModel: { name: 'x', description: 'x', options: {} },
      timing: { wallSeconds: 0, barsPerSec: 0 },
    },
    instruments: [{ symbol: 'ES', contractId: 'LOCAL.ES', tickSize: 0.25, tickValue: 12.5, pointValue: 50, currency: 'USD', timeZone: 'America/Chicago', timeframe: '1m' }],
    period: { fromMs: from, toMs: from + MS_PER_DAY },
    bars: { ES: 1 },
    orders: [], fills: [], trades: [],
    dailyEquity: [{ date: '2024-01-02', equity: 1000 }],
    equityCurve: [{ tsMs: from, equity: 1000 }],
    priceCurves: {}, dailyPrices: { ES: [{ date: '2024-01-02', close: 4800 }] }, candles: {}, risk: [],
    drawdown: { maxDrawdownPct: 0, maxDrawdown: 0, peakMs: null, troughMs: null, recoveryMs: null },
    exposure: { barsSeen: 1, barsInMarket: 0 },
    metrics: {},
    final: { equity: 1000, cash: 1000, realizedPnl: 0, fees: 0, openPositions: [] },
    ...over,
  };
}

function nonFinitePaths(v: unknown, path = '$'): string[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => nonFinitePaths(x, `${path}[${i}]`));
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => nonFinitePaths(x, `${path}.${k}`));
  return [];
}

test('zero trades and one day: undefined metrics are null, never NaN/Infinity', () => {
  const m = computeMetrics(tiny());
  assert.equal(nonFinitePaths(m), []);
  assert.is(m.tradeCount, 0);
  assert.is(m.maxDrawdownFraction, 0, 'no fall from a peak: a defined 0');
  for (const k of ['sharpeRatio', 'sortinoRatio', 'annualVolatilityFraction', 'calmarRatio', 'maxDrawdownDurationDays', 'profitFactor', 'sqn', 'winRateFraction', 'benchmarkCorrelation'] as const) {
    assert.is(m[k], null, k);
  }
  assert.is(m.totalReturnFraction, 0);
  assert.is(m.timeInMarketFraction, 0);
  assert.equal(m.series.rollingSharpe126d, []);
});

test('empty run (no days, no curve, no instruments) still computes', () => {
  const m = computeMetrics(tiny({ dailyEquity: [], equityCurve: [], instruments: [], dailyPrices: {} }));
  assert.equal(nonFinitePaths(m), []);
  assert.is(m.benchmarkSymbol, null);
  assert.is(m.bestDayDate, null);
});

test('NaN in the input becomes null, not NaN in JSON', () => {
  const m = computeMetrics(tiny({ final: { equity: Number.NaN, cash: 0, realizedPnl: 0, fees: 0, openPositions: [] } }));
  assert.equal(nonFinitePaths(m), []);
  assert.is(m.totalReturnFraction, null);
});

test('exact drawdown and exposure from the engine win over the sampled curve; older files fall back', () => {
  const D = MS_PER_DAY;
  const from = Date.UTC(2024, 0, 2);
  const base = tiny({
    period: { fromMs: from, toMs: from + 10 * D },
    equityCurve: [1000, 1200, 960, 1300].map((equity, i) => ({ tsMs: from + i * D, equity })),
    drawdown: { maxDrawdownPct: 0.25, maxDrawdown: 300, peakMs: from + D, troughMs: from + 2 * D + 3600_000, recoveryMs: from + 3 * D },
    exposure: { barsSeen: 40, barsInMarket: 10 },
  });
  const m = computeMetrics(base);
  assert.is(m.maxDrawdownFraction, -0.25, 'exact trough (900) the sampled curve missed');
  assert.is(m.maxDrawdownCurrency, -300);
  assert.is(m.maxDrawdownDurationDays, 2);
  assert.is(m.timeInMarketFraction, 0.25, '10 of 40 bars');
  const { drawdown: _d, exposure: _e, ...older } = base;
  const o = computeMetrics(older as unknown as ResultsFile);
  // Sampled curve: 1200 -> 960 = −20 %, −240, recovered at 1300 two days after the peak.
  assert.ok(Math.abs(o.maxDrawdownFraction! - -0.2) < 1e-12);
  assert.is(o.maxDrawdownCurrency, -240);
  assert.is(o.maxDrawdownDurationDays, 2);
  assert.is(o.timeInMarketFraction, 0, 'no trades');
});

test('benchmark: buy & hold one contract of the first instrument from daily closes', () => {
  const m = computeMetrics(
    tiny({
      dailyEquity: [
        { date: '2024-01-02', equity: 1010 },
        { date: '2024-01-03', equity: 1030 },
        { date: '2024-01-04', equity: 1020 },
      ],
      dailyPrices: { ES: [{ date: '2024-01-02', close: 100 }, { date: '2024-01-03', close: 110 }, { date: '2024-01-04', close: 105 }] },
      instruments: [{ symbol: 'ES', contractId: 'x', tickSize: 0.25, tickValue: 0.5, pointValue: 2, currency: 'USD', timeZone: 'UTC', timeframe: '1m' }],
    }),
  );
  // equity = 1000 + (close − 100) × 2 = 1000, 1020, 1010 -> total return 0.01
  assert.equal(m.series.benchmarkEquity.map((e) => e.equity), [1000, 1020, 1010]);
  assert.ok(Math.abs(m.benchmarkTotalReturnFraction! - 0.01) < 1e-12);
  assert.ok(m.benchmarkCorrelation !== null && m.benchmarkCorrelation > 0.5, 'both rise then fall');
});

test('realistic run: consistent totals', () => {
  const r = makeFixtureResults({ days: 300, trades: 800 });
  const m = computeMetrics(r);
  assert.equal(nonFinitePaths(m), []);
  assert.is(m.tradeCount, r.trades.length);
  assert.ok(Math.abs(m.netPnlCurrency - r.trades.reduce((s, t) => s + t.pnl, 0)) < 1e-6);
  assert.is(m.pnlByHour.reduce((s, b) => s + b.tradeCount, 0), r.trades.length);
  assert.is(m.monthlyReturns.length > 10, true);
  assert.ok(m.maxDrawdownFraction! < 0 && m.maxDrawdownFraction! > -1);
  assert.ok(JSON.parse(JSON.stringify(m)).sharpeRatio === m.sharpeRatio);
});

test.run();
