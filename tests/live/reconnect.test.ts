/**
 * Reconnect: the gateway drops every socket mid-session; the feed reconnects and resubscribes (the hub
 * client), the bars spanning the gap are rebuilt from REST history, no bar is lost or doubled, and the
 * session goes on.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProjectXFeed } from '../../framework/adapters/projectx/projectx-feed.ts';
import type { Bar } from '../../framework/model/market-data.ts';
import { createPaperSession } from '../../framework/suite/paper-preset.ts';
import { LiveSession } from '../../framework/suite/live-session.ts';
import { SMA_FAST, gatewayConnection, replayGateway, seededBars, waitFor } from './live-helpers.ts';

const BARS = 60;

test('dropped sockets mid-session: every bar once, equal to the file, session continues', async () => {
  const columns = seededBars(BARS, 5);
  // 1 bar per 50 ms of wall time: slow enough that the drop leaves a gap of a few bars.
  const gw = await replayGateway(columns, 1200);
  try {
    const logs: string[] = [];
    const prepared = await createPaperSession({ connection: gatewayConnection(gw), symbols: ['MNQ'], strategy: SMA_FAST, startingCash: 50_000, record: false, firstEventWaitMs: 50, reconnect: { baseDelayMs: 100, maxDelayMs: 200 }, log: (l) => logs.push(l) });
    const feed = prepared.suite.feed as ProjectXFeed;
    const bars: Bar[] = [];
    feed.bars$('MNQ').subscribe((b) => bars.push(b));
    const session = new LiveSession(prepared, { writeEveryMs: 0 });
    await session.start();
    gw.faults.resumeMarket();
    await waitFor(() => bars.length >= 15, '15 bars before the drop');
    gw.faults.dropConnections();
    await gw.replayDone;
    await waitFor(() => bars.length >= BARS - 1, 'every closed bar after the gap');
    const results = await session.stop();
    assert.ok(feed.gapsRebuilt >= 1, `a gap was rebuilt (${logs.join(' | ')})`);
    assert.ok(feed.tradesReceived < BARS * 4, 'prints were missed during the drop');
    assert.is(bars.length, BARS - 1);
    for (let i = 0; i < bars.length; i++) {
      const b = bars[i];
      assert.equal([b.tsMs, b.open, b.high, b.low, b.close, b.volume], [columns.tsMs[i], columns.open[i], columns.high[i], columns.low[i], columns.close[i], columns.volume[i]], `bar ${i}`);
    }
    assert.is(results.bars.MNQ, BARS - 1);
  } finally {
    await gw.close();
  }
});

test.run();
