import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../framework/core/errors.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import type { Instrument } from '../../framework/model/instrument.ts';
import type { SubmitOrder } from '../../framework/model/order.ts';
import type { RiskView } from '../../framework/risk/risk-gate.ts';
import { CorrelatedExposureRule, type CorrelationSource } from '../../framework/risk/correlated-exposure-rule.ts';

const CORR: Record<string, number> = { 'MNQ|ES': 0.9, 'MNQ|MGC': 0.1, 'ES|MGC': 0.1, 'MNQ|ZN': -0.8, 'ES|ZN': -0.8, 'MGC|ZN': Number.NaN };
const source: CorrelationSource = {
  symbols: () => ['MNQ', 'ES', 'MGC', 'ZN'],
  correlationOf: (a, b) => (a === b ? 1 : (CORR[`${a}|${b}`] ?? CORR[`${b}|${a}`] ?? Number.NaN)),
};

function view(pos: Record<string, number>, opts: { prices?: Record<string, number>; pending?: Record<string, number> } = {}): RiskView {
  const ins = new Map<string, Instrument>(['MNQ', 'ES', 'MGC', 'ZN'].map((s) => [s, resolveInstrument(s)]));
  return {
    nowMs: () => 0,
    instrument: (s) => ins.get(s),
    positionOf: (s) => pos[s] ?? 0,
    totalAbsPosition: () => Object.values(pos).reduce((a, b) => a + Math.abs(b), 0),
    openOrderCount: () => 0,
    pendingExposure: (s) => opts.pending?.[s] ?? 0,
    lastPrice: (s) => opts.prices?.[s] ?? Number.NaN,
    equity: () => 100_000,
  };
}

function order(symbol: string, side: 'buy' | 'sell', size: number): SubmitOrder {
  return { clientOrderId: 'X1', symbol, side, type: 'market', size };
}

const contracts = new CorrelatedExposureRule({ correlations: source, threshold: 0.7, maxExposure: 3, unit: 'contracts' });

test('long MNQ and long ES count together (ρ 0.9 ≥ 0.7)', () => {
  const d = contracts.check(order('ES', 'buy', 2), view({ MNQ: 2 }));
  assert.is(d.ok, false);
  if (!d.ok) {
    assert.is(d.rule, 'correlated-exposure');
    assert.match(d.message, /ES\+MNQ would be 4 contracts > cap 3/);
  }
  assert.is(contracts.check(order('ES', 'buy', 1), view({ MNQ: 2 })).ok, true); // 3 ≤ 3
});

test('a long and a short of correlated instruments offset', () => {
  assert.is(contracts.check(order('ES', 'sell', 2), view({ MNQ: 2 })).ok, true); // 2 − 2 = 0
  assert.is(contracts.check(order('ES', 'sell', 5), view({ MNQ: 2 })).ok, true); // |2 − 5| = 3
  assert.is(contracts.check(order('ES', 'sell', 6), view({ MNQ: 2 })).ok, false); // |2 − 6| = 4
});

test('uncorrelated (0.1) and unknown (NaN) instruments are not pooled', () => {
  assert.is(contracts.check(order('MGC', 'buy', 3), view({ MNQ: 3, ES: 0 })).ok, true);
  assert.is(contracts.check(order('MGC', 'buy', 4), view({})).ok, false); // the instrument alone is over the cap
  assert.is(contracts.check(order('ZN', 'buy', 1), view({ MGC: 3 })).ok, true);
});

test('a negatively correlated instrument counts with its sign flipped (a hedge offsets)', () => {
  // Long 3 MNQ, long 3 ZN with ρ = −0.8: pooled |3 − 3| = 0.
  assert.is(contracts.check(order('ZN', 'buy', 3), view({ MNQ: 3 })).ok, true);
  // Short ZN adds to long MNQ: |3 + 1| = 4.
  assert.is(contracts.check(order('ZN', 'sell', 1), view({ MNQ: 3 })).ok, false);
});

