import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { startGateway, type RunningGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import { login, mnq, waitFor } from './gateway-helpers.ts';

const RS = '\x1e';
let gw: RunningGateway;
let token: string;

test.before(async () => {
  gw = await startGateway({ seed: 5, quoteIntervalMs: 20 });
  token = await login(gw);
});
test.after(async () => {
  await gw.close();
});

/** A raw client: collects parsed records. */
async function connect(path: string, tok: string): Promise<{ ws: WebSocket; records: any[]; frames: string[] }> {
  const ws = new WebSocket(`${gw.url.replace('http', 'ws')}${path}?access_token=${encodeURIComponent(tok)}`);
  const records: any[] = [];
  const frames: string[] = [];
  ws.on('message', (d) => {
    const text = d.toString();
    frames.push(text);
    for (const part of text.split(RS)) if (part !== '') records.push(JSON.parse(part));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, records, frames };
}

test('handshake, completions, unknown method error, no completion without invocationId', async () => {
  const c = await connect('/hubs/market', token);
  c.ws.send(`{"protocol":"json","version":1}${RS}`);
  await waitFor(() => (c.frames.length > 0 ? true : undefined), 'handshake');
  assert.is(c.frames[0], `{}${RS}`);
  // Two records in one frame, the second split across two frames.
  const sub = JSON.stringify({ type: 1, invocationId: '1', target: 'SubscribeContractQuotes', arguments: [mnq(gw)] });
  const bad = JSON.stringify({ type: 1, invocationId: '2', target: 'NoSuchMethod', arguments: [] });
  const fire = JSON.stringify({ type: 1, target: 'SubscribeContractTrades', arguments: [mnq(gw)] });
  const both = `${sub}${RS}${bad}${RS}${fire}${RS}{"type":6}${RS}`;
  c.ws.send(both.slice(0, sub.length + 10));
  c.ws.send(both.slice(sub.length + 10));
  const done1 = await waitFor(() => c.records.find((r) => r.type === 3 && r.invocationId === '1'), 'completion 1');
  assert.is(done1.error, undefined);
  const done2 = await waitFor(() => c.records.find((r) => r.type === 3 && r.invocationId === '2'), 'completion 2');
  assert.match(done2.error, /NoSuchMethod/);
  const q = await waitFor(() => c.records.find((r) => r.type === 1 && r.target === 'GatewayQuote'), 'a quote');
  assert.is(q.arguments[0], mnq(gw));
  assert.is(q.arguments[1].symbol, 'F.US.MNQ');
  for (const k of ['lastPrice', 'bestBid', 'bestAsk', 'change', 'changePercent', 'open', 'high', 'low', 'volume', 'lastUpdated', 'timestamp', 'symbolName']) assert.ok(k in q.arguments[1], k);
  const t = await waitFor(() => c.records.find((r) => r.type === 1 && r.target === 'GatewayTrade'), 'a trade');
  assert.ok(Array.isArray(t.arguments[1]));
  assert.ok(['symbolId', 'price', 'volume', 'type', 'timestamp'].every((k) => k in t.arguments[1][0]));
  assert.is(c.records.filter((r) => r.type === 3).length, 2, 'no completion for a fire-and-forget send');
  c.ws.send(`{"type":7}${RS}`);
  await new Promise((r) => c.ws.once('close', r));
});

test('bad handshake protocol is refused; upgrade without a valid token is 401', async () => {
  const c = await connect('/hubs/user', token);
  c.ws.send(`{"protocol":"messagepack","version":1}${RS}`);
  await new Promise((r) => c.ws.once('close', r));
  assert.match(c.records[0].error, /not supported/);
  const ws = new WebSocket(`${gw.url.replace('http', 'ws')}/hubs/market?access_token=wrong`);
  ws.on('error', () => {});
  const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
  assert.is(status, 401);
  ws.terminate();
});

test('negotiate answers WebSockets-only with a token, 401 without', async () => {
  const r = await fetch(`${gw.marketHubUrl}/negotiate?negotiateVersion=1`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const body = (await r.json()) as any;
  assert.is(body.negotiateVersion, 1);
  assert.equal(body.availableTransports, [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }]);
  assert.type(body.connectionToken, 'string');
  const r401 = await fetch(`${gw.marketHubUrl}/negotiate?negotiateVersion=1`, { method: 'POST' });
  assert.is(r401.status, 401);
});

test('depth: a full book on subscribe (Reset + 10 levels a side)', async () => {
  const c = await connect('/hubs/market', token);
  c.ws.send(`{"protocol":"json","version":1}${RS}`);
  c.ws.send(JSON.stringify({ type: 1, invocationId: '9', target: 'SubscribeContractMarketDepth', arguments: [mnq(gw)] }) + RS);
  const d = await waitFor(() => c.records.find((r) => r.target === 'GatewayDepth'), 'depth');
  const entries = d.arguments[1] as Array<{ type: number; price: number; volume: number; currentVolume: number; timestamp: string }>;
  assert.is(entries[0].type, 6);
  assert.is(entries.filter((e) => e.type === 2).length, 10);
  assert.is(entries.filter((e) => e.type === 1).length, 10);
  c.ws.close();
  await new Promise((r) => c.ws.once('close', r));
});

test.run();
