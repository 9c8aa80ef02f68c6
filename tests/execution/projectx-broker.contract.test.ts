/**
 * The broker contract (broker-contract.ts) against ProjectXBroker on the in-process local gateway: a
 * fresh gateway per scenario (MNQ only, market paused so only this harness moves prices), the broker
 * over REST + user hub exactly as a live session builds it.
 *
 * How a bar reaches the gateway: as trade prints along the contract's intrabar path — open, the extreme
 * adverse to the venue's open position (flat: the nearer one, ties as the simulated venue breaks them),
 * the other extreme, close — walking EVERY tick between those points (a continuous market trades through
 * each price), aggressor side by direction, so the book sits at each print. Between bars the price jumps
 * (a gap). After every print the harness waits until the client has seen every order and trade change
 * the gateway made and has no REST call in flight (lock-step, so the venue never runs ahead of the
 * OrderManager's reactions: bracket children, OCO cancels, exit resizing).
 *
 * With every tick printed, stops fill at their price (a buy stop triggers on the print at the stop,
 * which is a buy lifting the ask there) and resting limits at their limit, as in the simulation.
 * Inherent differences, declared to the contract:
 * - market orders fill on arrival at the ask / bid of the book the last print left, not at the next
 *   bar's open (the spread: one tick away from the last price when the last print was on the other side);
 * - the ProjectX order stream carries no "triggered" flag, so a stop-limit's trigger is read from the
 *   gateway's state instead of the order history.
 */
import { test } from 'uvu';
import { startGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import type { OrderRecord } from '../../framework/adapters/projectx-gateway/gateway-state.ts';
import { ProjectXBroker } from '../../framework/adapters/projectx/projectx-broker.ts';
import { ProjectXConnection } from '../../framework/adapters/projectx/projectx-connection.ts';
import { UserHubClient } from '../../framework/adapters/projectx/user-hub.ts';
import type { VenueOrder } from '../../framework/adapters/projectx/venue-types.ts';
import { LiveClock } from '../../framework/core/clock.ts';
import { gatewayConnection, waitFor } from '../live/live-helpers.ts';
import { brokerContract, type BrokerHarness, type ContractBar } from './broker-contract.ts';

/** ProjectX OrderStatus numbers -> the names parse.ts gives them. */
const VENUE_STATUS = ['none', 'open', 'filled', 'cancelled', 'expired', 'rejected', 'pending', 'pending-cancel', 'suspended'];

const orderKey = (status: string, size: number, filled: number, limit: number, stop: number): string => `${status}|${size}|${filled}|${limit}|${stop}`;

brokerContract('ProjectXBroker', async (opts): Promise<BrokerHarness> => {
  const gw = await startGateway({
    seed: 5,
    config: { markets: [{ symbol: 'MNQ', startPrice: 21000, feePerSide: opts.commissionPerContract ?? 0 }], replaceMarkets: true, historyDays: 1 },
  });
  gw.faults.pauseMarket();
  const clock = new LiveClock();
  try {
    const cfg = gatewayConnection(gw);
    const conn = await ProjectXConnection.open(cfg, ['MNQ'], { clock });
    const account = await conn.account('PRAC-DEMO-1');
    const accountId = account.accountId;
    const { contractId, instrument } = conn.contracts[0];
    const tick = instrument.tickSize;
    const userHub = new UserHubClient({ url: cfg.userHubUrl, accessToken: () => conn.rest.token(), clock });
    // What the client has seen, to know when it has caught up with the venue.
    const seenOrders = new Map<string, string>();
    const seenTrades = new Set<string>();
    const subs = [
      userHub.orders$.subscribe((o: VenueOrder) => seenOrders.set(o.venueOrderId, orderKey(o.venueStatus, o.sizeContracts, o.filledContracts, o.limitPrice, o.stopPrice))),
      userHub.trades$.subscribe((t) => seenTrades.add(t.tradeId)),
    ];
    const broker = new ProjectXBroker({ rest: conn.rest, userHub, accountId, contracts: conn.contracts, clock });
    await broker.start();
    const market = gw.market.get(contractId)!;

    const venueKey = (o: OrderRecord): string => {
      const px = (ticks: number): number => (Number.isNaN(ticks) ? Number.NaN : ticks * tick);
      return orderKey(VENUE_STATUS[o.status] ?? 'unknown', o.size, o.fillVolume, px(o.limitTicks), px(o.stopTicks));
    };
    const caughtUp = (): boolean => {
      if (broker.inFlight > 0 || broker.pendingCount > 0) return false;
      for (const o of gw.state.orders.values()) if (o.accountId === accountId && seenOrders.get(String(o.id)) !== venueKey(o)) return false;
      for (const t of gw.state.trades) if (t.accountId === accountId && !seenTrades.has(String(t.id))) return false;
      return true;
    };
    /** Until the client has seen everything the venue did and answered it (a reaction may send more). */
    const settle = async (): Promise<void> => {
      for (;;) {
        await waitFor(caughtUp, 'the client caught up with the gateway');
        await new Promise((r) => setImmediate(r));
        if (caughtUp()) return;
      }
    };
    const netPosition = (): number => gw.state.positions.get(`${accountId}:${contractId}`)?.netContracts ?? 0;
    const print = async (ticks: number): Promise<void> => {
      gw.market.printTrade(contractId, ticks * tick);
      await settle();
    };
    /** Print every tick after `from` up to and including `to`. */
    const walk = async (from: number, to: number): Promise<void> => {
      const step = to > from ? 1 : -1;
      for (let p = from + step; step > 0 ? p <= to : p >= to; p += step) await print(p);
    };
    const playBar = async (b: ContractBar): Promise<void> => {
      const [o, h, l, c] = [b.open, b.high, b.low, b.close].map((x) => Math.round(x / tick));
      const pos = netPosition();
      // The simulated venue's rule (simulated-broker.ts onBar): holding a position, its adverse extreme
      // first; flat, the nearer one, a tie going to the side the bar closes on.
      const nearerHigh = h - o < o - l || (h - o === o - l && c < o);
      const highFirst = pos !== 0 ? pos < 0 : nearerHigh;
      const first = highFirst ? h : l;
      const second = highFirst ? l : h;
      await print(o);
      await walk(o, first);
      await walk(first, second);
      await walk(second, c);
    };

    return {
      broker,
      clock,
      instrument,
      marketFillsOnArrival: true,
      marketFillPrice: (side) => market.price(side === 'buy' ? market.askTicks : market.bidTicks),
      triggeredAtVenue: (clientOrderId) => [...gw.state.orders.values()].some((o) => o.customTag === clientOrderId && o.triggered),
      async drive(bars) {
        for (const b of bars) await playBar(b);
      },
      settle,
      async close() {
        for (const s of subs) s.unsubscribe();
        await broker.stop();
        await gw.close();
      },
    };
  } catch (e) {
    await gw.close();
    throw e;
  }
});

test.run();
