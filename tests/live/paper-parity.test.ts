/**
 * Paper mode against the local gateway replaying a seeded bar file as ticks at max speed, recorded;
 * then the backtest path on that recording: identical orders and fills (the parity check).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SmaCross from '../../strategies/sma-cross.ts';
import type { ProjectXFeed } from '../../framework/adapters/projectx/projectx-feed.ts';
import { createPaperSession } from '../../framework/suite/paper-preset.ts';
import { LiveSession } from '../../framework/suite/live-session.ts';
import { runRecordingBacktest } from '../../framework/suite/replay-preset.ts';
import { compareSessions } from '../../framework/suite/parity.ts';
import { readRecording } from '../../framework/feed/recording.ts';
import type { ResultsFile } from '../../framework/model/results.ts';
import { gatewayConnection, replayGateway, seededBars, waitFor } from './live-helpers.ts';

const BARS = 150;
const strategy = { cls: SmaCross as never, name: 'sma-cross', params: { fast: 2, slow: 5, size: 1 } };
const dir = mkdtempSync(join(tmpdir(), 'pxt-paper-'));

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('paper session on a max-speed replay == backtest on its recording (orders and fills)', async () => {
  const columns = seededBars(BARS);
  const gw = await replayGateway(columns, 'max');
  try {
    const fee = gw.config.markets.find((m) => m.symbol === 'MNQ')!.feePerSide;
    const prepared = await createPaperSession({
      connection: gatewayConnection(gw),
      symbols: ['MNQ'],
      strategy,
      startingCash: 50_000,
      fill: { commissionPerContract: fee },
      record: { dir },
      firstEventWaitMs: 50,
    });
    const outPath = join(dir, 'paper.json');
    const session = new LiveSession(prepared, { outPath, writeEveryMs: 50 });
    await session.start();
    const feed = prepared.suite.feed as ProjectXFeed;
    gw.faults.resumeMarket();
    await gw.replayDone;
    await waitFor(() => feed.tradesReceived >= BARS * 4, 'every print at the client');
    const paper = await session.stop();
    const onDisk = JSON.parse(readFileSync(outPath, 'utf8')) as ResultsFile;
    assert.is(onDisk.run.mode, 'paper');
    assert.is(onDisk.orders.length, paper.orders.length);
    // Every bar but the last (still forming) reached the strategy, in order, once.
    assert.is(paper.bars.MNQ, BARS - 1);
    assert.ok(paper.fills.length >= 4, `the strategy traded (${paper.fills.length} fills)`);

    const rec = readRecording(prepared.recorder!.path);
    assert.is(rec.events.filter((e) => e.kind === 'trade').length, BARS * 4);
    const replay = await runRecordingBacktest({ recording: prepared.recorder!.path, strategy, startingCash: 50_000, fill: { commissionPerContract: fee } });
    const parity = compareSessions(replay.results, paper);
    assert.ok(parity.identical, parity.difference);
    assert.is(parity.fills, paper.fills.length);
    assert.equal(replay.results.trades, paper.trades);
    await replay.suite.cleanup();
  } finally {
    await gw.close();
  }
});

test.run();
