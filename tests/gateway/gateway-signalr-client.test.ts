import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { startGateway, type RunningGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import { login, mnq, post, waitFor } from './gateway-helpers.ts';

let gw: RunningGateway;
let token: string;
const open: HubConnection[] = [];

test.before(async () => {
  gw = await startGateway({ seed: 11, quoteIntervalMs: 20 });
  token = await login(gw);
});
test.after(async () => {
  for (const c of open) await c.stop();
  await gw.close();
});

function hub(url: string, tok: () => string, reconnect = false): HubConnection {
  let b = new HubConnectionBuilder()
    .withUrl(url, { skipNegotiation: true, transport: HttpTransportType.WebSockets, accessTokenFactory: tok })
    .configureLogging(LogLevel.None);
  if (reconnect) b = b.withAutomaticReconnect({ nextRetryDelayInMilliseconds: () => 50 });
  const c = b.build();
  open.push(c);
  return c;
}

test('market hub: quotes, trades and depth arrive for a subscribed contract', async () => {
  const c = hub(gw.marketHubUrl, () => token);
  const quotes: any[] = [];
  const trades: any[] = [];
  const depth: any[] = [];
  c.on('GatewayQuote', (id: string, q: unknown) => quotes.push([id, q]));
  c.on('GatewayTrade', (id: string, t: unknown) => trades.push([id, t]));
  c.on('GatewayDepth', (id: string, d: unknown) => depth.push([id, d]));
  await c.start();
  await c.invoke('SubscribeContractQuotes', mnq(gw));
  await c.invoke('SubscribeContractTrades', mnq(gw));
  await c.invoke('SubscribeContractMarketDepth', mnq(gw));
  await waitFor(() => (quotes.length >= 5 && trades.length >= 5 && depth.length >= 2 ? true : undefined), 'market events');
  const [id, q] = quotes[quotes.length - 1];
  assert.is(id, mnq(gw));
  assert.ok(q.bestAsk - q.bestBid === 0.25);
  assert.ok(Array.isArray(trades[0][1]) && typeof trades[0][1][0].price === 'number');
  assert.ok(Array.isArray(depth[0][1]));
  await c.invoke('UnsubscribeContractQuotes', mnq(gw));
  await c.stop();
});

test('a bad token cannot connect', async () => {
  const c = hub(gw.marketHubUrl, () => 'not-a-token');
  let failed = false;
  try {
    await c.start();
  } catch {
    failed = true;
  }
  assert.ok(failed);
});

test('user hub: order, position, trade and account events on place/fill', async () => {
  const c = hub(gw.userHubUrl, () => token);
  const events: Array<[string, any]> = [];
  for (const name of ['GatewayUserOrder', 'GatewayUserPosition', 'GatewayUserTrade', 'GatewayUserAccount']) c.on(name, (e: unknown) => events.push([name, e]));
  await c.start();
  await c.invoke('SubscribeAccounts');
  await c.invoke('SubscribeOrders', 1001);
  await c.invoke('SubscribePositions', 1001);
  await c.invoke('SubscribeTrades', 1001);
  let err = '';
  await c.invoke('SubscribeOrders', 4242).catch((e: Error) => (err = e.message));
  assert.match(err, /not found/);
  const r = await post(gw, 'Order/place', { accountId: 1001, contractId: mnq(gw), type: 2, side: 0, size: 1 }, token);
  assert.is(r.body.success, true);
  const filled = await waitFor(() => events.find(([n, e]) => n === 'GatewayUserOrder' && e.data.id === r.body.orderId && e.data.status === 2), 'filled order event');
  assert.is(filled[1].action, 1);
  assert.is(filled[1].data.fillVolume, 1);
  const pos = await waitFor(() => events.find(([n]) => n === 'GatewayUserPosition'), 'position event');
  assert.is(pos[1].data.size, 1);
  assert.is(pos[1].data.type, 1);
  const tr = await waitFor(() => events.find(([n]) => n === 'GatewayUserTrade'), 'trade event');
  assert.is(tr[1].data.profitAndLoss, null);
  const acct = await waitFor(() => events.find(([n]) => n === 'GatewayUserAccount'), 'account event');
  assert.is(acct[1].data.balance, 50000 - 0.37);
  await post(gw, 'Position/closeContract', { accountId: 1001, contractId: mnq(gw) }, token);
  await waitFor(() => events.find(([n, e]) => n === 'GatewayUserPosition' && e.data.size === 0), 'flat position event');
  await c.stop();
});

test('dropConnections: the client reconnects and, resubscribed, receives events again', async () => {
  const c = hub(gw.marketHubUrl, () => token, true);
  let quotes = 0;
  c.on('GatewayQuote', () => void (quotes += 1));
  c.onreconnected(() => void c.invoke('SubscribeContractQuotes', mnq(gw)));
  let reconnecting = false;
  c.onreconnecting(() => void (reconnecting = true));
  await c.start();
  await c.invoke('SubscribeContractQuotes', mnq(gw));
  await waitFor(() => (quotes > 0 ? true : undefined), 'first quotes');
  gw.faults.dropConnections();
  await waitFor(() => (reconnecting ? true : undefined), 'reconnecting');
  await waitFor(() => (c.state === HubConnectionState.Connected ? true : undefined), 'reconnected');
  const before = quotes;
  await waitFor(() => (quotes > before + 3 ? true : undefined), 'quotes after reconnect');
  await c.stop();
});

test.run();
