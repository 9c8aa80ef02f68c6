/**
 * The Broker contract (DESIGN.md §3 rule 11): the same order scenarios run against every Broker
 * implementation, through the OrderManager (brackets and OCO are client-managed, identical for every
 * broker). SimulatedBroker runs them now (simulated-broker.contract.test.ts); ProjectXBroker on the
 * local gateway plugs in with its own factory.
 *
 * How a factory drives the market: `drive(bars)` must make the venue see each bar, in order, as one
 * minute of MNQ trading and resolve once every broker event the bars cause has arrived. Bars start at
 * 2025-01-06T15:00Z (09:00 CT) and are one minute apart; orders are sent between bars (the clock reads
 * the start time of the last bar driven). A tick-driven venue (the gateway's replay) should play each bar
 * as trades open -> extreme adverse to the open position (flat: the nearer extreme) -> other extreme ->
 * close, which is the simulated venue's default path, so both produce the same fills. Scenarios that
 * depend on that intrabar order say so in their name ('path:'); a factory that cannot reproduce it may
 * skip them. `settle()` resolves when the acknowledgements of the commands sent so far have arrived
 * (accepted / cancelled / modified); the simulated venue answers synchronously.
 *
 * Prices are MNQ (tick 0.25, $0.50 a tick, $2 a point) around 21000, chosen on the tick grid so a
 * gateway replay can produce them exactly.
 *
 * Where a venue with a live book legitimately differs from the bar-driven simulation, the harness says
 * so (optional members below) and the scenarios check the same behaviour against its own rule:
 * - a market order fills on arrival at the ask (buy) / bid (sell), not at the next bar's open (the
 *   spread; `marketFillPrice`, `marketFillsOnArrival`), so bracket levels and PnL are checked relative to
 *   the entry fill;
 * - a venue whose order stream does not report a stop-limit's trigger (ProjectX has no such field)
 *   answers `triggeredAtVenue` from the venue's own state.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Clock } from '../../framework/core/clock.ts';
import type { Broker } from '../../framework/execution/broker.ts';
import { OrderManager, type OrderRequest } from '../../framework/execution/order-manager.ts';
import type { Instrument } from '../../framework/model/instrument.ts';
import type { Order, Side } from '../../framework/model/order.ts';

export interface ContractBar {
  readonly tsMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface BrokerHarness {
  readonly broker: Broker;
  readonly clock: Clock;
  /** MNQ, as the venue knows it. */
  readonly instrument: Instrument;
  drive(bars: readonly ContractBar[]): Promise<void>;
  settle(): Promise<void>;
  close(): Promise<void>;
  /** True when a market order fills as soon as it arrives (a live book), before the next bar. */
  readonly marketFillsOnArrival?: boolean;
  /** The price a market order sent now fills at; default `nextOpen` (the simulated venue's rule). */
  marketFillPrice?(side: Side, nextOpen: number): number;
  /** For venues whose order events carry no trigger: whether the venue triggered this stop-limit. */
  triggeredAtVenue?(clientOrderId: string): boolean;
}

export interface HarnessOptions {
  /** Commission per contract per side, currency. */
  readonly commissionPerContract?: number;
}

export type BrokerFactory = (opts: HarnessOptions) => Promise<BrokerHarness>;

export const CONTRACT_T0 = Date.UTC(2025, 0, 6, 15, 0);

/** A scenario's world: the harness, an OrderManager over it, and a bar tape. */
export class Tape {
  private n = 0;
  readonly om: OrderManager;
  constructor(readonly h: BrokerHarness) {
    this.om = new OrderManager(h.broker, h.clock, [h.instrument], 'C');
  }
  /** Drive one bar (open, high, low, close). */
  async bar(o: number, hi: number, lo: number, c: number, volume = 1000): Promise<void> {
    const tsMs = CONTRACT_T0 + this.n * 60_000;
    this.n += 1;
    await this.h.drive([{ tsMs, open: o, high: hi, low: lo, close: c, volume }]);
  }
  async send(req: Omit<OrderRequest, 'symbol'>): Promise<Order> {
    const o = this.om.submit({ symbol: this.h.instrument.symbol, ...req });
    await this.h.settle();
    return o;
  }
  get position(): number {
    return this.om.positions.get(this.h.instrument.symbol).size;
  }
  fillPrices(o: Order): number[] {
    return this.om.fills.toArray().filter((f) => f.clientOrderId === o.clientOrderId).map((f) => f.price);
  }
  /** Where a market order sent now should fill, the next bar opening at `nextOpen` (read before sending). */
  marketFill(side: Side, nextOpen: number): number {
    return this.h.marketFillPrice?.(side, nextOpen) ?? nextOpen;
  }
  child(entry: Order, kind: 'sl' | 'tp'): Order {
    const c = this.om.get(`${entry.clientOrderId}.${kind}`);
    assert.ok(c, `bracket ${kind} of ${entry.clientOrderId} exists`);
    return c!;
  }
}

