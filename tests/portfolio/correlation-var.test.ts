import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PositionManager } from '../../framework/execution/position-manager.ts';
import { makeInstrument } from '../../framework/model/instrument.ts';
import { SessionCalendar, UTC_DAY_SESSION } from '../../framework/model/session-calendar.ts';
import { Account } from '../../framework/portfolio/account.ts';
import { Portfolio } from '../../framework/portfolio/portfolio.ts';
import { RollingReturns } from '../../framework/portfolio/rolling-returns.ts';
import { Z_95, historicalVar, parametricVar } from '../../framework/portfolio/value-at-risk.ts';

// Two instruments: A (point value 10), B (point value 5).
const A = makeInstrument({ symbol: 'A', tickSize: 0.0001, tickValue: 0.001 });
const B = makeInstrument({ symbol: 'B', tickSize: 0.0001, tickValue: 0.0005 });

/**
 * Fixture: closes on 5 common timestamps chosen so the simple returns are round numbers:
 *   A: 100, 110, 99, 103.95, 98.7525        -> rA = +0.10, -0.10, +0.05, -0.05
 *   B: 100, 102, 97.92, 101.8368, 103.873536 -> rB = +0.02, -0.04, +0.04, +0.02
 */
const CLOSES_A = [100, 110, 99, 103.95, 98.7525];
const CLOSES_B = [100, 102, 97.92, 101.8368, 103.873536];

function setup(windowBars = 100): { p: Portfolio; pm: PositionManager } {
  const pm = new PositionManager([A, B]);
  const cal = new SessionCalendar(UTC_DAY_SESSION);
  const account = new Account(10_000, pm, cal, new Map([['A', cal], ['B', cal]]));
  const p = new Portfolio(account, [pm.get('A'), pm.get('B')], { baseTimeframe: '1m', windowBars });
  return { p, pm };
}

function feed(p: Portfolio): void {
  for (let t = 0; t < CLOSES_A.length; t++) {
    p.observeClose(0, t * 60_000, CLOSES_A[t]);
    p.observeClose(1, t * 60_000, CLOSES_B[t]);
  }
}

/** Long 2 A and short 1 B, both marked at 100: exposures wA = 2·100·10 = 2000, wB = −1·100·5 = −500. */
function positions(pm: PositionManager): void {
  pm.applyFill({ fillId: 'f1', clientOrderId: 'o1', symbol: 'A', side: 'buy', size: 2, price: 100, tsMs: 0, fee: 0 });
  pm.applyFill({ fillId: 'f2', clientOrderId: 'o2', symbol: 'B', side: 'sell', size: 1, price: 100, tsMs: 0, fee: 0 });
}

test('correlation matrix against the hand computation', () => {
  const { p } = setup();
  feed(p);
  // meanA = 0, deviations .1 −.1 .05 −.05: Σd² = .025.  meanB = .01, deviations .01 −.05 .03 .01: Σd² = .0036.
  // Σ dA·dB = .001 + .005 + .0015 − .0005 = .007.  ρ = .007 / √(.025 · .0036) = .007 / .00948683 = 0.7378647874
  assert.is(p.observations, 4);
  assert.ok(Math.abs(p.correlationOf('A', 'B') - 0.7378647874) < 1e-9);
  const m = p.correlation();
  assert.equal(m.symbols, ['A', 'B']);
  assert.is(m.matrix[0][0], 1);
  assert.is(m.matrix[1][1], 1);
  assert.ok(Math.abs(m.matrix[0][1] - 0.7378647874) < 1e-9);
  assert.is(m.matrix[0][1], m.matrix[1][0]);
  // Sample covariances (ddof 1): varA = .025/3, varB = .0036/3, cov = .007/3.
  assert.ok(Math.abs(p.covarianceAt(0, 0) - 0.025 / 3) < 1e-12);
  assert.ok(Math.abs(p.covarianceAt(1, 1) - 0.0012) < 1e-12);
  assert.ok(Math.abs(p.covarianceAt(0, 1) - 0.007 / 3) < 1e-12);
});

test('exposure: contracts × price × point value, per instrument and in total', () => {
  const { p, pm } = setup();
  positions(pm);
  assert.is(p.exposure('A').net, 2000);
  assert.is(p.exposure('B').net, -500);
  assert.is(p.exposure('B').gross, 500);
  assert.is(p.grossExposure(), 2500);
  assert.is(p.netExposure(), 1500);
  pm.get('A').mark(101); // a bar close moves the mark: 2·101·10
  assert.is(p.exposure('A').net, 2020);
});

