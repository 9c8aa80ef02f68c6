import type { Observable } from 'rxjs';
import type { BrokerEvent } from '../model/events.ts';
import type { ModifyOrder, SubmitOrder } from '../model/order.ts';

/**
 * The Broker port (DESIGN.md §1, §3 rule 4): commands in, events out. `submit`, `cancel` and
 * `modify` only acknowledge; fills, rejections and cancels arrive on `events$`, in order, possibly
 * synchronously inside the call (the simulated venue) or later (ProjectX). Client order ids are unique
 * and stable, so a retried send never duplicates an order. Implementations: SimulatedBroker (backtest,
 * paper) and ProjectXBroker (live); both pass tests/execution/broker.contract.ts.
 */
export interface Broker {
  readonly name: string;
  readonly events$: Observable<BrokerEvent>;
  /**
   * Optional fast lane to the same events, for the order manager: a plain listener called before the
   * RxJS subscribers, without their per-event Subscriber layers (the simulated venue has it; two
   * events per order). Returns the function that removes it.
   */
  onEvent?(listener: (e: BrokerEvent) => void): () => void;
  submit(cmd: SubmitOrder): void;
  cancel(clientOrderId: string, reason?: string): void;
  modify(change: ModifyOrder): void;
  /** Connect / reconcile (live); no-op for the simulated venue. */
  start(): Promise<void>;
  stop(): Promise<void>;
}
