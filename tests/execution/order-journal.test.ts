import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runBacktest } from '../../framework/suite/backtest.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { syntheticBars } from '../../framework/store/synthetic-bars.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';
import { Strategy, type Bar, type StrategyContext } from '../../framework/index.ts';
import type { Order } from '../../framework/model/order.ts';
import { FillJournal, OrderJournal, TradeJournal } from '../../framework/model/journal.ts';
import { Order as OrderClass } from '../../framework/model/order.ts';
import { writeOrderRecord } from '../../framework/suite/results-json.ts';
import { JsonSink, jsonText } from '../../framework/core/json-bytes.ts';
import { SeededRandom } from '../../framework/core/rng.ts';
import { writeJsonFileAtomic } from '../../framework/store/results-writer.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every kind of order, often: brackets, OCO exits, cancels, rejections, tags with odd characters. */
function busy(kept: Order[]) {
  return class Busy extends Strategy<Record<string, never>> {
    static override defaults = {};
    private i = 0;
    override onBar(bar: Bar, ctx: StrategyContext): void {
      const i = this.i++;
      const k = i % 12;
      const tick = ctx.instrument.tickSize;
      if (k === 0) kept.push(ctx.market(ctx.position.size > 0 ? 'sell' : 'buy', 1 + (i % 3), { tag: `m "${i}" \\ é` }));
      else if (k === 3) kept.push(ctx.limit('buy', 1, bar.close - 4 * tick));
      else if (k === 5) ctx.cancelAll();
      else if (k === 6) kept.push(ctx.bracket({ side: 'buy', size: 1, stopTicks: 6, targetTicks: 6, tag: 'b' }));
      else if (k === 8) kept.push(ctx.stopLimit('sell', 1, bar.low - 2 * tick, bar.low - 3 * tick));
      else if (k === 9) kept.push(ctx.market('buy', 0));
      else if (k === 10) kept.push(ctx.trailingStop('sell', 1, 5));
      else if (k === 11) ctx.flatten('flat');
    }
  };
}

test('orders swept into the journal come back equal: results, history, lookups by id', async () => {
  const ins = resolveInstrument('MNQ');
  const columns = syntheticBars({ symbol: 'MNQ', bars: 6000, seed: 5, startMs: Date.parse('2024-03-03T23:00:00Z'), tickSize: ins.tickSize, startPrice: 18000, session: CME_GLOBEX_SESSION });
  const kept: Order[] = [];
  const out = await runBacktest({ strategy: { cls: busy(kept) as never, name: 'busy', params: {} }, series: [{ columns, instrument: ins }], startingCash: 1e6, fill: { commissionPerContract: 0.5, slippageTicks: 1 }, log: () => {} });
  const om = out.suite.orders;
  assert.ok(om.orders.length > 1500, `${om.orders.length} orders`);
  const statuses = new Set(out.results.orders.map((o) => o.status));
  for (const s of ['filled', 'cancelled', 'rejected']) assert.ok(statuses.has(s as never), s);
  // The strategy's own Order objects (never swept: they are the live ones it holds) against what the
  // manager gives back, swept or not.
  let swept = 0;
  for (const o of kept) {
    const back = om.get(o.clientOrderId)!;
    assert.ok(back !== undefined, o.clientOrderId);
    if (back !== o) swept++;
    assert.equal({ ...back, log: back.history }, { ...o, log: o.history }, o.clientOrderId);
  }
  assert.ok(swept > 1000, `${swept} came back from the journal`);
  const byId = new Map(kept.map((o) => [o.clientOrderId, o]));
  for (const rec of out.results.orders) {
    const o = byId.get(rec.clientOrderId);
    if (o === undefined) continue; // bracket children and flatten orders
    assert.is(rec.status, o.status);
    assert.equal(rec.history, o.history);
    assert.is(rec.avgFillPrice, Number.isNaN(o.avgFillPrice) ? null : Math.round(o.avgFillPrice * 1e6) / 1e6);
  }
  assert.is(om.get('nope'), undefined);
  // The results file writes swept orders from the journal's columns: byte-identical to JSON.stringify.
  const dir = mkdtempSync(join(tmpdir(), 'pxt-journal-'));
  const file = join(dir, 'r.json');
  writeJsonFileAtomic(file, out.results as unknown as Record<string, unknown>);
  const text = readFileSync(file, 'utf8');
  assert.is(text, `${JSON.stringify(out.results)}\n`);
  rmSync(dir, { recursive: true, force: true });
});

