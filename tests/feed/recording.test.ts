import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../../framework/core/errors.ts';
import { BarAggregator } from '../../framework/feed/bar-aggregator.ts';
import { MarketRecorder, RecordingReader, readRecording, type FlushTimer } from '../../framework/feed/recording.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { Bar, DepthUpdate, Quote, TradeTick, type MarketEvent } from '../../framework/model/market-data.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pxt-rec-'));
  dirs.push(d);
  return d;
}

/** A flush timer the test fires by hand. */
function manualTimer(): FlushTimer & { fire(): void; running: boolean } {
  let fn: (() => void) | undefined;
  return {
    running: false,
    start(flush) {
      fn = flush;
      this.running = true;
    },
    stop() {
      this.running = false;
    },
    fire() {
      fn?.();
    },
  };
}

const T0 = Date.UTC(2025, 5, 3, 14, 30, 0);
const MNQ = resolveInstrument('MNQ');

function sampleEvents(): MarketEvent[] {
  return [
    { kind: 'quote', quote: new Quote('MNQ', T0, 21000.25, 21000.5, 3, 7, 21000.25, T0 + 12) },
    { kind: 'quote', quote: new Quote('MNQ', T0 + 1, Number.NaN, 21000.75, Number.NaN, 2, Number.NaN, T0 + 13) },
    { kind: 'trade', trade: new TradeTick('MNQ', T0 + 2, 21000.5, 4, 'buy', T0 + 14) },
    { kind: 'trade', trade: new TradeTick('MNQ', T0 + 3, 0.1 + 0.2, 1, 'sell', T0 + 15) },
    { kind: 'trade', trade: new TradeTick('MNQ', T0 + 4, 21000, 2, 'unknown', Number.NaN) },
    {
      kind: 'depth',
      depth: new DepthUpdate('MNQ', T0 + 5, [{ kind: 'bid', price: 21000.25, size: 5 }, { kind: 'ask', price: 21000.5, size: 0 }, { kind: 'reset', price: 0, size: 0 }], T0 + 16),
    },
    { kind: 'bar', bar: new Bar('MNQ', T0, 21000, 21001.25, 20999.75, 21000.5, 123) },
  ];
}

test('round trip: header and every field of every event kind', () => {
  const dir = tempDir();
  const timer = manualTimer();
  const rec = new MarketRecorder({ dir, symbols: ['MNQ'], instruments: [MNQ], startedAtMs: T0, timer, meta: { source: 'test' } });
  assert.ok(timer.running);
  assert.is(rec.path, join(dir, 'MNQ-20250603T143000Z.ndjson'));
  const events = sampleEvents();
  for (const ev of events) rec.record(ev);
  rec.close();
  assert.not.ok(timer.running);
  const got = readRecording(rec.path);
  assert.is(got.header.schema, 1);
  assert.is(got.header.startedAtMs, T0);
  assert.equal(got.header.symbols, ['MNQ']);
  assert.equal(got.header.instruments, [MNQ]);
  assert.equal(got.header.meta, { source: 'test' });
  assert.is(got.tornTail, false);
  assert.equal(got.events, events); // NaN fields compare equal under dequal
  assert.ok(got.events[0].kind === 'quote' && got.events[0].quote instanceof Quote);
  // One compact record per line.
  const lines = readFileSync(rec.path, 'utf8').split('\n');
  assert.is(lines.length, events.length + 2); // header + events + the empty string after the last newline
  assert.is(lines[1], '{"k":"q","s":"MNQ","t":1748961000000,"r":1748961000012,"b":21000.25,"a":21000.5,"bs":3,"as":7,"l":21000.25}');
});

