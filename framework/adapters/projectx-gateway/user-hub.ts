import { accountToWire, orderToWire, positionToWire, type AccountRecord, type GatewayState, type OrderRecord, type PositionRecord } from './gateway-state.ts';
import { HubMethodError, type HubConnection, type SignalRHub } from './signalr-hub.ts';
import type { UserEventSink } from './user-event-sink.ts';
import type { HalfTradeModel } from './wire-types.ts';

/**
 * The user hub: SubscribeAccounts() / SubscribeOrders|Positions|Trades(accountId) and their
 * Unsubscribe twins; pushes GatewayUserAccount/Order/Position/Trade with the `{ action: 1, data }`
 * wrapper (shared doc §7.3) for every change the venue reports. A user only sees their own accounts.
 */
export class UserHub implements UserEventSink {
  constructor(private readonly hub: SignalRHub, private readonly state: GatewayState) {
    const own = (conn: HubConnection, arg: unknown): number => {
      const id = Number(arg);
      const a = state.accounts.get(id);
      if (a === undefined || a.userName !== conn.userName) throw new HubMethodError(`Account ${String(arg)} not found`);
      return id;
    };
    const perAccount = (prefix: string, on: boolean) => (conn: HubConnection, args: unknown[]): null => {
      const key = `${prefix}:${own(conn, args[0])}`;
      if (on) hub.subscribe(conn, key);
      else hub.unsubscribe(conn, key);
      return null;
    };
    hub
      .method('SubscribeAccounts', (conn) => (hub.subscribe(conn, `a:${conn.userName}`), null))
      .method('UnsubscribeAccounts', (conn) => (hub.unsubscribe(conn, `a:${conn.userName}`), null))
      .method('SubscribeOrders', perAccount('o', true))
      .method('UnsubscribeOrders', perAccount('o', false))
      .method('SubscribePositions', perAccount('p', true))
      .method('UnsubscribePositions', perAccount('p', false))
      .method('SubscribeTrades', perAccount('t', true))
      .method('UnsubscribeTrades', perAccount('t', false));
  }

  private push(key: string, target: string, data: unknown): void {
    if (this.hub.subscribers(key) === undefined) return;
    this.hub.broadcast(key, JSON.stringify({ type: 1, target, arguments: [{ action: 1, data }] }));
  }

  account(a: AccountRecord): void {
    this.push(`a:${a.userName}`, 'GatewayUserAccount', accountToWire(a));
  }

  order(o: OrderRecord): void {
    this.push(`o:${o.accountId}`, 'GatewayUserOrder', orderToWire(o));
  }

  position(p: PositionRecord): void {
    this.push(`p:${p.accountId}`, 'GatewayUserPosition', positionToWire(p));
  }

  trade(t: HalfTradeModel): void {
    this.push(`t:${t.accountId}`, 'GatewayUserTrade', t);
  }
}
