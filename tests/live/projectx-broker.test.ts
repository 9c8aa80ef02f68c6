/**
 * ProjectXBroker against the local gateway: place / modify / cancel / fill events (customTag =
 * clientOrderId), the rejection path, and reconciliation of a fill missed while the user hub was down.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startGateway, type RunningGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import { ProjectXConnection } from '../../framework/adapters/projectx/projectx-connection.ts';
import type { ProjectXBroker } from '../../framework/adapters/projectx/projectx-broker.ts';
import { LiveClock } from '../../framework/core/clock.ts';
import type { BrokerEvent } from '../../framework/model/events.ts';
import { gatewayConnection, waitFor } from './live-helpers.ts';

let gw: RunningGateway;
let broker: ProjectXBroker;
let mid = 0;
const events: BrokerEvent[] = [];
const ofOrder = (id: string): BrokerEvent[] => events.filter((e) => ('clientOrderId' in e ? e.clientOrderId : e.type === 'filled' ? e.fill.clientOrderId : e.type === 'modified' ? e.change.clientOrderId : '') === id);

test.before(async () => {
  gw = await startGateway({ seed: 9, quoteIntervalMs: 50 });
  const conn = await ProjectXConnection.open(gatewayConnection(gw), ['MNQ'], { clock: new LiveClock(), reconnect: { baseDelayMs: 400, maxDelayMs: 800 } });
  const account = await conn.account('PRAC-DEMO-1');
  broker = conn.broker(account.accountId);
  broker.events$.subscribe((e) => events.push(e));
  await broker.start();
  const m = gw.market.get(conn.contracts[0].contractId)!;
  mid = m.price(m.bidTicks);
});

test.after(async () => {
  await broker.stop();
  await gw.close();
});

test('limit: accepted, modified, cancelled', async () => {
  const price = Math.round((mid - 200) * 4) / 4;
  broker.submit({ clientOrderId: 'T-lim-1', symbol: 'MNQ', side: 'buy', type: 'limit', size: 1, limitPrice: price });
  await waitFor(() => ofOrder('T-lim-1').some((e) => e.type === 'accepted'), 'accepted');
  const acc = ofOrder('T-lim-1').find((e) => e.type === 'accepted');
  assert.ok(acc !== undefined && acc.type === 'accepted' && acc.venueOrderId.length > 0);
  assert.ok([...gw.state.orders.values()].some((o) => o.customTag === 'T-lim-1'), 'customTag carried the client id');
  broker.modify({ clientOrderId: 'T-lim-1', limitPrice: price - 1 });
  await waitFor(() => ofOrder('T-lim-1').some((e) => e.type === 'modified'), 'modified');
  broker.cancel('T-lim-1', 'test cancel');
  await waitFor(() => ofOrder('T-lim-1').some((e) => e.type === 'cancelled'), 'cancelled');
  const c = ofOrder('T-lim-1').find((e) => e.type === 'cancelled');
  assert.ok(c !== undefined && c.type === 'cancelled' && c.reason === 'test cancel');
  assert.is(ofOrder('T-lim-1').filter((e) => e.type === 'accepted').length, 1, 'accepted once');
});

test('market: one fill with the venue price, size and fees', async () => {
  broker.submit({ clientOrderId: 'T-mkt-1', symbol: 'MNQ', side: 'buy', type: 'market', size: 2 });
  await waitFor(() => ofOrder('T-mkt-1').some((e) => e.type === 'filled') && broker.pendingCount === 0, 'filled');
  const fills = ofOrder('T-mkt-1').filter((e) => e.type === 'filled');
  assert.is(fills.length, 1);
  const f = fills[0].type === 'filled' ? fills[0].fill : undefined;
  const venueTrade = [...gw.state.trades.values()].find((t) => `PX-${t.id}` === f?.fillId);
  assert.ok(f !== undefined && venueTrade !== undefined);
  assert.is(f!.size, 2);
  assert.is(f!.price, venueTrade!.price);
  assert.is(f!.fee, venueTrade!.fees);
});

test('rejection: the venue refuses -> rejected with the reason, once', async () => {
  gw.faults.rejectOrders = 'market closed (test)';
  broker.submit({ clientOrderId: 'T-rej-1', symbol: 'MNQ', side: 'sell', type: 'market', size: 1 });
  await waitFor(() => ofOrder('T-rej-1').some((e) => e.type === 'rejected') && broker.pendingCount === 0, 'rejected');
  gw.faults.rejectOrders = false;
  const r = ofOrder('T-rej-1').filter((e) => e.type === 'rejected');
  assert.is(r.length, 1);
  assert.ok(r[0].type === 'rejected' && /rejected/.test(r[0].reason), r[0].type === 'rejected' ? r[0].reason : '');
});

test('a fill missed while the user hub is down arrives once, from reconciliation', async () => {
  const before = broker.reconciliations;
  gw.faults.dropConnections();
  broker.submit({ clientOrderId: 'T-gap-1', symbol: 'MNQ', side: 'sell', type: 'market', size: 2 });
  await waitFor(() => ofOrder('T-gap-1').some((e) => e.type === 'filled') && broker.reconciliations > before, 'reconciled fill');
  await waitFor(() => broker.pendingCount === 0, 'settled');
  await new Promise((r) => setTimeout(r, 200));
  assert.is(ofOrder('T-gap-1').filter((e) => e.type === 'filled').length, 1, 'exactly once');
  assert.is(broker.checkPositions().length, 0, 'net position agrees with the venue');
});

test.run();
