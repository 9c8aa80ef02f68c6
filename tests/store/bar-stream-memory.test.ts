/**
 * Memory grows with windows, not with history length: a 1M-bar replay streamed from the store holds
 * a batch of bars (~3 MB), not the 48 MB series. Measured as process.memoryUsage().arrayBuffers
 * (typed-array and Buffer memory, outside the JS heap) sampled during the replay, after forced GCs
 * so the bars generated and written by the setup do not count.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HistoricalReplayFeed } from '../../framework/feed/historical-replay-feed.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';
import { HistoryStore } from '../../framework/store/history-store.ts';
import { syntheticBars } from '../../framework/store/synthetic-bars.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;
const BARS = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'pxt-stream-mem-'));

function writeSeries(symbol: string, seed: number): void {
  const c = syntheticBars({ symbol, bars: BARS, seed, startMs: Date.UTC(2020, 0, 5, 23), tickSize: 0.25, startPrice: 20000, session: CME_GLOBEX_SESSION });
  new HistoryStore(dir).save(c, { source: 'synthetic', tickSize: 0.25 });
}

/**
 * Collect garbage until the setup's buffers are gone (V8 frees array buffers' memory after the GC,
 * on a background thread, so one gc() call is not always enough); arrayBuffers in MB.
 */
async function settledArrayBuffersMb(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
    if (process.memoryUsage().arrayBuffers < 4 * MB) break;
  }
  return process.memoryUsage().arrayBuffers / MB;
}

/** Replay `symbols` from the store; the peak of arrayBuffers seen every 10,000 bars, in MB. */
async function replayPeakMb(symbols: string[]): Promise<{ peakMb: number; bars: number; baseMb: number }> {
  const baseMb = await settledArrayBuffersMb();
  const store = new HistoryStore(dir);
  const feed = new HistoricalReplayFeed(symbols.map((s) => store.open(s, '1m')));
  let bars = 0;
  let peak = 0;
  for (const s of symbols) {
    feed.bars$(s).subscribe(() => {
      if (++bars % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    });
  }
  feed.runSync();
  return { peakMb: peak / MB, bars, baseMb };
}

test('a 1M-bar replay streamed from the store holds a batch, not the file', async () => {
  writeSeries('MNQ', 1);
  const fileMb = statSync(new HistoryStore(dir).arrowPath('MNQ', '1m')).size / MB;
  assert.ok(fileMb > 45, `the file holds the series (${fileMb.toFixed(1)} MB)`);
  const { peakMb, bars, baseMb } = await replayPeakMb(['MNQ']);
  assert.is(bars, BARS);
  assert.ok(baseMb < 4, `baseline after GC ${baseMb.toFixed(1)} MB`);
  assert.ok(peakMb < 16, `arrayBuffers peaked at ${peakMb.toFixed(1)} MB while streaming a ${fileMb.toFixed(0)} MB file`);
  // The measurement sees whole series: loading it puts the file's size in arrayBuffers.
  await settledArrayBuffersMb();
  const all = new HistoryStore(dir).load('MNQ', '1m');
  assert.ok(process.memoryUsage().arrayBuffers / MB > 40, 'load() holds the whole series');
  assert.is(all.length, BARS);
});

test('three streamed 1M-bar instruments merged: a batch each', async () => {
  writeSeries('ES', 2);
  writeSeries('MGC', 3);
  const { peakMb, bars, baseMb } = await replayPeakMb(['MNQ', 'ES', 'MGC']);
  assert.ok(baseMb < 4, `baseline after GC ${baseMb.toFixed(1)} MB`);
  assert.is(bars, 3 * BARS);
  assert.ok(peakMb < 24, `arrayBuffers peaked at ${peakMb.toFixed(1)} MB while merging three 48 MB files`);
});

test.after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test.run();