test('an order that brings the pool down always passes, even above the cap', () => {
  // Pool MNQ 3 + ES 2 = 5 > 3; selling 1 ES brings it to 4: allowed.
  assert.is(contracts.check(order('ES', 'sell', 1), view({ MNQ: 3, ES: 2 })).ok, true);
  assert.is(contracts.check(order('ES', 'buy', 1), view({ MNQ: 3, ES: 2 })).ok, false);
});

test('working orders on the same side count (worst case)', () => {
  // MNQ +1, 1 more MNQ working on the buy side; order buys 1 MNQ with ES +1: 1 + 1 + 1 + 1 = 4.
  assert.is(contracts.check(order('MNQ', 'buy', 1), view({ MNQ: 1, ES: 1 }, { pending: { MNQ: 1 } })).ok, false);
  assert.is(contracts.check(order('MNQ', 'buy', 1), view({ MNQ: 1, ES: 1 })).ok, true);
});

test('currency unit: contracts × price × point value', () => {
  // MNQ: point value 2 -> +1 @ 20000 = 40000. ES: point value 50 -> +1 @ 5000 = 250000. Pool 290000.
  const prices = { MNQ: 20_000, ES: 5_000 };
  const tight = new CorrelatedExposureRule({ correlations: source, threshold: 0.7, maxExposure: 200_000, unit: 'currency' });
  const loose = new CorrelatedExposureRule({ correlations: source, threshold: 0.7, maxExposure: 300_000, unit: 'currency' });
  const d = tight.check(order('ES', 'buy', 1), view({ MNQ: 1 }, { prices }));
  assert.is(d.ok, false);
  if (!d.ok) assert.match(d.message, /290000\.00 > cap 200000\.00/);
  assert.is(loose.check(order('ES', 'buy', 1), view({ MNQ: 1 }, { prices })).ok, true);
});

test('bad options are a ConfigError', () => {
  assert.throws(() => new CorrelatedExposureRule({ correlations: source, threshold: 1.5, maxExposure: 1, unit: 'contracts' }), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => new CorrelatedExposureRule({ correlations: source, threshold: 0.5, maxExposure: -1, unit: 'contracts' }), (e: unknown) => e instanceof ConfigError);
});

test('wired into a suite: reads the live portfolio correlations; denials land in results.risk', async () => {
  const { runBacktest } = await import('../../framework/suite/backtest.ts');
  const { loadStrategy } = await import('../../framework/suite/load-strategy.ts');
  const { syntheticData } = await import('../suite/suite-fixtures.ts');
  const data = syntheticData(['MNQ', 'ES'], 3000, 3);
  const { cls, name } = await loadStrategy('pairs-spread');
  let rule: CorrelatedExposureRule | undefined;
  const out = await runBacktest({
    strategy: { cls, name, params: { ...cls.defaults, lookback: 60, sizeA: 2, sizeB: 1 } },
    series: ['MNQ', 'ES'].map((s) => ({ columns: data[s], instrument: resolveInstrument(s) })),
    startingCash: 100_000,
    onSuite: (suite) => {
      // threshold 0: every instrument with a known correlation is pooled; cap 1 contract.
      rule = new CorrelatedExposureRule({ correlations: suite.portfolio, threshold: 0, maxExposure: 1, unit: 'contracts' });
      const r = rule;
      suite.orders.risk = { checkSubmit: (cmd, v) => r.check(cmd, v) };
    },
  });
  const denied = out.results.risk.filter((r) => r.rule === 'correlated-exposure');
  // Every 2-lot MNQ entry is over the cap on its own; the 1-lot ES leg passes.
  assert.ok(denied.length > 0);
  assert.ok(denied.every((d) => d.symbol === 'MNQ'));
  assert.ok(out.results.trades.every((t) => t.symbol === 'ES' && t.size === 1));
  await out.suite.cleanup();
});

test.run();
