import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { annualVolatility } from '../../framework/analytics/annual-volatility.ts';
import { cagr } from '../../framework/analytics/cagr.ts';
import { calmarRatio } from '../../framework/analytics/calmar-ratio.ts';
import { dailyReturns } from '../../framework/analytics/daily-returns.ts';
import { monthlyReturns } from '../../framework/analytics/monthly-returns.ts';
import { rollingSharpe } from '../../framework/analytics/rolling-sharpe.ts';
import { sharpeRatio } from '../../framework/analytics/sharpe-ratio.ts';
import { sortinoRatio } from '../../framework/analytics/sortino-ratio.ts';
import { totalReturn } from '../../framework/analytics/total-return.ts';
import { SeededRandom } from '../../framework/core/rng.ts';

const close = (actual: number | null, expected: number, msg: string, eps = 1e-9): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) < eps, `${msg}: expected ${expected}, got ${actual}`);
};

// Equity 100 -> 102 -> 99.96 -> 104.958 -> 103.90842 gives r = [0.02, -0.02, 0.05, -0.01].
const equity = [102, 99.96, 104.958, 103.90842].map((e, i) => ({ date: `2024-01-0${i + 2}`, equity: e }));
const r = [0.02, -0.02, 0.05, -0.01];

test('daily returns: first day against starting cash, then day over day', () => {
  const got = dailyReturns(equity, 100);
  r.forEach((x, i) => close(got[i], x, `r[${i}]`, 1e-12));
});

test('Sharpe = mean / std(ddof=1) × √252', () => {
  // mean = 0.04/4 = 0.01; deviations .01,-.03,.04,-.02 -> Σd² = .003, /3 = .001, std = √.001
  // Sharpe = 0.01/√0.001 × √252 = √(0.1 × 252) = √25.2 = 5.019960159...
  close(sharpeRatio(r), Math.sqrt(25.2), 'Sharpe √25.2');
});

test('Sortino = mean / √(Σ min(r,0)² / n) × √252 (downside over all n periods)', () => {
  // Σ min(r,0)² = .02² + .01² = .0005; /4 = .000125; 0.01/√.000125 × √252 = √(0.8 × 252) = √201.6 = 14.1985...
  close(sortinoRatio(r), Math.sqrt(201.6), 'Sortino √201.6');
});

test('annual volatility = std(ddof=1) × √252', () => {
  // √0.001 × √252 = √0.252
  close(annualVolatility(r), Math.sqrt(0.252), 'vol √0.252');
});

test('CAGR = (E_end/E_start)^(365.25/calendar days) − 1', () => {
  // 100 -> 121 over 730.5 days (two years of 365.25): 1.21^(1/2) − 1 = 0.1
  close(cagr(100, 121, 730.5), 0.1, 'CAGR 10 %');
  // 100 -> 110 over 182.625 days (half a year): 1.1² − 1 = 0.21
  close(cagr(100, 110, 182.625), 0.21, 'CAGR over half a year');
  assert.is(cagr(100, 110, 0), null, 'empty period -> null');
  assert.is(cagr(100, 0, 365), null, 'equity wiped out -> null, not -1 from 0^x');
  close(totalReturn(100, 121), 0.21, 'total return');
});

test('Calmar = CAGR / |max drawdown|', () => {
  close(calmarRatio(0.1, -0.25), 0.4, 'Calmar 0.1/0.25');
  assert.is(calmarRatio(0.1, null), null);
  assert.is(calmarRatio(0.1, 0), null, 'no drawdown -> null, never Infinity');
});

test('undefined ratios are null: no days, one day, no dispersion, no losing day', () => {
  assert.is(sharpeRatio([]), null);
  assert.is(sharpeRatio([0.01]), null, 'one day: std(ddof=1) undefined');
  assert.is(sharpeRatio([0.01, 0.01]), null, 'zero std');
  assert.is(sortinoRatio([]), null);
  assert.is(sortinoRatio([0.01, 0.02]), null, 'no downside');
  assert.is(annualVolatility([0.01]), null);
});

test('monthly returns compound within the month', () => {
  const days = [
    { date: '2024-01-30', equity: 110 },
    { date: '2024-01-31', equity: 121 },
    { date: '2024-02-01', equity: 60.5 },
  ];
  const rets = dailyReturns(days, 100); // 0.1, 0.1, -0.5
  const m = monthlyReturns(days, rets);
  assert.is(m.length, 2);
  assert.equal([m[0].year, m[0].month], [2024, 1]);
  close(m[0].return, 0.21, 'January (1.1 × 1.1 − 1)');
  close(m[1].return, -0.5, 'February');
});

test('rolling Sharpe starts once the window is full', () => {
  const days = Array.from({ length: 5 }, (_, i) => ({ date: `2024-01-0${i + 1}`, equity: 100 }));
  const out = rollingSharpe(days, [0.02, -0.02, 0.05, -0.01, 0], 4);
  assert.is(out.length, 2);
  assert.is(out[0].date, '2024-01-04');
  close(out[0].sharpe, Math.sqrt(25.2), 'first window = the 4-day example');
});

test('rolling Sharpe equals sharpeRatio over each window, bit for bit', () => {
  const rng = new SeededRandom(5);
  const returns = Array.from({ length: 400 }, (_, i) => (i % 50 < 3 ? 0 : (rng.next() - 0.48) * 0.02));
  const days = returns.map((_, i) => ({ date: `d${i}`, equity: 100 }));
  for (const w of [2, 3, 20, 126]) {
    const out = rollingSharpe(days, returns, w);
    assert.is(out.length, returns.length - w + 1);
    out.forEach((p, k) => assert.is(p.sharpe, sharpeRatio(returns.slice(k, k + w)), `window ${w} at ${k}`));
  }
  const flat = rollingSharpe(days.slice(0, 10), new Array(10).fill(0), 5);
  assert.ok(flat.every((p) => p.sharpe === null), 'zero dispersion gives null');
});

test.run();