test('fill and trade journals give back the records they were given', () => {
  const fills = new FillJournal();
  const f1 = { fillId: 'F1', clientOrderId: 'O1', symbol: 'ES', side: 'buy' as const, size: 2, price: 5000.25, tsMs: 1_700_000_000_000, fee: 0.74 };
  const f2 = { ...f1, fillId: 'F2', symbol: 'MNQ', side: 'sell' as const, venueTradeId: 'T7' };
  fills.push(f1);
  fills.push(f2);
  assert.is(fills.length, 2);
  assert.equal(fills.at(0), f1);
  const { venueTradeId: _v, ...f2rec } = f2;
  assert.equal(fills.at(1), f2rec, 'the results record has no venue trade id');
  assert.equal(fills.fill(1), f2);
  assert.throws(() => fills.at(2), /fill 2 of 2/);
  const trades = new TradeJournal();
  const t = { symbol: 'ES', side: 'short' as const, size: 1, entryMs: 1, entryPrice: 5000, exitMs: 2, exitPrice: 4999.75, pnl: 11.76, fees: 0.74, mae: -12.5, mfe: 25, riskAmount: null, pnlTicks: 1 };
  trades.push(t);
  trades.push({ ...t, riskAmount: 62.5 });
  assert.equal(trades.toArray(), [t, { ...t, riskAmount: 62.5 }]);
  assert.equal([...trades], trades.toArray(), 'iterable');
  assert.equal([...fills].length, 2);
  assert.equal(Object.keys(trades.at(0)), Object.keys(t));
  // json(i) is JSON.stringify(at(i)), byte for byte, odd strings and numbers included.
  fills.push({ ...f1, fillId: 'F"3\\', symbol: 'É\u2028', price: -0, fee: Number.NaN, tsMs: 99_999_999.5 });
  trades.push({ ...t, symbol: 'x"y', pnl: -1e21, mae: 5e-7, entryMs: 1e16 - 2, exitMs: 100_000_000 });
  for (let i = 0; i < fills.length; i++) assert.is(fills.json(i), JSON.stringify(fills.at(i)));
  for (let i = 0; i < trades.length; i++) assert.is(trades.json(i), JSON.stringify(trades.at(i)));
});

