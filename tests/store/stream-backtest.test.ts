import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataArgs } from '../../framework/cli/backtest-command.ts';
import { DataError } from '../../framework/core/errors.ts';
import { isBarSeriesSource, type BarInput } from '../../framework/model/bar-columns.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import type { ResultsFile } from '../../framework/model/results.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';
import { ARROW_BATCH_ROWS, writeBarsArrow } from '../../framework/store/arrow-store.ts';
import { writeBarsCsv } from '../../framework/store/csv-bars.ts';
import { HistoryStore } from '../../framework/store/history-store.ts';
import { syntheticBars } from '../../framework/store/synthetic-bars.ts';
import { runBacktest } from '../../framework/suite/backtest.ts';
import { loadStrategy } from '../../framework/suite/load-strategy.ts';

const START_PRICE: Record<string, number> = { MNQ: 21000, ES: 6000, MGC: 2650 };
const BARS = 2 * ARROW_BATCH_ROWS + 20_000; // three batches per series
const T_START = Date.parse('2025-01-05T23:00:00Z');
const MIN = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'pxt-stream-bt-'));
const store = new HistoryStore(dir);
/**
 * In-memory series, also saved to the store. The later instruments start later on the same minute
 * grid, so their timestamps are equal where they overlap but their batch boundaries fall elsewhere.
 */
const mem = Object.fromEntries(
  ['MNQ', 'ES', 'MGC'].map((s, k) => {
    const ins = resolveInstrument(s);
    const c = syntheticBars({ symbol: s, bars: BARS, seed: 5 + k, startMs: T_START + k * 777 * MIN, tickSize: ins.tickSize, startPrice: START_PRICE[s], session: CME_GLOBEX_SESSION });
    store.save(c, { source: 'synthetic', tickSize: ins.tickSize });
    return [s, c];
  }),
);

function withoutTiming(r: ResultsFile): unknown {
  return { ...r, run: { ...r.run, timing: null } };
}

async function run(strategy: string, series: { columns: BarInput; symbol: string }[], window: { fromMs?: number; toMs?: number } = {}): Promise<{ results: ResultsFile; bars: number }> {
  const { cls, name } = await loadStrategy(strategy);
  const out = await runBacktest({
    strategy: { cls, name, params: { ...cls.defaults } },
    series: series.map((s) => ({ columns: s.columns, instrument: resolveInstrument(s.symbol) })),
    startingCash: 100_000,
    fill: { commissionPerContract: 0.37, slippageTicks: 1 },
    ...window,
  });
  await out.suite.cleanup();
  return { results: out.results, bars: out.bars };
}

async function assertSame(strategy: string, symbols: string[], window: { fromMs?: number; toMs?: number } = {}): Promise<void> {
  const a = await run(strategy, symbols.map((s) => ({ columns: mem[s], symbol: s })), window);
  const b = await run(strategy, symbols.map((s) => ({ columns: store.open(s, '1m'), symbol: s })), window);
  assert.ok(a.results.orders.length > 0, 'the fixture should trade');
  assert.is(b.bars, a.bars);
  assert.equal(withoutTiming(b.results), withoutTiming(a.results));
}

test('one instrument: a backtest streamed from the store equals the one on in-memory columns', async () => {
  await assertSame('sma-cross', ['MNQ']);
  const ts = mem.MNQ.tsMs;
  await assertSame('sma-cross', ['MNQ'], { fromMs: ts[ARROW_BATCH_ROWS - 3000], toMs: ts[2 * ARROW_BATCH_ROWS + 500] });
});

test('three instruments, equal timestamps, batch boundaries at different times: streamed equals in-memory', async () => {
  await assertSame('sma-cross', ['MNQ', 'ES', 'MGC']);
  await assertSame('pairs-spread', ['MNQ', 'ES', 'MGC']);
  const ts = mem.ES.tsMs;
  await assertSame('sma-cross', ['MGC', 'MNQ', 'ES'], { fromMs: ts[ARROW_BATCH_ROWS - 100] + 1, toMs: ts[ARROW_BATCH_ROWS + 100] });
});

test('an empty window is refused before the replay, streamed or not', async () => {
  const after = mem.MNQ.tsMs[BARS - 1] + 1;
  for (const columns of [mem.MNQ, store.open('MNQ', '1m')]) {
    try {
      await run('sma-cross', [{ columns, symbol: 'MNQ' }], { fromMs: after });
      assert.unreachable('should refuse');
    } catch (e) {
      assert.match((e as Error).message, /no bars in the selected window/);
    }
  }
});

test('a corrupt batch met during a streamed replay fails the run with the file and row', async () => {
  const bad = { ...mem.ES, close: mem.ES.close.slice() };
  bad.close[ARROW_BATCH_ROWS + 5] = bad.high[ARROW_BATCH_ROWS + 5] + 100;
  const path = join(dir, 'bad.arrow');
  writeBarsArrow(path, bad);
  const src = new HistoryStore(dir).resolveDataArg(path, 'ES').bars;
  try {
    await run('sma-cross', [{ columns: src, symbol: 'ES' }]);
    assert.unreachable('should fail');
  } catch (e) {
    assert.ok(e instanceof DataError, String(e));
    assert.is((e as DataError).file, path);
    assert.is((e as DataError).line, ARROW_BATCH_ROWS + 6);
  }
});

test('pxt backtest --data: stored symbols and .arrow files stream, CSV stays in memory', () => {
  const csv = join(dir, 'MNQ.csv');
  writeBarsCsv(csv, { ...mem.MNQ, length: 500, tsMs: mem.MNQ.tsMs.subarray(0, 500), open: mem.MNQ.open.subarray(0, 500), high: mem.MNQ.high.subarray(0, 500), low: mem.MNQ.low.subarray(0, 500), close: mem.MNQ.close.subarray(0, 500), volume: mem.MNQ.volume.subarray(0, 500) });
  const series = loadDataArgs({ data: ['MNQ', `NQ=${store.arrowPath('ES', '1m')}`, `MES=${csv}`], 'data-dir': dir });
  assert.equal(series.map((s) => [s.instrument.symbol, s.columns.symbol, s.columns.timeframe, s.source]), [
    ['MNQ', 'MNQ', '1m', 'store:MNQ:1m'],
    ['NQ', 'NQ', '1m', store.arrowPath('ES', '1m')],
    ['MES', 'MES', '1m', csv],
  ]);
  for (const s of series) assert.ok(isBarSeriesSource(s.columns));
  const chunks = (k: number) => {
    let n = 0;
    const it = series[k].columns.chunks();
    for (let r = it.next(); r.done !== true; r = it.next()) n++;
    return n;
  };
  assert.equal([chunks(0), chunks(1), chunks(2)], [3, 3, 1], 'stored and .arrow: batch by batch; CSV: one chunk');
  assert.equal(series.map((s) => s.columns.stats().bars), [BARS, BARS, 500]);
});

test.after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test.run();
