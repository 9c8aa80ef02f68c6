import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidOrderTransitionError } from '../../framework/core/errors.ts';
import type { FillModelOptions } from '../../framework/execution/simulated/fill-model.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { Order } from '../../framework/model/order.ts';
import type { OrderRecord, ResultsFile } from '../../framework/model/results.ts';
import { runBacktest } from '../../framework/suite/backtest.ts';
import type { StrategyClass } from '../../framework/strategy/strategy.ts';
import BreakoutBracket from '../../strategies/breakout-bracket.ts';
import { columns, scripted, type Row, type Script } from '../risk/risk-harness.ts';

// Every order type and position exit through the StrategyContext against the SimulatedBroker.
// MNQ: tick 0.25 = $0.50, $2 a point. Bars one minute apart; an order fills from the next bar on.

async function run(rows: readonly Row[], script: Script, fill: Partial<FillModelOptions> = {}, cls?: StrategyClass, params = {}): Promise<ResultsFile> {
  const out = await runBacktest({
    strategy: { cls: cls ?? scripted(script), name: 'scripted', params },
    series: [{ columns: columns('MNQ', rows), instrument: resolveInstrument('MNQ') }],
    startingCash: 100_000,
    fill,
  });
  await out.suite.cleanup();
  return out.results;
}

const brief = (o: OrderRecord) => `${o.clientOrderId} ${o.type} ${o.side} ${o.size} ${o.status}${o.avgFillPrice !== null ? ` @${o.avgFillPrice}` : ''}`;

test('flatten cancels working orders and closes at market', async () => {
  const r = await run([21000, 21000, 21000, 21001], (i, _b, ctx) => {
    if (i === 0) ctx.market('buy', 2);
    if (i === 1) {
      ctx.limit('buy', 1, 20990);
      ctx.flatten();
    }
  });
  assert.equal(r.orders.map(brief), ['O1 market buy 2 filled @21000', 'O2 limit buy 1 cancelled', 'O3 market sell 2 filled @21000']);
  assert.is(r.orders[2].tag, 'flatten');
  assert.is(r.final.openPositions.length, 0);
});

test('reverse closes and opens the same size the other way; closePosition closes part or all', async () => {
  const r = await run([21000, 21000, 21002, 21004, 21004, 21004], (i, _b, ctx) => {
    if (i === 0) ctx.market('buy', 2);
    if (i === 1) ctx.reverse();
    if (i === 2) ctx.closePosition(1);
    if (i === 3) ctx.closePosition();
  });
  assert.equal(r.orders.map(brief), ['O1 market buy 2 filled @21000', 'O2 market sell 4 filled @21002', 'O3 market buy 1 filled @21004', 'O4 market buy 1 filled @21004']);
  assert.equal(r.trades.map((t) => `${t.side} ${t.size} ${t.entryPrice}->${t.exitPrice} ${t.pnl}`), ['long 2 21000->21002 8', 'short 2 21002->21004 -8']);
});

test('addStopLoss and addTakeProfit on an open position, from its average price', async () => {
  const r = await run([21000, 21000, [21000, 21003, 20999, 21002], [21002, 21002.5, 20997, 20998]], (i, _b, ctx) => {
    if (i === 0) ctx.market('buy', 1);
    if (i === 1) {
      const sl = ctx.addStopLoss({ ticks: 8 })!;
      const tp = ctx.addTakeProfit({ price: 21004 })!;
      ctx.oco(sl, tp);
    }
  });
  assert.equal(r.orders.map(brief), ['O1 market buy 1 filled @21000', 'O2 stop sell 1 filled @20998', 'O3 limit sell 1 cancelled']);
  assert.is(r.orders[1].stopPrice, 20998);
  assert.match(r.orders[2].history.at(-1)!.reason!, /OCO: O2 filled|position flat/);
  assert.is(r.trades[0].riskAmount, 4, 'R risk from the protective stop: 8 ticks × $0.50');
});

test('modify and cancel through the context; cancelAll', async () => {
  const r = await run([21000, 21000, [21000, 21000.5, 20994, 20995], 21000], (i, _b, ctx) => {
    if (i === 0) {
      const a = ctx.limit('buy', 1, 20990);
      ctx.limit('buy', 1, 20980);
      ctx.limit('sell', 1, 21010);
      assert.ok(ctx.modify(a, { limitPrice: 20995, size: 3 }));
    }
    if (i === 1) ctx.cancel(ctx.workingOrders()[1]);
    if (i === 2) ctx.cancelAll();
  });
  assert.equal(r.orders.map(brief), ['O1 limit buy 3 filled @20995', 'O2 limit buy 1 cancelled', 'O3 limit sell 1 cancelled']);
  assert.equal(r.orders[0].history.map((h) => h.reason ?? h.status), ['pending', 'submitted', 'working', 'modified', 'filled']);
});