test('fill and trade journals write ranges of records in one loop, byte for byte as JSON.stringify, odd records included', () => {
  const fills = new FillJournal();
  const trades = new TradeJournal();
  const rng = new SeededRandom(3);
  const odd = [-0, Number.NaN, Infinity, -1e21, 5e-7, 0.1 + 0.2, 1e16 - 2, -(2 ** 31), 2 ** 31, 99_999_999.5, -14.74, 21_000.25];
  const pick = (i: number, normal: number): number => (i % 7 === 3 ? odd[i % odd.length] : normal);
  for (let i = 0; i < 9_000; i++) {
    const r = rng.next();
    // Ids: plain prefixes and numbers (packed), then ones the codec keeps as strings.
    const fillId = i % 997 === 5 ? `F"${i}\\` : i % 499 === 7 ? `F0${i}` : `F${i + 1}`;
    const clientOrderId = i % 613 === 11 ? `é${i}` : i % 401 === 2 ? `${i}` : `O${i + 1}`;
    const symbol = i % 1500 === 0 ? `S${i} "q"` : i % 2 === 0 ? 'MNQ' : 'ES';
    fills.push({ fillId, clientOrderId, symbol, side: r < 0.5 ? 'buy' : 'sell', size: 1 + (i % 4), price: pick(i, 5000 + Math.round(r * 400) / 4), tsMs: pick(i + 1, 1_700_000_000_000 + i * 60_000), fee: pick(i + 2, 0.37 * (1 + (i % 4))) });
    trades.push({ symbol, side: r < 0.5 ? 'long' : 'short', size: 1 + (i % 3), entryMs: 1_700_000_000_000 + i * 60_000, entryPrice: pick(i, 5000.25), exitMs: pick(i + 3, 1_700_000_060_000 + i * 60_000), exitPrice: 4999.75, pnl: pick(i + 4, Math.round((r - 0.5) * 10_000) / 100), fees: 0.74, mae: pick(i + 5, -12.5), mfe: 25, riskAmount: i % 5 === 0 ? null : pick(i + 6, 62.5), pnlTicks: Math.round((r - 0.5) * 40) });
  }
  const joined = (n: number, json: (i: number) => string, from: number, to: number): string => {
    const parts: string[] = [];
    for (let i = from; i < Math.min(to, n); i++) parts.push(json(i));
    return parts.join(',');
  };
  for (const [from, to] of [[0, 9_000], [0, 1], [4_095, 4_100], [8_999, 9_000], [17, 17]]) {
    const out = new JsonSink(16); // grows as it goes
    fills.writeJsonRange(out, from, to);
    assert.is(out.toString(), joined(fills.length, (i) => JSON.stringify(fills.at(i)), from, to), `fills ${from}-${to}`);
    out.reset();
    trades.writeJsonRange(out, from, to);
    assert.is(out.toString(), joined(trades.length, (i) => JSON.stringify(trades.at(i)), from, to), `trades ${from}-${to}`);
  }
  assert.throws(() => fills.writeJsonRange(new JsonSink(), 0, 9_001), /fill 9000 of 9000/);
});

test('order journal across its blocks: scattered creation indexes, histories kept whole, too-long ones refused', () => {
  const j = new OrderJournal();
  const put: OrderClass[] = [];
  // Creation indexes out of order and far apart (blocks of 4096 orders); some histories long enough
  // (1500 to 3000 entries) that an order's entries would cross a block of 8192: they start the next one.
  const indexes = Array.from({ length: 9000 }, (_, k) => (k * 7919) % 12000);
  for (const [n, i] of indexes.entries()) {
    const o = OrderClass.fromCommand({ clientOrderId: `O${i + 1}`, symbol: n % 2 ? 'ES' : 'MNQ', side: n % 3 ? 'buy' : 'sell', type: n % 5 ? 'market' : 'limit', size: 1 + (n % 4), limitPrice: n % 5 ? undefined : 5000.25, tag: n % 11 ? undefined : `t${n}` }, 1_700_000_000_000 + i * 60_000);
    o.transition('submitted', o.createdMs);
    o.transition('working', o.createdMs);
    const notes = n % 997 === 0 ? 1500 + (n % 1500) : 0;
    for (let k = 0; k < notes; k++) o.note(o.createdMs + k, `modified ${k}`);
    o.applyFill(o.size, 5000.5 + (n % 8) * 0.25);
    o.transition('filled', o.createdMs + 60_000);
    assert.ok(j.put(i, o), `put ${o.clientOrderId}`);
    put.push(o);
  }
  for (const o of put) {
    const i = Number(o.clientOrderId.slice(1)) - 1;
    const back = OrderClass.restore(j.get(i)!);
    assert.equal({ ...back, log: back.history }, { ...o, log: o.history }, o.clientOrderId);
    assert.is(j.json(i), jsonText((out) => writeOrderRecord(o, out)), o.clientOrderId);
  }
  assert.is(j.get(11_999 + 1), undefined);
  const huge = OrderClass.fromCommand({ clientOrderId: 'O99999', symbol: 'ES', side: 'buy', type: 'market', size: 1 }, 0);
  for (let k = 0; k < 9000; k++) huge.note(k, 'm');
  huge.transition('cancelled', 9000);
  assert.not.ok(j.put(20_000, huge), 'a history longer than a block stays a live order');
});

test.run();
