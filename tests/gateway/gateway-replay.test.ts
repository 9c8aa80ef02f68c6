import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { allocBarColumns } from '../../framework/model/bar-columns.ts';
import { startGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import { login, post } from './gateway-helpers.ts';

const RS = '\x1e';
const T0 = Date.UTC(2024, 2, 4, 14, 30);

function bars(n: number) {
  const c = allocBarColumns('MES', '1m', n);
  for (let i = 0; i < n; i++) {
    const o = 5000 + i * 0.25;
    c.tsMs[i] = T0 + i * 60_000;
    c.open[i] = o;
    c.high[i] = o + 1;
    c.low[i] = o - 0.5;
    c.close[i] = o + 0.25;
    c.volume[i] = 10 + i;
  }
  return c;
}

test('replay at max speed: prints follow open, nearer extreme, farther extreme, close; bars served equal the file', async () => {
  const columns = bars(50);
  const gw = await startGateway({ replay: { columns, symbol: 'MES', speed: 'max' } });
  try {
    const id = gw.config.markets.find((m) => m.symbol === 'MES')!.contractId;
    await gw.replayDone;
    const token = await login(gw);
    const r = await post(gw, 'History/retrieveBars', { contractId: id, live: false, startTime: new Date(T0).toISOString(), endTime: new Date(T0 + 3_600_000).toISOString(), unit: 2, unitNumber: 1, limit: 1000, includePartialBar: false }, token);
    const got = r.body.bars as Array<{ t: string; o: number; h: number; l: number; c: number; v: number }>;
    assert.is(got.length, 50);
    for (let i = 0; i < 50; i++) {
      const b = got[49 - i];
      assert.equal([Date.parse(b.t), b.o, b.h, b.l, b.c, b.v], [columns.tsMs[i], columns.open[i], columns.high[i], columns.low[i], columns.close[i], columns.volume[i]]);
    }
    const five = await post(gw, 'History/retrieveBars', { contractId: id, live: false, startTime: new Date(T0).toISOString(), endTime: new Date(T0 + 3_600_000).toISOString(), unit: 2, unitNumber: 5, limit: 1000, includePartialBar: false }, token);
    assert.is(five.body.bars.length, 10);
    assert.is(five.body.bars[9].v, 10 + 11 + 12 + 13 + 14);
  } finally {
    await gw.close();
  }
});

test('replay streams trades to a hub client in path order', async () => {
  const columns = bars(3);
  const gw = await startGateway({ replay: { columns, symbol: 'MES', speed: 200 } });
  try {
    const id = gw.config.markets.find((m) => m.symbol === 'MES')!.contractId;
    gw.faults.pauseMarket();
    const token = await login(gw);
    const ws = new WebSocket(`${gw.marketHubUrl.replace('http', 'ws')}?access_token=${token}`);
    const prices: number[] = [];
    ws.on('message', (d) => {
      for (const part of d.toString().split(RS)) {
        if (part === '') continue;
        const m = JSON.parse(part);
        if (m.target === 'GatewayTrade' && m.arguments[1][0].volume > 0) prices.push(m.arguments[1][0].price);
      }
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(`{"protocol":"json","version":1}${RS}` + JSON.stringify({ type: 1, invocationId: '1', target: 'SubscribeContractTrades', arguments: [id] }) + RS);
    await new Promise((r) => setTimeout(r, 50));
    gw.faults.resumeMarket();
    await gw.replayDone;
    await new Promise((r) => setTimeout(r, 50));
    // Bar 0: open 5000, low 4999.5 is nearer than high 5001, then high, close 5000.25.
    assert.equal(prices.slice(0, 4), [5000, 4999.5, 5001, 5000.25]);
    assert.is(prices.length, 12);
    ws.close();
    await new Promise((r) => ws.once('close', r));
  } finally {
    await gw.close();
  }
});

test.run();
