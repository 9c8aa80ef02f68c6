import type { AccountRecord, OrderRecord, PositionRecord } from './gateway-state.ts';
import type { HalfTradeModel } from './wire-types.ts';

/** Where the venue reports every change (the user hub pushes them as Gateway* events). */
export interface UserEventSink {
  account(a: AccountRecord): void;
  order(o: OrderRecord): void;
  position(p: PositionRecord): void;
  trade(t: HalfTradeModel): void;
}
