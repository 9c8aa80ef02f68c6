import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Bar } from '../../framework/model/market-data.ts';
import { makeInstrument } from '../../framework/model/instrument.ts';
import { PortfolioStrategy, type PortfolioContext } from '../../framework/strategy/portfolio-strategy.ts';
import { runBacktest } from '../../framework/suite/backtest.ts';
import { T0, handSeries } from './suite-fixtures.ts';

const A = makeInstrument({ symbol: 'AAA', tickSize: 0.25, tickValue: 0.5 });
const B = makeInstrument({ symbol: 'BBB', tickSize: 0.25, tickValue: 12.5 });
// AAA has bars at minutes 0, 1, 2, 4; BBB at 0, 2, 3, 4 (rows: minute, open, close).
const SA = handSeries('AAA', [[0, 100, 101], [1, 101, 102], [2, 102, 103], [4, 104, 105]]);
const SB = handSeries('BBB', [[0, 50, 51], [2, 52, 53], [3, 53, 54], [4, 54, 55]]);

interface Seen {
  minute: number;
  symbols: string[];
  lastCloses: (number | undefined)[];
  fillsSoFar: number;
}

class Recorder extends PortfolioStrategy<{ buyAt: number }> {
  static override defaults = { buyAt: 0 };
  static groups: Seen[] = [];
  static started = 0;
  static stopped = 0;
  static fills: string[] = [];
  override onStart(p: PortfolioContext): void {
    Recorder.started++;
    assert.equal(p.symbols(), ['AAA', 'BBB']);
  }
  onBars(bars: readonly Bar[], p: PortfolioContext): void {
    const minute = (bars[0].tsMs - T0) / 60_000;
    for (const b of bars) assert.is(b.tsMs, bars[0].tsMs);
    Recorder.groups.push({
      minute,
      symbols: bars.map((b) => b.symbol),
      // The contexts already processed these bars: their windows end with them.
      lastCloses: p.symbols().map((s) => p.get(s).bars.last?.close),
      fillsSoFar: p.get('AAA').position.size,
    });
    if (minute === this.params.buyAt) p.get('AAA').market('buy', 2);
  }
  override onFill(fill: { symbol: string; price: number; tsMs: number }): void {
    Recorder.fills.push(`${fill.symbol} ${fill.price} @${(fill.tsMs - T0) / 60_000}`);
  }
  override onStop(): void {
    Recorder.stopped++;
  }
}

test('onBars: once per timestamp, all bars of that timestamp in instrument order, after the contexts', async () => {
  const out = await runBacktest({ strategy: { cls: Recorder, name: 'recorder', params: { buyAt: 0 } }, series: [{ columns: SA, instrument: A }, { columns: SB, instrument: B }], startingCash: 10_000 });
  assert.equal(
    Recorder.groups.map((g) => [g.minute, g.symbols]),
    [
      [0, ['AAA', 'BBB']],
      [1, ['AAA']],
      [2, ['AAA', 'BBB']],
      [3, ['BBB']],
      [4, ['AAA', 'BBB']],
    ],
  );
  assert.equal(Recorder.groups[0].lastCloses, [101, 51]);
  assert.equal(Recorder.groups[1].lastCloses, [102, 51]);
  assert.equal(Recorder.groups[3].lastCloses, [103, 54]);
  // Bought at minute 0: the venue fills it on AAA's next bar (minute 1) at its open, before onBars(1).
  assert.equal(Recorder.fills, ['AAA 101 @1']);
  assert.is(Recorder.groups[0].fillsSoFar, 0);
  assert.is(Recorder.groups[1].fillsSoFar, 2);
  assert.is(Recorder.started, 1);
  assert.is(Recorder.stopped, 1);
  // One results file with the portfolio section; the run is named after the portfolio strategy.
  const pf = out.results.portfolio as { instruments: { symbol: string; contracts: number; exposure: number }[]; correlation: { symbols: string[] } };
  assert.equal(pf.correlation.symbols, ['AAA', 'BBB']);
  // Long 2 AAA marked at the last close 105, point value 2: 2 × 105 × 2 = 420.
  assert.equal(pf.instruments.map((i) => [i.symbol, i.contracts, i.exposure]), [['AAA', 2, 420], ['BBB', 0, 0]]);
  assert.is(out.results.run.strategy, 'recorder');
  await out.suite.cleanup();
});

class Thrower extends PortfolioStrategy {
  static calls = 0;
  onBars(): void {
    Thrower.calls++;
    throw new Error('portfolio bug');
  }
}

test('a throwing portfolio strategy is isolated and counted', async () => {
  const lines: string[] = [];
  const out = await runBacktest({ strategy: { cls: Thrower, name: 'thrower', params: {} }, series: [{ columns: SA, instrument: A }, { columns: SB, instrument: B }], startingCash: 10_000, log: (l) => lines.push(l) });
  assert.is(Thrower.calls, 5);
  assert.equal(out.results.run.errors, { strategy: { portfolio: 5 }, handlers: {} });
  assert.is(lines.length, 1);
  await out.suite.cleanup();
});

test.run();