test('VaR (historical and parametric) against the hand computation', () => {
  const { p, pm } = setup();
  feed(p);
  positions(pm);
  // Historical: PnL_t = 2000·rA − 500·rB = 190, −180, 80, −110. Sorted: −180, −110, 80, 190.
  // n = 4: k = ceil(4·0.05) = 1 and ceil(4·0.01) = 1 -> the worst, −180 -> VaR 180 at both levels.
  // Parametric: σ² = 2000²·(.025/3) + 500²·.0012 − 2·2000·500·(.007/3) = 33333.33 + 300 − 4666.67 = 28966.67,
  // σ = 170.19597; VaR95 = 1.6448536·σ = 279.94745, VaR99 = 2.3263479·σ = 395.93502.
  const v = p.valueAtRisk();
  assert.ok(Math.abs(v.hist95 - 180) < 1e-9);
  assert.ok(Math.abs(v.hist99 - 180) < 1e-9);
  assert.ok(Math.abs(v.param95 - 279.94745) < 1e-4);
  assert.ok(Math.abs(v.param99 - 395.93502) < 1e-4);
});

test('historical VaR takes the k-th worst, k = ceil(n(1 − c))', () => {
  // 40 observations of one series with PnL −1..−20 and +1..+20 for exposure 1.
  const obs = Array.from({ length: 40 }, (_, i) => [i < 20 ? -(i + 1) : i - 19]);
  // 95%: k = ceil(40·.05) = 2 -> the 2nd worst = −19 -> 19.  99%: k = ceil(.4) = 1 -> 20.
  assert.is(historicalVar([1], obs, 0.95), 19);
  assert.is(historicalVar([1], obs, 0.99), 20);
  assert.ok(Number.isNaN(historicalVar([1], [], 0.95)));
  // Parametric with one series of variance 4: 1.6449 · √(3² · 4) = 1.6449 · 6.
  assert.ok(Math.abs(parametricVar([3], () => 4, Z_95) - Z_95 * 6) < 1e-12);
});

test('returns align on common timestamps: a timestamp missing one instrument is skipped for all', () => {
  const { p } = setup();
  p.observeClose(0, 0, 100);
  p.observeClose(1, 0, 100);
  p.observeClose(0, 60_000, 200); // B has no bar here: not a common timestamp
  p.observeClose(0, 120_000, 110);
  p.observeClose(1, 120_000, 120);
  assert.is(p.observations, 1);
  // The one return spans the gap: A 100 -> 110, B 100 -> 120.
  const v = p.valueAtRisk();
  assert.ok(Number.isFinite(v.hist95));
});

test('rolling window drops the oldest observation; sums stay exact after re-summing', () => {
  const r = new RollingReturns(2, 3);
  const xs = [
    [0.5, 9],
    [0.1, 0.02],
    [-0.1, -0.04],
    [0.05, 0.04],
  ];
  for (const x of xs) r.add(x);
  assert.is(r.length, 3);
  // Window = last 3: A = .1, −.1, .05 (mean .016667); B = .02, −.04, .04.
  const meanA = (0.1 - 0.1 + 0.05) / 3;
  const varA = ((0.1 - meanA) ** 2 + (-0.1 - meanA) ** 2 + (0.05 - meanA) ** 2) / 2;
  assert.ok(Math.abs(r.covariance(0, 0) - varA) < 1e-12);
  assert.equal(r.observations().map((o) => o[0]), [0.1, -0.1, 0.05]);
  for (let i = 0; i < 10_000; i++) r.add([Math.sin(i) * 0.01, Math.cos(i) * 0.01]);
  const obs = r.observations();
  const m = obs.reduce((s, o) => s + o[0], 0) / 3;
  const v = obs.reduce((s, o) => s + (o[0] - m) ** 2, 0) / 2;
  assert.ok(Math.abs(r.covariance(0, 0) - v) < 1e-15);
});

test('correlation window of a coarser timeframe is built from the base bars', async () => {
  const pm = new PositionManager([A, B]);
  const cal = new SessionCalendar(UTC_DAY_SESSION);
  const account = new Account(10_000, pm, cal, new Map([['A', cal], ['B', cal]]));
  const p = new Portfolio(account, [pm.get('A'), pm.get('B')], { baseTimeframe: '1m', timeframe: '5m', windowBars: 10 });
  const { Bar } = await import('../../framework/model/market-data.ts');
  // 20 one-minute bars = 4 five-minute bars -> 3 returns.
  for (let i = 0; i < 20; i++) {
    p.onBar(0, new Bar('A', i * 60_000, 100 + i, 100 + i, 100 + i, 100 + i, 1));
    p.onBar(1, new Bar('B', i * 60_000, 50 + (i % 3), 50 + (i % 3), 50 + (i % 3), 50 + (i % 3), 1));
  }
  assert.is(p.observations, 3);
  assert.is(p.timeframe, '5m');
});

test.run();
