import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Bar } from '../../framework/model/market-data.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { Strategy } from '../../framework/strategy/strategy.ts';
import type { StrategyContext } from '../../framework/strategy/strategy-context.ts';
import { runBacktest } from '../../framework/suite/backtest.ts';
import { TradingSuite } from '../../framework/suite/trading-suite.ts';
import { captureLog, syntheticData } from './suite-fixtures.ts';

const DATA = syntheticData(['MNQ', 'ES', 'MGC'], 400);

/** Buys on every 20th bar, sells on every 20th + 10: some fills on every instrument. */
class Toggler extends Strategy<{ every: number }> {
  static override defaults = { every: 20 };
  n = 0;
  onBar(_bar: Bar, ctx: StrategyContext): void {
    this.n++;
    if (this.n % this.params.every === 0 && ctx.position.isFlat) ctx.market('buy', 1);
    else if (this.n % this.params.every === this.params.every / 2 && ctx.position.isLong) ctx.market('sell', 1);
  }
}

/** Throws on MNQ every 7th bar (after trading), trades normally elsewhere. */
class ThrowsOnMnq extends Toggler {
  override onBar(bar: Bar, ctx: StrategyContext): void {
    super.onBar(bar, ctx);
    if (ctx.symbol === 'MNQ' && this.n % 7 === 0) throw new Error(`boom at bar ${this.n}`);
  }
}

const series = (syms: string[]) => syms.map((s) => ({ columns: DATA[s], instrument: resolveInstrument(s) }));

test('a throwing bus handler on one instrument stops neither the others nor the run', async () => {
  const seen: Record<string, number> = { MNQ: 0, ES: 0, MGC: 0, mnqLow: 0 };
  const { lines, log } = captureLog();
  const suite = await TradingSuite.create({ instruments: ['MNQ', 'ES', 'MGC'], mode: 'backtest', data: DATA, log });
  let thrown = 0;
  const mnq = suite.get('MNQ');
  mnq.bus.onHandlerError = (e) => {
    thrown++;
    mnq.bus.errors.push(e);
  };
  mnq.bus.on('bar', () => {
    throw new Error('handler bug');
  }, 10);
  mnq.bus.on('bar', () => seen.mnqLow++, 0); // lower priority, same bus: still called
  for (const s of ['MNQ', 'ES', 'MGC']) suite.get(s).bus.on('bar', () => seen[s]++);
  await suite.run();
  suite.finish();
  assert.equal(seen, { MNQ: 400, ES: 400, MGC: 400, mnqLow: 400 });
  assert.is(thrown, 400);
  assert.equal(suite.errorCounts(), { strategy: {}, handlers: { MNQ: 400 } });
  assert.is(lines.length, 0);
  await suite.cleanup();
});

test('a handler on one instrument never sees another instrument\'s events', async () => {
  const suite = await TradingSuite.create({ instruments: ['MNQ', 'ES', 'MGC'], mode: 'backtest', data: DATA, strategy: { cls: Toggler, name: 'toggler', params: { every: 20 } } });
  const symbolsSeen: Record<string, Set<string>> = {};
  for (const ctx of suite) {
    const set = (symbolsSeen[ctx.symbol] = new Set());
    ctx.bus.on('bar', (b) => set.add(b.symbol));
    ctx.bus.on('order', (o) => set.add(o.symbol));
    ctx.bus.on('fill', (f) => set.add(f.fill.symbol));
    ctx.bus.on('trade-closed', (t) => set.add(t.symbol));
  }
  const portfolioFills = new Set<string>();
  const positions: { symbol: string; size: number }[] = [];
  suite.bus.on('fill', (f) => portfolioFills.add(f.fill.symbol));
  suite.bus.on('position', (p) => positions.push({ symbol: p.symbol, size: p.size }));
  await suite.run();
  suite.finish();
  for (const s of ['MNQ', 'ES', 'MGC']) assert.equal([...symbolsSeen[s]], [s]);
  // The portfolio bus carries every instrument's fills and a position change per fill.
  assert.equal([...portfolioFills].sort(), ['ES', 'MGC', 'MNQ']);
  assert.is(positions.length, suite.orders.fills.length);
  assert.ok(positions.every((p) => p.size === 0 || p.size === 1));
  await suite.cleanup();
});

test('a strategy that throws on one instrument: isolated, logged once, counted in results; the others trade on', async () => {
  const { lines, log } = captureLog();
  const bad = await runBacktest({ strategy: { cls: ThrowsOnMnq, name: 'throws', params: { every: 20 } }, series: series(['MNQ', 'ES', 'MGC']), startingCash: 100_000, log });
  const good = await runBacktest({ strategy: { cls: Toggler, name: 'toggler', params: { every: 20 } }, series: series(['MNQ', 'ES', 'MGC']), startingCash: 100_000, log: () => {} });
  // floor(400 / 7) = 57 throws on MNQ, none elsewhere.
  assert.equal(bad.results.run.errors, { strategy: { MNQ: 57 }, handlers: {} });
  assert.is(lines.length, 1);
  assert.match(lines[0], /strategy throws threw in onBar on MNQ: boom at bar 7 \(isolated/);
  // The throw came after the strategy's orders, so every instrument traded exactly as without it.
  assert.equal(bad.results.trades, good.results.trades);
  assert.is(good.results.run.errors, undefined);
  await bad.suite.cleanup();
  await good.suite.cleanup();
});

test('single-instrument results keep their shape (no portfolio section, no errors key)', async () => {
  const out = await runBacktest({ strategy: { cls: Toggler, name: 'toggler', params: { every: 20 } }, series: series(['MNQ']), startingCash: 100_000 });
  assert.is(out.results.portfolio, undefined);
  assert.not.ok('errors' in out.results.run);
  await out.suite.cleanup();
});

test.run();