const statuses = (o: Order) => o.history.map((h) => h.status);

export function brokerContract(name: string, factory: BrokerFactory, opts: { skip?: readonly string[] } = {}): void {
  const scenario = (title: string, fn: (t: Tape) => Promise<void>, ho: HarnessOptions = {}) => {
    if (opts.skip?.some((s) => title.includes(s))) return;
    test(`${name}: ${title}`, async () => {
      const h = await factory(ho);
      const t = new Tape(h);
      try {
        await fn(t);
      } finally {
        t.om.dispose();
        await h.close();
      }
    });
  };

  scenario('market order fills at the next bar open; lifecycle pending -> submitted -> working -> filled', async (t) => {
    await t.bar(21000, 21002, 20998, 21001);
    const px = t.marketFill('buy', 21001);
    const o = await t.send({ side: 'buy', type: 'market', size: 1 });
    assert.is(o.status, t.h.marketFillsOnArrival ? 'filled' : 'working');
    await t.bar(21001, 21003, 21000, 21002);
    assert.equal(t.fillPrices(o), [px]);
    assert.equal(statuses(o), ['pending', 'submitted', 'working', 'filled']);
    assert.ok(o.history.every((x) => Number.isFinite(x.tsMs)), 'every transition has a time');
    assert.is(t.position, 1);
  });

  scenario('limit buy waits for a trade through its price and fills at the limit', async (t) => {
    await t.bar(21000, 21002, 20998, 21001);
    const o = await t.send({ side: 'buy', type: 'limit', size: 1, limitPrice: 20995 });
    await t.bar(21001, 21002, 20996, 20997);
    assert.is(o.status, 'working', 'low above the limit: no fill');
    await t.bar(20997, 20998, 20994, 20996);
    assert.equal(t.fillPrices(o), [20995]);
    assert.is(o.status, 'filled');
  });

  scenario('stop buy triggers when the high reaches it and fills at the stop', async (t) => {
    await t.bar(21000, 21002, 20998, 21001);
    const o = await t.send({ side: 'buy', type: 'stop', size: 1, stopPrice: 21005 });
    await t.bar(21001, 21004, 21000, 21003);
    assert.is(o.status, 'working');
    await t.bar(21003, 21006, 21002, 21005.5);
    assert.equal(t.fillPrices(o), [21005]);
  });

  scenario('path: stop-limit triggers as a stop, then rests as a limit', async (t) => {
    await t.bar(21000, 21002, 20998, 21001);
    const o = await t.send({ side: 'buy', type: 'stop-limit', size: 1, stopPrice: 21005, limitPrice: 21004 });
    await t.bar(21003, 21006, 21002.5, 21005.5);
    if (t.h.triggeredAtVenue !== undefined) {
      assert.ok(t.h.triggeredAtVenue(o.clientOrderId), 'the stop triggered at the venue');
    } else {
      assert.ok(o.triggered, 'the stop triggered');
      assert.ok(o.history.some((x) => x.reason?.startsWith('triggered')), 'the trigger is in the history');
    }
    assert.is(o.filledSize, 0, 'the limit is below the price after the trigger');
    await t.bar(21005, 21005.5, 21003.5, 21004.5);
    assert.equal(t.fillPrices(o), [21004]);
  });

  scenario('path: trailing stop ratchets only in your favour', async (t) => {
    await t.bar(21000, 21000.5, 20999.5, 21000);
    const o = await t.send({ side: 'sell', type: 'trailing-stop', size: 1, trailTicks: 8 });
    // Down to 21000.5 first (the trail must not follow it down), then up to 21004: stop 21002.
    await t.bar(21001, 21004, 21000.5, 21003);
    assert.is(o.status, 'working');
    // Up to 21003.5 (below the 21004 anchor: no ratchet), then down through 21002.
    await t.bar(21003, 21003.5, 21001, 21001.5);
    assert.equal(t.fillPrices(o), [21002]);
  });

  scenario('path: bracket exits in the entry bar, stop first when both are reachable', async (t) => {
    await t.bar(21000, 21001, 20999, 21000);
    const px = t.marketFill('buy', 21000);
    const entry = await t.send({ side: 'buy', type: 'market', size: 1, bracket: { stopTicks: 8, targetTicks: 16 } });
    await t.bar(21000, 21005, 20997, 21001);
    assert.equal(t.fillPrices(entry), [px]);
    const sl = t.child(entry, 'sl');
    const tp = t.child(entry, 'tp');
    assert.is(sl.stopPrice, px - 2, '8 ticks below the entry fill');
    assert.is(tp.limitPrice, px + 4, '16 ticks above the entry fill');
    assert.equal(t.fillPrices(sl), [px - 2], 'the stop filled within the entry bar');
    assert.is(tp.status, 'cancelled', 'its OCO sibling is cancelled');
    assert.is(t.position, 0);
    const trade = t.om.positions.trades.at(0)!;
    assert.is(trade.pnl, -4 - 2 * 0.62, 'PnL: -8 ticks × $0.50 − 2 × $0.62');
    assert.is(trade.fees, 1.24);
  }, { commissionPerContract: 0.62 });

  scenario('bracket take profit in ticks and prices; a limit entry', async (t) => {
    await t.bar(21000, 21001, 20999, 21000);
    const entry = await t.send({ side: 'sell', type: 'limit', size: 1, limitPrice: 21002, bracket: { stopPrice: 21006, targetTicks: 12 } });
    await t.bar(21000, 21003, 20999.5, 21002.5);
    assert.equal(t.fillPrices(entry), [21002]);
    const tp = t.child(entry, 'tp');
    assert.is(tp.limitPrice, 20999);
    assert.is(t.child(entry, 'sl').stopPrice, 21006);
    await t.bar(21002, 21002.5, 20998, 20998.5);
    assert.equal(t.fillPrices(tp), [20999]);
    assert.is(t.child(entry, 'sl').status, 'cancelled');
    assert.is(t.om.positions.trades.at(0)!.pnl, 6, 'short 21002 -> 20999: 12 ticks × $0.50');
  });

  scenario('bracket exits shrink with a partial exit and cancel when the position goes flat another way', async (t) => {
    await t.bar(21000, 21001, 20999, 21000);
    const entry = await t.send({ side: 'buy', type: 'market', size: 2, bracket: { stopTicks: 8, targetTicks: 16 } });
    await t.bar(21000, 21001, 20999.5, 21000.5);
    assert.is(t.position, 2);
    assert.is(t.child(entry, 'sl').remainingSize, 2);
    await t.send({ side: 'sell', type: 'market', size: 1, reduceOnly: true });
    await t.bar(21000.5, 21001, 21000, 21000.5);
    await t.h.settle();
    assert.is(t.position, 1);
    assert.is(t.child(entry, 'sl').remainingSize, 1, 'stop shrank to the position');
    assert.is(t.child(entry, 'tp').remainingSize, 1, 'target shrank to the position');
    await t.send({ side: 'sell', type: 'market', size: 1 });
    await t.bar(21000.5, 21001, 21000, 21000.5);
    await t.h.settle();
    assert.is(t.position, 0);
    assert.is(t.child(entry, 'sl').status, 'cancelled');
    assert.is(t.child(entry, 'tp').status, 'cancelled');
  });

  scenario('OCO of two orders: a fill of one cancels the other', async (t) => {
    await t.bar(21000, 21001, 20999, 21000);
    const a = await t.send({ side: 'buy', type: 'stop', size: 1, stopPrice: 21004, ocoGroup: 'g1' });
    const b = await t.send({ side: 'sell', type: 'stop', size: 1, stopPrice: 20996, ocoGroup: 'g1' });
    await t.bar(21000, 21005, 20999, 21004.5);
    await t.h.settle();
    assert.equal(t.fillPrices(a), [21004]);
    assert.is(b.status, 'cancelled');
    assert.match(b.history[b.history.length - 1].reason ?? '', /OCO/);
  });

  scenario('modify price and size of a working limit', async (t) => {
    await t.bar(21000, 21001, 20999, 21000);
    const o = await t.send({ side: 'buy', type: 'limit', size: 1, limitPrice: 20990 });
    assert.ok(t.om.modify({ clientOrderId: o.clientOrderId, limitPrice: 20999, size: 2 }));
    await t.h.settle();
    assert.is(o.limitPrice, 20999);
    assert.is(o.size, 2);
    assert.ok(o.history.some((x) => x.reason === 'modified'));
    await t.bar(21000, 21000.5, 20998, 20998.5);
    assert.equal(t.fillPrices(o), [20999]);
    assert.is(t.position, 2);
  });

  scenario('cancel a working order: it never fills', async (t) => {
    await t.bar(21000, 21001, 20999, 21000);
    const o = await t.send({ side: 'buy', type: 'limit', size: 1, limitPrice: 20995 });
    assert.ok(t.om.cancel(o.clientOrderId));
    await t.h.settle();
    assert.is(o.status, 'cancelled');
    await t.bar(20995, 20996, 20990, 20991);
    assert.is(o.filledSize, 0);
    assert.is(t.om.cancel(o.clientOrderId), false, 'a finished order cannot be cancelled again');
  });

  scenario('a rejection is an event with a reason, not an exception', async (t) => {
    await t.bar(21000, 21001, 20999, 21000);
    const o = await t.send({ side: 'buy', type: 'limit', size: 1, limitPrice: 20995.1 });
    assert.is(o.status, 'rejected');
    assert.ok((o.history[o.history.length - 1].reason ?? '').length > 0);
    assert.is(t.om.workingOrders().length, 0);
  });
}
