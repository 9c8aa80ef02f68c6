/**
 * Gateway quote throughput: the gateway in fast quote mode (quoteIntervalMs 0) for one contract, one
 * raw-ws SignalR client on loopback subscribed to its quotes, counting GatewayQuote records for ~3 s.
 * The client counts records by scanning frames for the target name (no JSON.parse), as a thin client
 * that only routes would; it runs in the same process, so the figure is for one core doing both ends.
 * Prints one JSON line: {"scenario":"gateway:quotes","bars":<events>,"seconds":s,"barsPerSec":..,"peakRssMb":..}
 */
import { resolve } from 'node:path';
import WebSocket from 'ws';
import { startGateway } from '../framework/adapters/projectx-gateway/gateway-server.ts';

const RS = '\x1e';
const MEASURE_MS = 3000;
const WARMUP_MS = 500;
const NEEDLE = '"target":"GatewayQuote"';

function countQuotes(frame: string): number {
  let n = 0;
  let i = frame.indexOf(NEEDLE);
  while (i >= 0) {
    n++;
    i = frame.indexOf(NEEDLE, i + NEEDLE.length);
  }
  return n;
}

export async function runGatewayBench(): Promise<{ events: number; seconds: number; perSec: number }> {
  const gw = await startGateway({ quoteIntervalMs: 0, seed: 1, config: { markets: [{ symbol: 'MNQ' }], replaceMarkets: true, historyDays: 1 } });
  try {
    const login = await fetch(`${gw.url}/api/Auth/loginKey`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userName: 'demo', apiKey: 'demo-key' }) });
    const { token } = (await login.json()) as { token: string };
    const contractId = gw.config.markets[0].contractId;
    const ws = new WebSocket(`${gw.marketHubUrl.replace('http', 'ws')}?access_token=${encodeURIComponent(token)}`, { perMessageDeflate: false });
    let counting = false;
    let events = 0;
    ws.on('message', (data) => {
      if (counting) events += countQuotes(data.toString());
    });
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ok());
      ws.once('error', fail);
    });
    ws.send(`{"protocol":"json","version":1}${RS}${JSON.stringify({ type: 1, invocationId: '1', target: 'SubscribeContractQuotes', arguments: [contractId] })}${RS}`);
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    counting = true;
    const started = process.hrtime.bigint();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    counting = false;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    ws.terminate();
    const perSec = Math.round(events / seconds);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ scenario: 'gateway:quotes', bars: events, seconds: Number(seconds.toFixed(3)), barsPerSec: perSec, peakRssMb: Number(peakRssMb.toFixed(1)) }));
    return { events, seconds, perSec };
  } finally {
    await gw.close();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  await runGatewayBench();
}
