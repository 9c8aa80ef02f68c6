/**
 * ProjectX user hub client: the account's orders, positions, trades and account updates as RxJS
 * streams of venue types (parse.ts), stamped with `receivedMs` from the injected Clock. Events may be
 * wrapped `{action, data}` or bare. Subscriptions are restored after every reconnect. There is no
 * stale watchdog here: a quiet account is normal (SDK v4.1.2 learned that the hard way, ISS#129).
 */
import type { HubConnection } from '@microsoft/signalr';
import { Subject, type Observable } from 'rxjs';
import type { ConnectionStatus } from '../../model/events.ts';
import { HubSession, type HubSessionOptions } from './hub-session.ts';
import { parseAccount, parseOrder, parsePosition, parseTrade, unwrapUserEvent } from './parse.ts';
import type { VenueAccount, VenueOrder, VenuePosition, VenueTrade } from './venue-types.ts';
import type { WireAccount, WireOrder, WirePosition, WireTrade } from './wire-types.ts';

export type UserHubOptions = HubSessionOptions;

export class UserHubClient {
  private readonly ordersS = new Subject<VenueOrder>();
  private readonly positionsS = new Subject<VenuePosition>();
  private readonly tradesS = new Subject<VenueTrade>();
  private readonly accountsS = new Subject<VenueAccount>();
  readonly orders$: Observable<VenueOrder> = this.ordersS.asObservable();
  readonly positions$: Observable<VenuePosition> = this.positionsS.asObservable();
  readonly trades$: Observable<VenueTrade> = this.tradesS.asObservable();
  readonly accounts$: Observable<VenueAccount> = this.accountsS.asObservable();
  readonly status$: Observable<ConnectionStatus>;
  private readonly session: HubSession;
  private accountId: number | undefined;

  constructor(opts: UserHubOptions) {
    this.session = new HubSession(opts, {
      component: 'user-hub',
      register: (c) => this.register(c),
      onConnected: () => this.subscribeAll(),
    });
    this.status$ = this.session.status$.asObservable();
  }

  get connected(): boolean {
    return this.session.connected;
  }

  /** Connect and subscribe to the account's orders, positions and trades (and account updates). */
  async start(accountId: number): Promise<void> {
    this.accountId = accountId;
    await this.session.start();
  }

  async stop(): Promise<void> {
    const id = this.accountId;
    if (id !== undefined && this.session.connected) {
      await Promise.allSettled([
        this.session.invoke('UnsubscribeAccounts'),
        this.session.invoke('UnsubscribeOrders', id),
        this.session.invoke('UnsubscribePositions', id),
        this.session.invoke('UnsubscribeTrades', id),
      ]);
    }
    await this.session.stop();
  }

  reconnect(reason = 'requested'): Promise<void> {
    return this.session.restart(reason);
  }

  private async subscribeAll(): Promise<void> {
    const id = this.accountId;
    if (id === undefined) return;
    await this.session.invoke('SubscribeAccounts');
    await this.session.invoke('SubscribeOrders', id);
    await this.session.invoke('SubscribePositions', id);
    await this.session.invoke('SubscribeTrades', id);
  }

  private register(c: HubConnection): void {
    const now = (): number => this.session.clock.nowMs();
    c.on('GatewayUserAccount', (payload: unknown) => {
      const { data } = unwrapUserEvent<WireAccount>(payload as WireAccount);
      if (data) this.accountsS.next(parseAccount(data, now()));
    });
    c.on('GatewayUserOrder', (payload: unknown) => {
      const { data } = unwrapUserEvent<WireOrder>(payload as WireOrder);
      if (data) this.ordersS.next(parseOrder(data, now()));
    });
    c.on('GatewayUserPosition', (payload: unknown) => {
      const { data } = unwrapUserEvent<WirePosition>(payload as WirePosition);
      if (data) this.positionsS.next(parsePosition(data, now()));
    });
    c.on('GatewayUserTrade', (payload: unknown) => {
      const { data } = unwrapUserEvent<WireTrade>(payload as WireTrade);
      if (data) this.tradesS.next(parseTrade(data, now()));
    });
    c.on('GatewayLogout', () => {
      this.session.log('user-hub: server logged the session out; reconnecting');
      void this.session.restart('logged out by server');
    });
  }
}