test('batches: nothing reaches the file before a flush; the timer and the batch size flush', () => {
  const dir = tempDir();
  const timer = manualTimer();
  const rec = new MarketRecorder({ dir, symbols: ['MNQ'], startedAtMs: T0, timer, maxBatchEvents: 3, fileName: 'b.ndjson' });
  const trade = (i: number) => new TradeTick('MNQ', T0 + i, 100, 1, 'buy', T0 + i);
  rec.recordTrade(trade(0));
  rec.recordTrade(trade(1));
  assert.is(readRecording(rec.path).events.length, 0);
  assert.is(rec.eventsRecorded, 2);
  timer.fire();
  assert.is(readRecording(rec.path).events.length, 2);
  rec.recordTrade(trade(2));
  rec.recordTrade(trade(3));
  rec.recordTrade(trade(4)); // third buffered: batch full
  assert.is(rec.eventsWritten, 5);
  assert.is(readRecording(rec.path).events.length, 5);
  rec.close();
  rec.close(); // idempotent
  assert.throws(() => rec.recordTrade(trade(5)), /closed/);
});

test('a torn last line is ignored; reopening cuts it and appends after the good lines', () => {
  const dir = tempDir();
  const rec = new MarketRecorder({ dir, symbols: ['MNQ'], startedAtMs: T0, flushIntervalMs: 0, fileName: 't.ndjson' });
  for (const ev of sampleEvents()) rec.record(ev);
  rec.close();
  // Simulate a crash half-way through writing one more line.
  appendFileSync(rec.path, '{"k":"t","s":"MNQ","t":17489610');
  const got = readRecording(rec.path);
  assert.is(got.events.length, sampleEvents().length);
  assert.is(got.tornTail, true);

  const again = new MarketRecorder({ dir, symbols: ['MNQ'], startedAtMs: T0 + 1000, flushIntervalMs: 0, fileName: 't.ndjson' });
  assert.is(again.header.startedAtMs, T0); // the existing header is kept
  again.recordTrade(new TradeTick('MNQ', T0 + 99, 1, 1, 'sell', T0 + 100));
  again.close();
  const after = readRecording(rec.path);
  assert.is(after.tornTail, false);
  assert.is(after.events.length, sampleEvents().length + 1);
  assert.is(after.events[after.events.length - 1].kind, 'trade');
});

test('an unterminated but complete last line is kept', () => {
  const dir = tempDir();
  const rec = new MarketRecorder({ dir, symbols: ['MNQ'], startedAtMs: T0, flushIntervalMs: 0, fileName: 'u.ndjson' });
  rec.recordTrade(new TradeTick('MNQ', T0, 1, 1, 'buy', T0));
  rec.close();
  truncateSync(rec.path, statSync(rec.path).size - 1); // drop the final newline only
  const got = readRecording(rec.path);
  assert.is(got.events.length, 1);
  assert.is(got.tornTail, false);
});

test('a corrupt line in the middle -> DataError with file:line', () => {
  const dir = tempDir();
  const rec = new MarketRecorder({ dir, symbols: ['MNQ'], startedAtMs: T0, flushIntervalMs: 0, fileName: 'c.ndjson' });
  for (const ev of sampleEvents()) rec.record(ev);
  rec.close();
  const lines = readFileSync(rec.path, 'utf8').split('\n');
  lines[3] = lines[3].slice(0, 20); // line 4 of the file
  writeFileSync(rec.path, lines.join('\n'));
  try {
    readRecording(rec.path);
    assert.unreachable('should throw');
  } catch (err) {
    assert.instance(err, DataError);
    const e = err as DataError;
    assert.is(e.line, 4);
    assert.is(e.file, rec.path);
    assert.ok(e.where!.endsWith('c.ndjson:4'));
  }
  // A well-formed line with a bad field is corrupt too.
  lines[3] = '{"k":"t","s":"MNQ","t":"soon","r":1,"p":1,"z":1,"g":"b"}';
  writeFileSync(rec.path, lines.join('\n'));
  assert.throws(() => readRecording(rec.path), (e: unknown) => e instanceof DataError && e.line === 4 && /"t"/.test(e.message));
});

test('a file without a header, or from a newer schema, is refused', () => {
  const dir = tempDir();
  const p = join(dir, 'x.ndjson');
  writeFileSync(p, '');
  assert.throws(() => readRecording(p), (e: unknown) => e instanceof DataError && e.line === 1 && /empty/.test(e.message));
  writeFileSync(p, '{"k":"t","s":"MNQ","t":1,"r":1,"p":1,"z":1,"g":"b"}\n');
  assert.throws(() => readRecording(p), (e: unknown) => e instanceof DataError && /header/.test(e.message));
  writeFileSync(p, '{"k":"h","v":99,"symbols":[]}\n');
  assert.throws(() => readRecording(p), (e: unknown) => e instanceof DataError && /newer/.test(e.message));
});

