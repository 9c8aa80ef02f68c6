/**
 * sma-cross in live mode against the local gateway (orders matched by the gateway's engine) gives the
 * same trades and fills as paper mode on the same replay. The live run moves the gateway's market one
 * print at a time, each after the client has seen the previous one and has no order in flight: the
 * simulated venue fills a market order at the quote that closed the bar, and so does the gateway when
 * the order reaches it before the next print. (With an unsynchronised max-speed replay the gateway
 * runs ahead of the client and fills at later prices: a latency effect, not a model difference.)
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocBarColumns } from '../../framework/model/bar-columns.ts';
import { startGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import type { ProjectXFeed } from '../../framework/adapters/projectx/projectx-feed.ts';
import type { ProjectXBroker } from '../../framework/adapters/projectx/projectx-broker.ts';
import { AllowAllRisk } from '../../framework/risk/risk-gate.ts';
import { createLiveSession } from '../../framework/suite/live-preset.ts';
import { LiveSession } from '../../framework/suite/live-session.ts';
import { compareSessions, compareTrades } from '../../framework/suite/parity.ts';
import { ConfigError } from '../../framework/core/errors.ts';
import { SMA_FAST, gatewayConnection, lockstepReplay, runPaperOnReplay, seededBars } from './live-helpers.ts';

const BARS = 100;
const dir = mkdtempSync(join(tmpdir(), 'pxt-live-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('live refuses without --confirm-live or without risk limits', async () => {
  const base = { connection: gatewayConnection({ url: 'http://127.0.0.1:9' } as never), symbols: ['MNQ'], strategy: SMA_FAST, startingCash: 1 };
  const failure = async (p: Promise<unknown>): Promise<unknown> => p.then(() => undefined, (e: unknown) => e);
  const a = await failure(createLiveSession({ ...base, confirmLive: false, risk: new AllowAllRisk() }));
  assert.ok(a instanceof ConfigError && /confirm/.test(a.message), String(a));
  const b = await failure(createLiveSession({ ...base, confirmLive: true, risk: undefined as never }));
  assert.ok(b instanceof ConfigError && /risk/.test(b.message), String(b));
});

test('live (gateway fills) == paper (simulated fills) on the same replay', async () => {
  const columns = seededBars(BARS, 21);
  const paper = await runPaperOnReplay(columns, dir);
  assert.ok(paper.results.trades.length >= 2, `paper traded (${paper.results.trades.length} trades)`);

  const gw = await startGateway({ seed: 3, replay: { columns: allocBarColumns('MNQ', '1m', 0), symbol: 'MNQ', speed: 'max' } });
  try {
    const contractId = gw.config.markets.find((m) => m.symbol === 'MNQ')!.contractId;
    const lines: string[] = [];
    const prepared = await createLiveSession({
      connection: gatewayConnection(gw),
      symbols: ['MNQ'],
      strategy: SMA_FAST,
      startingCash: 50_000,
      confirmLive: true,
      risk: new AllowAllRisk(),
      account: 'PRAC-DEMO-1',
      record: { dir },
      firstEventWaitMs: 50,
      log: (l) => lines.push(l),
    });
    assert.ok(prepared.banner.some((l) => l.includes('PRAC-DEMO-1')), 'banner names the account');
    assert.not.ok(prepared.banner.join('\n').includes('demo-key'), 'never the key');
    const session = new LiveSession(prepared, { writeEveryMs: 0 });
    await session.start();
    const feed = prepared.suite.feed as ProjectXFeed;
    const broker = prepared.suite.broker as ProjectXBroker;
    await lockstepReplay(gw, contractId, columns, (n) => feed.tradesReceived >= n && broker.pendingCount === 0);
    const live = await session.stop();
    assert.is(live.run.mode, 'live');
    const tradeDiff = compareTrades(paper.results.trades, live.trades);
    assert.is(tradeDiff, undefined, tradeDiff);
    const parity = compareSessions(paper.results, live);
    assert.ok(parity.identical, parity.difference);
    assert.ok(live.fills.every((f) => f.fillId.startsWith('PX-')), 'fills came from the venue');
    assert.is(broker.positionWarnings, 0, lines.join('\n'));
  } finally {
    await gw.close();
  }
});

test.run();