test('bracket with a stop entry; target first under ohlc-path when it is nearer, stop first by default', async () => {
  const rows: Row[] = [21000, [21000, 21001, 20999.5, 21000.5], [21000.5, 21005.25, 20995, 21003]];
  const script: Script = (i, _b, ctx) => {
    if (i === 0) ctx.bracket({ side: 'buy', size: 1, entry: 'stop', price: 21001, stopTicks: 8, targetTicks: 16 });
  };
  // Bar 1 triggers the entry at 21001 (high 21001 >= stop): SL 20999, TP 21005, both reachable in bar 2.
  const pess = await run(rows, script);
  assert.equal(pess.orders.map(brief), ['O1 stop buy 1 filled @21001', 'O1.sl stop sell 1 filled @20999', 'O1.tp limit sell 1 cancelled']);
  const path = await run(rows, script, { intrabarPath: 'ohlc-path' });
  assert.equal(path.orders.map(brief), ['O1 stop buy 1 filled @21001', 'O1.sl stop sell 1 cancelled', 'O1.tp limit sell 1 filled @21005']);
});

test('volume cap: partial fills, and the bracket exits grow with the entry', async () => {
  // 1000 volume per bar × 0.002 = 2 contracts per bar.
  const r = await run([21000, 21000, 21000, 21000, [21000, 21000, 20990, 20990], 20990, 20990], (i, _b, ctx) => {
    if (i === 0) ctx.bracket({ side: 'buy', size: 5, stopTicks: 8, targetTicks: 16 });
  }, { volumeCapFraction: 0.002 });
  const entry = r.orders[0];
  assert.equal(entry.history.map((h) => h.status), ['pending', 'submitted', 'working', 'partially-filled', 'partially-filled', 'filled']);
  assert.equal(r.fills.filter((f) => f.clientOrderId === 'O1').map((f) => f.size), [2, 2, 1]);
  const sl = r.orders.find((o) => o.clientOrderId === 'O1.sl')!;
  assert.is(sl.size, 5, 'the stop grew to the whole position');
  assert.is(sl.status, 'filled');
  assert.equal(r.fills.filter((f) => f.clientOrderId === 'O1.sl').map((f) => f.size), [2, 2, 1], 'exits are capped too');
  assert.is(r.final.openPositions.length, 0);
});

test('bracket round trip PnL in ticks with commissions', async () => {
  const r = await run([21000, 21000, [21000, 21004.5, 20999.5, 21004]], (i, _b, ctx) => {
    if (i === 0) ctx.bracket({ side: 'buy', size: 3, stopTicks: 8, targetTicks: 16 });
  }, { commissionPerContract: 0.62 });
  const t = r.trades[0];
  assert.is(t.pnlTicks, 16);
  assert.is(t.fees, 3.72, '3 contracts × 2 sides × $0.62');
  assert.is(t.pnl, 16 * 0.5 * 3 - 3.72);
  assert.is(r.final.equity, 100_000 + 24 - 3.72);
});

test('illegal lifecycle transitions throw InvalidOrderTransitionError', () => {
  const o = Order.fromCommand({ clientOrderId: 'X1', symbol: 'MNQ', side: 'buy', type: 'market', size: 1 }, 0);
  assert.throws(() => o.transition('filled', 1), (e: unknown) => e instanceof InvalidOrderTransitionError);
  o.transition('submitted', 1);
  o.transition('working', 2);
  o.transition('filled', 3);
  assert.throws(() => o.transition('cancelled', 4), (e: unknown) => e instanceof InvalidOrderTransitionError);
  assert.equal(o.history.map((h) => h.status), ['pending', 'submitted', 'working', 'filled']);
});

test('breakout-bracket: long above the channel high, short below the low, one trade at a time', async () => {
  // lookback 3; bar 3 closes above the high of bars 0..2 (21001): long bracket, fills at bar 4's open.
  const rows: Row[] = [
    [21000, 21001, 20999, 21000],
    [21000, 21001, 20999, 21000],
    [21000, 21001, 20999, 21000],
    [21000, 21002, 20999.5, 21001.5], // close > 21001: buy
    [21001.5, 21002, 21001, 21001.5], // entry 21001.5; SL 20999.5, TP 21005.5
    [21001.5, 21006, 21001, 21002], // target; close not above 21002: no new entry
    [21002, 21002, 21001, 21001.5],
    [21001.5, 21001.5, 20990, 20991], // close < low of the 3 bars before (21001): sell
    [20991, 20992, 20990.5, 20991.5], // entry 20991; SL 20993, TP 20987
    [20991.5, 20994, 20991, 20993.5], // stop
  ];
  const r = await run(rows, () => {}, {}, BreakoutBracket as unknown as StrategyClass, { lookback: 3, stopTicks: 8, targetTicks: 16, size: 1 });
  assert.equal(r.orders.map(brief), [
    'O1 market buy 1 filled @21001.5',
    'O1.sl stop sell 1 cancelled',
    'O1.tp limit sell 1 filled @21005.5',
    'O2 market sell 1 filled @20991',
    'O2.sl stop buy 1 filled @20993',
    'O2.tp limit buy 1 cancelled',
  ]);
  assert.equal(r.trades.map((t) => `${t.side} ${t.pnlTicks}`), ['long 16', 'short -8']);
  for (const o of r.orders) assert.ok(o.history.length >= 4, `${o.clientOrderId} lists its lifecycle`);
});

test.run();
