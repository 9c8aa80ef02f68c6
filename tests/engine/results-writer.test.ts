import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonFileAtomic } from '../../framework/store/results-writer.ts';
import { defineLazyArray, lazyArraySource } from '../../framework/core/lazy-array.ts';
import { runBacktest } from '../../framework/suite/backtest.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { syntheticBars } from '../../framework/store/synthetic-bars.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';
import SmaCross from '../../strategies/sma-cross.ts';
import BreakoutBracket from '../../strategies/breakout-bracket.ts';
import { scripted } from './scripted-strategy.ts';

test('chunked JSON writer is byte-identical to JSON.stringify, and leaves no temp file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxt-rw-'));
  const big = Array.from({ length: 4501 }, (_, i) => ({ id: `O${i}`, price: i / 4, nested: [i, { k: null }], u: undefined }));
  const value = { schema: 'x', empty: [], orders: big, small: [1, 2], skip: undefined, obj: { a: 1, b: [big[0]] }, n: null, s: 'é"\n' };
  const p = join(dir, 'r.json');
  writeJsonFileAtomic(p, value);
  assert.is(readFileSync(p, 'utf8'), `${JSON.stringify(value)}\n`);
  assert.equal(readdirSync(dir), ['r.json']);
});

test('a lazy array section is streamed as built records, and reading it builds the same array once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxt-rw-'));
  const src = Array.from({ length: 451 }, (_, i) => ({ n: i }));
  let built = 0;
  const make = (): Record<string, unknown> => {
    const v: Record<string, unknown> = { a: 1, orders: [], z: [] };
    defineLazyArray(v, 'orders', src, (s) => (built++, { id: `O${s.n}`, half: s.n / 2, none: null }));
    defineLazyArray(v, 'z', [], (s) => s);
    return v;
  };
  const lazy = make();
  const p = join(dir, 'lazy.json');
  writeJsonFileAtomic(p, lazy);
  assert.ok(lazyArraySource(lazy, 'orders') !== undefined, 'writing does not build the section');
  const text = readFileSync(p, 'utf8');
  const eager = make();
  const arr = eager.orders as unknown[];
  assert.is(arr.length, 451);
  assert.is(eager.orders, arr, 'built once, then a plain property');
  assert.is(lazyArraySource(eager, 'orders'), undefined);
  assert.is(text, `${JSON.stringify(eager)}\n`);
  assert.equal(Object.keys(eager), ['a', 'orders', 'z']);
  assert.equal({ ...make() }, JSON.parse(text));
  // With an element encoder: its text where it knows the element, JSON.stringify of the record where not.
  const withEnc: Record<string, unknown> = { orders: [] };
  defineLazyArray(withEnc, 'orders', src, (s) => ({ n: s.n }), (s, out) => (s.n % 3 === 0 ? false : (out.text(`{"n":${s.n}}`), true)));
  const p2 = join(dir, 'enc.json');
  writeJsonFileAtomic(p2, withEnc);
  assert.is(readFileSync(p2, 'utf8'), `${JSON.stringify({ orders: src.map((s) => ({ n: s.n })) })}\n`);
});

test('a backtest results file written with lazy orders equals JSON.stringify of the results', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxt-rw-'));
  const ins = resolveInstrument('MNQ');
  const columns = syntheticBars({ symbol: 'MNQ', bars: 3000, seed: 7, startMs: Date.parse('2024-01-07T23:00:00Z'), tickSize: ins.tickSize, startPrice: 17000, session: CME_GLOBEX_SESSION });
  const run = () => runBacktest({ strategy: { cls: SmaCross, name: 'sma-cross', params: { ...SmaCross.defaults } }, series: [{ columns, instrument: ins }], startingCash: 100_000, wallClock: () => 0, log: () => {} });
  const a = await run();
  const p = join(dir, 'a.json');
  writeJsonFileAtomic(p, a.results as unknown as Record<string, unknown>);
  const b = await run();
  assert.ok(b.results.orders.length > 50);
  assert.is(readFileSync(p, 'utf8'), `${JSON.stringify(b.results)}\n`);
  assert.equal(JSON.parse(readFileSync(p, 'utf8')).orders, b.results.orders);
});

test('the hand-written JSON of the orders equals JSON.stringify for every order kind', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxt-rw-'));
  const ins = resolveInstrument('MNQ');
  const columns = syntheticBars({ symbol: 'MNQ', bars: 4000, seed: 11, startMs: Date.parse('2024-01-07T23:00:00Z'), tickSize: ins.tickSize, startPrice: 17000, session: CME_GLOBEX_SESSION });
  const script: Record<number, (ctx: any, bar: any) => void> = {
    3: (ctx, bar) => ctx.limit('buy', 2, bar.close - 1, { tag: 'dip "quoted" \\ é\n' }),
    5: (ctx, bar) => ctx.stop('buy', 1, bar.high + 5, { tag: 'breakout' }),
    8: (ctx) => ctx.cancelAll?.(),
    10: (ctx) => ctx.market('buy', 3),
    12: (ctx, bar) => ctx.stopLimit('sell', 1, bar.low - 2, bar.low - 3),
    14: (ctx) => ctx.trailingStop('sell', 1, 8),
    20: (ctx, bar) => ctx.bracket({ side: 'buy', size: 1, stopTicks: 12, targetTicks: 12, tag: 'b' }),
    30: (ctx) => ctx.market('sell', 0),
    40: (ctx) => ctx.flatten?.(),
  };
  const runs = [
    { cls: BreakoutBracket, name: 'breakout-bracket', params: { ...BreakoutBracket.defaults } },
    { cls: scripted(script), name: 'scripted', params: {} },
  ];
  for (const strategy of runs) {
    const run = () => runBacktest({ strategy: strategy as any, series: [{ columns, instrument: ins }], startingCash: 100_000, fill: { commissionPerContract: 0.37, slippageTicks: 1 }, wallClock: () => 0, log: () => {} });
    const a = await run();
    const p = join(dir, `${strategy.name}.json`);
    writeJsonFileAtomic(p, a.results as unknown as Record<string, unknown>);
    const b = await run();
    assert.ok(b.results.orders.length > 3, strategy.name);
    assert.is(readFileSync(p, 'utf8'), `${JSON.stringify(b.results)}\n`, strategy.name);
  }
});

test.run();
