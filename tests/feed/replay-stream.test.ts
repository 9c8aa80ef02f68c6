import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BacktestClock } from '../../framework/core/clock.ts';
import { SeededRandom } from '../../framework/core/rng.ts';
import { HistoricalReplayFeed } from '../../framework/feed/historical-replay-feed.ts';
import { allocBarColumns, columnsSource, sliceBarColumns, type BarColumns, type BarInput, type BarSeriesSource } from '../../framework/model/bar-columns.ts';

function series(symbol: string, times: number[]): BarColumns {
  const c = allocBarColumns(symbol, '1m', times.length);
  times.forEach((t, i) => {
    c.tsMs[i] = t;
    c.open[i] = c.low[i] = 100 + i;
    c.close[i] = c.high[i] = 101 + i;
    c.volume[i] = i;
  });
  return c;
}

/**
 * A source that serves `c` in chunks of `size` bars through ONE reused buffer, as the store's
 * reader does: a feed that read a chunk after pulling the next would see the wrong bars. Counts
 * the chunks pulled and whether the iterator was closed.
 */
function chunked(c: BarColumns, size: number): BarSeriesSource & { pulled: number; closed: boolean } {
  const whole = columnsSource(c);
  const src = {
    symbol: c.symbol,
    timeframe: c.timeframe,
    pulled: 0,
    closed: false,
    stats: whole.stats,
    *chunks(w?: { fromMs?: number; toMs?: number }): Generator<BarColumns, undefined> {
      const r = whole.chunks(w).next();
      if (r.done === true) return undefined;
      const all = r.value;
      const buf = allocBarColumns(c.symbol, c.timeframe, size);
      try {
        for (let a = 0; a < all.length; a += size) {
          const n = Math.min(size, all.length - a);
          for (const k of ['tsMs', 'open', 'high', 'low', 'close', 'volume'] as const) {
            buf[k].fill(Number.NaN);
            buf[k].set(all[k].subarray(a, a + n));
          }
          src.pulled++;
          yield sliceBarColumns(buf, 0, n);
        }
      } finally {
        src.closed = true;
      }
      return undefined;
    },
  };
  return src;
}

async function replay(inputs: BarInput[], opts: { fromMs?: number; toMs?: number } = {}): Promise<{ seen: string[]; feed: HistoricalReplayFeed }> {
  const clock = new BacktestClock();
  const feed = new HistoricalReplayFeed(inputs, { ...opts, clock });
  const seen: string[] = [];
  for (const s of feed.symbols) feed.bars$(s).subscribe((b) => seen.push(`${b.symbol}${b.tsMs}@${clock.nowMs()} ${b.open}/${b.high}/${b.low}/${b.close}/${b.volume}`));
  await feed.start();
  return { seen, feed };
}

test('one series in chunks replays exactly like the same bars in memory', async () => {
  const c = series('A', [1, 2, 3, 5, 8, 13, 21, 34]);
  for (const size of [1, 3, 8, 100]) {
    const mem = await replay([c]);
    const src = chunked(c, size);
    const got = await replay([src]);
    assert.equal(got.seen, mem.seen, `chunks of ${size}`);
    assert.is(got.feed.eventsDelivered, 8);
    assert.ok(src.closed);
  }
});

test('the merge walks chunks: time order, ties by instrument order across chunk boundaries', async () => {
  const b = series('B', [1, 3, 3, 7]);
  const a = series('A', [2, 3, 5]);
  const c = series('C', [0, 3, 9]);
  const mem = await replay([b, a, c]);
  assert.equal(mem.seen.map((s) => s.split(' ')[0]), ['C0@0', 'B1@1', 'A2@2', 'B3@3', 'B3@3', 'A3@3', 'C3@3', 'A5@5', 'B7@7', 'C9@9']);
  const got = await replay([chunked(b, 1), chunked(a, 2), c]);
  assert.equal(got.seen, mem.seen);
  assert.is(got.feed.eventsDelivered, 10);
});

test('random series with many equal timestamps: chunked sources merge exactly like columns', async () => {
  const rng = new SeededRandom(3);
  const inputs = ['X', 'Y', 'Z', 'W'].map((sym) => {
    const times: number[] = [];
    let t = Math.floor(rng.next() * 5);
    for (let i = 0; i < 300; i++) {
      times.push(t);
      t += 1 + Math.floor(rng.next() * 3);
    }
    return series(sym, times);
  });
  const window = { fromMs: 40, toMs: 500 };
  const mem = await replay(inputs, window);
  const sizes = [1, 7, 64, 1000];
  const got = await replay(inputs.map((c, k) => chunked(c, sizes[k])), window);
  assert.ok(mem.seen.length > 500);
  assert.equal(got.seen, mem.seen);
  assert.equal(got.feed.barCounts, mem.feed.barCounts);
  assert.equal(got.feed.span, mem.feed.span);
  assert.is(got.feed.totalBars, mem.seen.length);
});

test('counts and span come from the sources before the replay, without pulling a chunk', () => {
  const a = chunked(series('A', [1, 2, 3, 4, 5]), 2);
  const b = chunked(series('B', [2, 4, 6]), 2);
  const feed = new HistoricalReplayFeed([a, b], { fromMs: 2, toMs: 5 });
  assert.equal(feed.barCounts, { A: 3, B: 2 });
  assert.is(feed.totalBars, 5);
  assert.equal(feed.span, { fromMs: 2, toMs: 4 });
  assert.is(a.pulled + b.pulled, 0);
  const empty = new HistoricalReplayFeed([a], { fromMs: 100 });
  assert.is(empty.totalBars, 0);
  assert.ok(Number.isNaN(empty.span.fromMs));
});

test('stop() ends the replay without pulling more chunks and closes the sources', async () => {
  const a = chunked(series('A', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 2);
  const b = chunked(series('B', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 2);
  const one = new HistoricalReplayFeed([a]);
  one.bars$('A').subscribe((bar) => {
    if (bar.tsMs === 3) void one.stop();
  });
  await one.start();
  assert.is(one.eventsDelivered, 3);
  assert.is(a.pulled, 2);
  assert.ok(a.closed);
  a.closed = false;
  a.pulled = 0;
  const two = new HistoricalReplayFeed([a, b]);
  two.bars$('B').subscribe((bar) => {
    if (bar.tsMs === 4) void two.stop();
  });
  await two.start();
  assert.is(two.eventsDelivered, 8);
  assert.ok(a.closed && b.closed);
  // A's next chunk is pulled when A4 is delivered (the merge needs its head), then B4 stops it.
  assert.is(a.pulled, 3);
});

test.run();
