import { BacktestClock } from '../../framework/core/clock.ts';
import { SimulatedBroker } from '../../framework/execution/simulated/simulated-broker.ts';
import type { FillModelOptions } from '../../framework/execution/simulated/fill-model.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { Bar } from '../../framework/model/market-data.ts';
import type { BrokerEvent } from '../../framework/model/events.ts';
import type { SubmitOrder } from '../../framework/model/order.ts';

/** Drive the simulated venue by hand: bars one minute apart, orders submitted between bars. */
export function venue(opts: Partial<FillModelOptions> = {}, symbol = 'MNQ') {
  const clock = new BacktestClock();
  const ins = resolveInstrument(symbol);
  const broker = new SimulatedBroker(clock, [ins], opts);
  const events: BrokerEvent[] = [];
  broker.events$.subscribe((e) => events.push(e));
  let t = 0;
  let n = 0;
  return {
    broker,
    events,
    clock,
    /** The venue sees the next bar (o, h, l, c). */
    bar(o: number, h: number, l: number, c: number, v = 1000) {
      t += 60_000;
      clock.advance(t);
      broker.onBar(new Bar(symbol, t, o, h, l, c, v));
    },
    submit(cmd: Omit<SubmitOrder, 'clientOrderId' | 'symbol'> & { clientOrderId?: string }) {
      n += 1;
      const full = { symbol, clientOrderId: cmd.clientOrderId ?? `T${n}`, ...cmd } as SubmitOrder;
      broker.submit(full);
      return full.clientOrderId;
    },
    fills() {
      return events.filter((e) => e.type === 'filled').map((e) => (e as Extract<BrokerEvent, { type: 'filled' }>).fill);
    },
    fillOf(id: string) {
      return this.fills().filter((f) => f.clientOrderId === id);
    },
  };
}
