import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError } from '../../framework/core/errors.ts';
import type { BarColumns } from '../../framework/model/bar-columns.ts';
import type { Instrument } from '../../framework/model/instrument.ts';
import { makeInstrument } from '../../framework/model/instrument.ts';
import { TradingSuite } from '../../framework/suite/trading-suite.ts';
import { captureLog, syntheticData } from './suite-fixtures.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore } from '../../framework/store/history-store.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import SmaCross from '../../strategies/sma-cross.ts';

const DATA = syntheticData(['MNQ', 'ES', 'MGC'], 300);

test('one failing symbol: the suite starts with the rest and reports it by name', async () => {
  const { lines, log } = captureLog();
  const data = { MNQ: DATA.MNQ, ES: DATA.ES }; // MGC has no data; XYZ is unknown
  const suite = await TradingSuite.create({ instruments: ['MNQ', 'XYZ', 'ES', 'MGC'], mode: 'backtest', data, log });
  assert.equal(suite.symbols(), ['MNQ', 'ES']);
  assert.equal(suite.setupFailures.map((f) => f.symbol), ['XYZ', 'MGC']);
  assert.match(suite.setupFailures[0].reason, /unknown instrument 'XYZ'/);
  assert.match(suite.setupFailures[1].reason, /no 1m data for MGC/);
  assert.is(lines.length, 1);
  assert.match(lines[0], /warning: running without XYZ .*MGC .*trading MNQ, ES/);
  await suite.run();
  suite.finish();
  assert.is(suite.account.barCount('MNQ'), 300);
  await suite.cleanup();
});

test('strict: any failure fails the whole suite, listing each', async () => {
  try {
    await TradingSuite.create({ instruments: ['MNQ', 'XYZ', 'MGC'], mode: 'backtest', data: { MNQ: DATA.MNQ }, strict: true, log: () => {} });
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, ConfigError);
    assert.match((e as Error).message, /2 instrument\(s\) failed to set up: XYZ \(unknown instrument 'XYZ'\); MGC \(no 1m data for MGC\)/);
  }
});

test('every instrument failing is an error even when not strict', async () => {
  try {
    await TradingSuite.create({ instruments: ['XYZ'], mode: 'backtest', data: {}, log: () => {} });
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, ConfigError);
  }
});

test('instruments are set up in parallel; a throwing loader is a failure by name; order is kept', async () => {
  const events: string[] = [];
  const loader = async (ins: Instrument, tf: string): Promise<BarColumns> => {
    events.push(`start ${ins.symbol}`);
    await Promise.resolve();
    await Promise.resolve();
    events.push(`end ${ins.symbol}`);
    if (ins.symbol === 'ES') throw new Error('disk on fire');
    assert.is(tf, '1m');
    return DATA[ins.symbol];
  };
  const custom = makeInstrument({ symbol: 'MGC', tickSize: 0.1, tickValue: 1 });
  const suite = await TradingSuite.create({ instruments: ['MNQ', 'ES', custom], mode: 'backtest', data: loader, log: () => {} });
  // Every setup started before any finished (Promise.allSettled over all of them).
  assert.equal(events.slice(0, 3), ['start MNQ', 'start ES', 'start MGC']);
  assert.equal(suite.symbols(), ['MNQ', 'MGC']);
  assert.equal(suite.setupFailures, [{ symbol: 'ES', reason: 'disk on fire' }]);
  assert.is(suite.get('MGC').instrument, custom);
  await suite.cleanup();
});

test('container access: get/has/size/iteration/entries, only for a single instrument', async () => {
  const suite = await TradingSuite.create({ instruments: ['MNQ', 'ES'], mode: 'backtest', data: DATA });
  assert.is(suite.size, 2);
  assert.ok(suite.has('ES'));
  assert.not.ok(suite.has('MGC'));
  assert.is(suite.get('ES').symbol, 'ES');
  assert.equal([...suite].map((c) => c.symbol), ['MNQ', 'ES']);
  assert.equal(suite.entries().map(([s]) => s), ['MNQ', 'ES']);
  assert.equal(suite.contexts().map((c) => c.symbol), ['MNQ', 'ES']);
  assert.throws(() => suite.get('MGC'), (e: unknown) => e instanceof ConfigError);
  assert.throws(() => suite.only, (e: unknown) => e instanceof ConfigError);
  await suite.cleanup();
  const one = await TradingSuite.create({ instruments: ['MNQ'], mode: 'backtest', data: DATA });
  assert.is(one.only.symbol, 'MNQ');
  await one.cleanup();
});

