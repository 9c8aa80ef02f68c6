import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BacktestClock } from '../../framework/core/clock.ts';
import { SimulatedBroker } from '../../framework/execution/simulated/simulated-broker.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { Bar } from '../../framework/model/market-data.ts';
import { brokerContract, type BrokerHarness } from './broker-contract.ts';

brokerContract('SimulatedBroker', async (opts): Promise<BrokerHarness> => {
  const clock = new BacktestClock();
  const instrument = resolveInstrument('MNQ');
  const broker = new SimulatedBroker(clock, [instrument], { commissionPerContract: opts.commissionPerContract ?? 0 });
  return {
    broker,
    clock,
    instrument,
    async drive(bars) {
      for (const b of bars) {
        clock.advance(b.tsMs);
        broker.onBar(new Bar(instrument.symbol, b.tsMs, b.open, b.high, b.low, b.close, b.volume));
      }
    },
    async settle() {},
    async close() {
      await broker.stop();
    },
  };
});

test('SimulatedBroker: the onEvent fast lane sees every event events$ sees, in order, before the subscribers', () => {
  const clock = new BacktestClock(Date.UTC(2025, 0, 6, 15));
  const ins = resolveInstrument('MNQ');
  const broker = new SimulatedBroker(clock, [ins], { commissionPerContract: 0.5 });
  const seen: string[] = [];
  const sub = broker.events$.subscribe((e) => seen.push(`rx ${e.type}`));
  const remove = broker.onEvent((e) => seen.push(`lane ${e.type}`));
  broker.submit({ clientOrderId: 'A1', symbol: 'MNQ', side: 'buy', type: 'market', size: 1 });
  broker.submit({ clientOrderId: 'A2', symbol: 'MNQ', side: 'buy', type: 'limit', size: 1, limitPrice: 100 });
  broker.cancel('A2');
  clock.advance(clock.nowMs() + 60_000);
  broker.onBar(new Bar('MNQ', clock.nowMs(), 20000, 20001, 19999, 20000.5, 10));
  remove();
  broker.submit({ clientOrderId: 'A3', symbol: 'MNQ', side: 'sell', type: 'market', size: 1 });
  sub.unsubscribe();
  assert.equal(seen, ['lane accepted', 'rx accepted', 'lane accepted', 'rx accepted', 'lane cancelled', 'rx cancelled', 'lane filled', 'rx filled', 'rx accepted']);
});

test.run();
