import { test } from 'uvu';
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

test.run();
