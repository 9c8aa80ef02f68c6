import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import type { ResultsFile } from '../../framework/model/results.ts';
import { runBacktest } from '../../framework/suite/backtest.ts';
import { loadStrategy } from '../../framework/suite/load-strategy.ts';
import { syntheticData } from './suite-fixtures.ts';

const SYMS = ['MNQ', 'ES', 'MGC'];

function withoutTiming(r: ResultsFile): string {
  return JSON.stringify({ ...r, run: { ...r.run, timing: null } });
}

async function run(strategy: string, params: Record<string, number | string | boolean>): Promise<ResultsFile> {
  const data = syntheticData(SYMS, 3000, 11); // fresh arrays each run
  const { cls, name } = await loadStrategy(strategy);
  const out = await runBacktest({
    strategy: { cls, name, params: { ...cls.defaults, ...params } },
    series: SYMS.map((s) => ({ columns: data[s], instrument: resolveInstrument(s) })),
    startingCash: 100_000,
    fill: { commissionPerContract: 0.37, slippageTicks: 1 },
  });
  await out.suite.cleanup();
  return out.results;
}

test('3-instrument portfolio run (pairs-spread): two runs give identical results apart from run.timing', async () => {
  const a = await run('pairs-spread', { lookback: 60 });
  const b = await run('pairs-spread', { lookback: 60 });
  assert.ok(a.trades.length > 0, 'the fixture should trade');
  assert.is(withoutTiming(a), withoutTiming(b));
  const pf = a.portfolio as { correlation: { symbols: string[]; matrix: number[][] }; var: Record<string, unknown> };
  assert.equal(pf.correlation.symbols, SYMS);
  assert.is(pf.correlation.matrix.length, 3);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) assert.is(pf.correlation.matrix[i][j], pf.correlation.matrix[j][i]);
  for (const k of ['hist95', 'hist99', 'param95', 'param99']) assert.ok(k in pf.var);
  // Only the first two instruments are legs.
  assert.ok(a.trades.every((t) => t.symbol === 'MNQ' || t.symbol === 'ES'));
});

test('3-instrument per-instrument run (sma-cross): deterministic, one results file with a portfolio section', async () => {
  const a = await run('sma-cross', {});
  const b = await run('sma-cross', {});
  assert.is(withoutTiming(a), withoutTiming(b));
  assert.equal(Object.keys(a.bars), SYMS);
  assert.ok(a.portfolio !== undefined);
});

test.run();