test('paper/live need a preset (the mode is chosen in one place)', async () => {
  try {
    await TradingSuite.create({ instruments: ['MNQ'], mode: 'live' });
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, ConfigError);
    assert.match((e as Error).message, /mode 'live' needs a preset/);
  }
});

test('multi-timeframe: 5m bars built from the 1m series, complete as soon as their last minute closes', async () => {
  const suite = await TradingSuite.create({ instruments: ['MNQ'], timeframes: ['1m', '5m'], mode: 'backtest', data: DATA });
  const ctx = suite.get('MNQ');
  const seen: number[] = [];
  ctx.bus.on('bar', (b) => {
    // On the base bar that ends a 5-minute bucket, the 5m bar is already there.
    if ((b.tsMs + 60_000) % 300_000 === 0) seen.push(ctx.barsOf('5m').last!.tsMs);
  });
  await suite.run();
  suite.finish();
  const m = DATA.MNQ;
  const five = ctx.barsOf('5m');
  assert.ok(five.length > 0);
  const last = five.last!;
  // Recompute the last complete 5m bar from the 1m columns.
  let hi = -Infinity;
  let lo = Infinity;
  let open = Number.NaN;
  let close = Number.NaN;
  for (let i = 0; i < m.length; i++) {
    if (m.tsMs[i] < last.tsMs || m.tsMs[i] >= last.tsMs + 300_000) continue;
    if (Number.isNaN(open)) open = m.open[i];
    close = m.close[i];
    hi = Math.max(hi, m.high[i]);
    lo = Math.min(lo, m.low[i]);
  }
  assert.equal([last.open, last.high, last.low, last.close], [open, hi, lo, close]);
  assert.ok(seen.length > 0);
  for (const ts of seen) assert.is(ts % 300_000, 0);
  assert.is(ctx.barsOf('1m'), ctx.bars);
  assert.throws(() => ctx.barsOf('1h'), (e: unknown) => e instanceof ConfigError);
  await suite.cleanup();
});

test('streamed store sources (HistoryStore.open) run like in-memory columns, renamed and empty ones included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxt-create-'));
  try {
    const store = new HistoryStore(dir);
    for (const s of ['MNQ', 'ES']) store.save(DATA[s], { source: 'synthetic', tickSize: resolveInstrument(s).tickSize });
    const run = async (data: Parameters<typeof TradingSuite.create>[0]['data']) => {
      const suite = await TradingSuite.create({ instruments: ['MNQ', 'ES', 'MGC'], mode: 'backtest', data, strategy: { cls: SmaCross as never, name: 'sma-cross', params: { fast: 5, slow: 12, size: 1 } }, log: () => {} });
      await suite.run();
      suite.finish();
      const out = { symbols: suite.symbols(), failures: suite.setupFailures.map((f) => f.symbol), bars: suite.symbols().map((x) => suite.account.barCount(x)), trades: suite.orders.positions.trades.toArray(), equity: suite.account.equity() };
      await suite.cleanup();
      return out;
    };
    const inMemory = await run({ MNQ: DATA.MNQ, ES: DATA.ES });
    // A loader handing back sources; MGC's source is empty (a window with no bars): a failure by name.
    const streamed = await run((ins) => (ins.symbol === 'MGC' ? store.open('MNQ', '1m', { fromMs: 0, toMs: 1 }) : store.open(ins.symbol, '1m')));
    assert.equal(streamed, inMemory);
    assert.equal(inMemory.failures, ['MGC']);
    assert.ok(inMemory.trades.length > 5, `${inMemory.trades.length} trades`);
    // A series stored under another name is replayed under the instrument's symbol, streamed or not.
    const swappedStream = await run({ MNQ: store.open('ES', '1m'), ES: store.open('MNQ', '1m') });
    const swappedMemory = await run({ MNQ: DATA.ES, ES: DATA.MNQ });
    assert.equal(swappedStream, swappedMemory);
    assert.not.equal(swappedMemory.trades, inMemory.trades);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