test('streaming reader: large file across read chunks, header first, lazy events', () => {
  const dir = tempDir();
  const rec = new MarketRecorder({ dir, symbols: ['MNQ'], startedAtMs: T0, flushIntervalMs: 0, fileName: 's.ndjson' });
  const n = 30_000; // ~2.5 MB: several 1 MiB chunks, lines split across chunk ends
  for (let i = 0; i < n; i++) rec.recordTrade(new TradeTick('MNQ', T0 + i, 20000 + (i % 40) * 0.25, 1 + (i % 3), i % 2 ? 'buy' : 'sell', T0 + i + 5));
  rec.close();
  const reader = RecordingReader.open(rec.path);
  assert.equal(reader.header.symbols, ['MNQ']);
  let count = 0;
  let lastTs = -1;
  for (const ev of reader.events()) {
    assert.ok(ev.kind === 'trade');
    if (ev.kind === 'trade') {
      assert.ok(ev.trade.tsMs > lastTs);
      lastTs = ev.trade.tsMs;
      if (ev.trade.tsMs - T0 !== count) assert.unreachable(`event ${count} out of place`);
    }
    count += 1;
  }
  assert.is(count, n);
});

test('recorded ticks fed to BarAggregator give the same bars as feeding them live', () => {
  const dir = tempDir();
  const timer = manualTimer();
  const rec = new MarketRecorder({ dir, symbols: ['MNQ'], instruments: [MNQ], startedAtMs: T0, timer, maxBatchEvents: 64, fileName: 'live.ndjson' });
  // The same config in both modes; the grace covers the feed latency, so the wall-clock timer
  // never closes a bar while one of its prints is still in flight.
  const config = { symbol: 'MNQ', timeframes: ['1s', '1m', '5m'], session: MNQ.session, timerGraceMs: 50 };
  const live = new BarAggregator(config);
  const liveBars: string[] = [];
  live.onBar((b, tf) => liveBars.push(`${tf} ${b.tsMs} ${b.open} ${b.high} ${b.low} ${b.close} ${b.volume}`));
  // "Live": events arrive, a 250 ms timer calls onTime with the wall clock (= receivedMs here).
  let x = 7;
  const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
  let ts = T0;
  let px = 21000;
  let nextTimer = T0 + 250;
  for (let i = 0; i < 4000; i++) {
    ts += Math.floor(rnd() * (rnd() < 0.01 ? 90_000 : 900));
    px += Math.round((rnd() - 0.5) * 6) * 0.25;
    const recv = ts + 3;
    while (nextTimer <= recv) {
      live.onTime(nextTimer);
      if (nextTimer % 1000 === 0) timer.fire();
      nextTimer += 250;
    }
    const ev: MarketEvent =
      rnd() < 0.5
        ? { kind: 'trade', trade: new TradeTick('MNQ', ts, px, 1 + Math.floor(rnd() * 4), 'buy', recv) }
        : { kind: 'quote', quote: new Quote('MNQ', ts, px - 0.25, px, 5, 5, px, recv) };
    rec.record(ev);
    live.onEvent(ev);
  }
  live.onTime(ts + 600_000);
  rec.close();

  const replay = new BarAggregator(config);
  const replayBars: string[] = [];
  replay.onBar((b, tf) => replayBars.push(`${tf} ${b.tsMs} ${b.open} ${b.high} ${b.low} ${b.close} ${b.volume}`));
  const recording = readRecording(rec.path);
  for (const ev of recording.events) {
    const t = ev.kind === 'trade' ? ev.trade.tsMs : ev.kind === 'quote' ? ev.quote.tsMs : Number.NaN;
    replay.onTime(t); // a replay drives the timer with event times
    replay.onEvent(ev);
  }
  replay.onTime(ts + 600_000);
  assert.ok(liveBars.length > 500);
  assert.equal(replayBars, liveBars);
  assert.is(live.lateEvents, 0);
  assert.is(replay.lateEvents, 0);
});

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test.run();
