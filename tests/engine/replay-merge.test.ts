import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BacktestClock } from '../../framework/core/clock.ts';
import { HistoricalReplayFeed } from '../../framework/feed/historical-replay-feed.ts';
import { allocBarColumns } from '../../framework/model/bar-columns.ts';

function series(symbol: string, times: number[]) {
  const c = allocBarColumns(symbol, '1m', times.length);
  times.forEach((t, i) => {
    c.tsMs[i] = t;
    c.open[i] = c.high[i] = c.low[i] = c.close[i] = 100 + i;
  });
  return c;
}

test('k-way merge: time order; equal timestamps break by instrument order; the clock follows the events', async () => {
  const clock = new BacktestClock();
  const feed = new HistoricalReplayFeed([series('B', [1, 3, 3, 7]), series('A', [2, 3, 5]), series('C', [0, 3, 9])], { clock });
  const seen: string[] = [];
  for (const s of feed.symbols) feed.bars$(s).subscribe((b) => seen.push(`${b.symbol}${b.tsMs}@${clock.nowMs()}`));
  await feed.start();
  assert.equal(seen, ['C0@0', 'B1@1', 'A2@2', 'B3@3', 'B3@3', 'A3@3', 'C3@3', 'A5@5', 'B7@7', 'C9@9']);
  assert.is(feed.eventsDelivered, 10);
});

test('from/to select a window (from inclusive, to exclusive)', async () => {
  const feed = new HistoricalReplayFeed([series('A', [1, 2, 3, 4, 5]), series('B', [2, 4, 6])], { fromMs: 2, toMs: 5 });
  const seen: string[] = [];
  for (const s of feed.symbols) feed.bars$(s).subscribe((b) => seen.push(`${b.symbol}${b.tsMs}`));
  await feed.start();
  assert.equal(seen, ['A2', 'B2', 'A3', 'A4', 'B4']);
  assert.equal(feed.barCounts, { A: 3, B: 2 });
});

test('a symbol given twice is a config error', () => {
  assert.throws(() => new HistoricalReplayFeed([series('A', [1]), series('A', [2])]), /given twice/);
});

test.run();
