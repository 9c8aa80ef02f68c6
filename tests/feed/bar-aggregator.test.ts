import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BarAggregator, type BarAggregatorOptions } from '../../framework/feed/bar-aggregator.ts';
import { Bar, Quote, TradeTick } from '../../framework/model/market-data.ts';

const T0 = Date.UTC(2025, 5, 2, 14, 0, 0); // a Monday, 09:00 CT
const S = 1000;
const M = 60_000;

function trade(tsMs: number, price: number, size = 1): TradeTick {
  return new TradeTick('MNQ', tsMs, price, size, 'unknown', tsMs);
}
function quote(tsMs: number, bid: number, ask: number, last = Number.NaN): Quote {
  return new Quote('MNQ', tsMs, bid, ask, 1, 1, last, tsMs);
}

function make(opts: Partial<BarAggregatorOptions> = {}) {
  const agg = new BarAggregator({ symbol: 'MNQ', timeframes: ['1m', '5m'], ...opts });
  const out: Array<{ tf: string; bar: Bar }> = [];
  agg.onBar((bar, tf) => out.push({ tf, bar }));
  const of = (tf: string) => out.filter((o) => o.tf === tf).map((o) => o.bar);
  return { agg, out, of };
}

const ohlcv = (b: Bar) => [b.tsMs, b.open, b.high, b.low, b.close, b.volume];

test('hand-made ticks -> exact 1m and 5m OHLCV', () => {
  const { agg, of } = make();
  const ticks: Array<[number, number, number]> = [
    [0, 100, 1], [10 * S, 101, 2], [30 * S, 99.5, 1], [59 * S + 999, 100.25, 3], // 1m #0
    [M, 100.5, 1], [M + 20 * S, 102, 1], [M + 50 * S, 101.75, 2], // 1m #1
    [3 * M + 5 * S, 98, 4], // 1m #3 (minute 2 has no trades: no bar)
    [4 * M + 59 * S, 98.5, 1], // 1m #4
    [5 * M, 99, 1], // opens 1m #5 and 5m #1, closes the rest
  ];
  for (const [dt, p, z] of ticks) agg.onTrade(trade(T0 + dt, p, z));
  assert.equal(of('1m').map(ohlcv), [
    [T0, 100, 101, 99.5, 100.25, 7],
    [T0 + M, 100.5, 102, 100.5, 101.75, 4],
    [T0 + 3 * M, 98, 98, 98, 98, 4],
    [T0 + 4 * M, 98.5, 98.5, 98.5, 98.5, 1],
  ]);
  assert.equal(of('5m').map(ohlcv), [[T0, 100, 102, 98, 98.5, 16]]);
  assert.equal(ohlcv(agg.current('1m')!), [T0 + 5 * M, 99, 99, 99, 99, 1]);
  assert.equal(ohlcv(agg.current('5m')!), [T0 + 5 * M, 99, 99, 99, 99, 1]);
  assert.is(agg.lateEvents, 0);
});

test('an event at exactly the bar end belongs to the next bar', () => {
  const { agg, of } = make({ timeframes: ['1m'] });
  agg.onTrade(trade(T0, 10));
  agg.onTrade(trade(T0 + M - 1, 11));
  assert.is(of('1m').length, 0);
  agg.onTrade(trade(T0 + M, 12));
  assert.equal(of('1m').map(ohlcv), [[T0, 10, 11, 10, 11, 2]]);
  assert.equal(ohlcv(agg.current('1m')!), [T0 + M, 12, 12, 12, 12, 1]);
});

test('quote-only bars: mid price, volume 0; a trade takes the bar over', () => {
  const { agg, of } = make({ timeframes: ['1m'] });
  agg.onQuote(quote(T0 + 1 * S, 100, 100.5)); // mid 100.25
  agg.onQuote(quote(T0 + 2 * S, 100.5, 101)); // 100.75
  agg.onQuote(quote(T0 + 3 * S, 99.5, 100)); // 99.75
  agg.onQuote(quote(T0 + 4 * S, Number.NaN, 100, 99.75)); // one side missing -> last
  agg.onQuote(quote(T0 + M + 1 * S, 100, 100.5));
  agg.onTrade(trade(T0 + M + 2 * S, 102, 3)); // restarts minute 1 from the trade
  agg.onQuote(quote(T0 + M + 3 * S, 110, 110.5)); // ignored: the bar has trades
  agg.onTime(T0 + 2 * M);
  assert.equal(of('1m').map(ohlcv), [
    [T0, 100.25, 100.75, 99.75, 99.75, 0],
    [T0 + M, 102, 102, 102, 102, 3],
  ]);
});

test('trades-only ignores quote prices but quotes still close bars; quotes-mid counts trade volume', () => {
  const a = make({ timeframes: ['1m'], quoteMode: 'trades-only' });
  a.agg.onQuote(quote(T0, 100, 101));
  assert.is(a.agg.current('1m'), undefined);
  a.agg.onTrade(trade(T0 + S, 50));
  a.agg.onQuote(quote(T0 + M, 100, 101));
  assert.equal(a.of('1m').map(ohlcv), [[T0, 50, 50, 50, 50, 1]]);
  assert.is(a.agg.current('1m'), undefined);

  const b = make({ timeframes: ['1m'], quoteMode: 'quotes-mid' });
  b.agg.onQuote(quote(T0, 100, 101));
  b.agg.onTrade(trade(T0 + S, 200, 5));
  b.agg.onQuote(quote(T0 + 2 * S, 101, 102));
  b.agg.onTime(T0 + M);
  assert.equal(b.of('1m').map(ohlcv), [[T0, 100.5, 101.5, 100.5, 101.5, 5]]);
});

test('quiet market: onTime closes every bar whose end has passed, and no earlier', () => {
  const { agg, out } = make();
  agg.onTrade(trade(T0 + 10 * S, 100));
  agg.onTime(T0 + M - 1);
  assert.is(out.length, 0);
  agg.onTime(T0 + M);
  assert.equal(out.map((o) => [o.tf, o.bar.tsMs]), [['1m', T0]]);
  agg.onTime(T0 + 5 * M);
  assert.equal(out.map((o) => [o.tf, o.bar.tsMs]), [['1m', T0], ['5m', T0]]);
  assert.is(agg.current('1m'), undefined);
  assert.is(agg.current('5m'), undefined);
});

test('timer grace delays the quiet-market close', () => {
  const { agg, out } = make({ timeframes: ['1m'], timerGraceMs: 250 });
  agg.onTrade(trade(T0, 100));
  agg.onTime(T0 + M + 249);
  assert.is(out.length, 0);
  agg.onTrade(trade(T0 + M - 5, 101)); // in flight when the minute turned: still counted
  agg.onTime(T0 + M + 250);
  assert.equal(out.map((o) => ohlcv(o.bar)), [[T0, 100, 101, 100, 101, 2]]);
});

test('late events are counted and dropped by every timeframe', () => {
  const { agg, of } = make();
  agg.onTrade(trade(T0 + M + S, 100));
  agg.onTrade(trade(T0 + M - S, 500)); // older than the open 1m bar's start
  assert.is(agg.lateEvents, 1);
  agg.onTime(T0 + 2 * M);
  agg.onTrade(trade(T0 + 2 * M - 1, 600)); // the bar it belongs to is already closed
  assert.is(agg.lateEvents, 2);
  agg.onTrade(trade(T0 + 2 * M + S, 101)); // fine
  agg.onTime(T0 + 5 * M);
  assert.equal(of('1m').map(ohlcv), [[T0 + M, 100, 100, 100, 100, 1], [T0 + 2 * M, 101, 101, 101, 101, 1]]);
  assert.equal(of('5m').map(ohlcv), [[T0, 100, 101, 100, 101, 2]]);
  assert.is(agg.eventsAccepted, 2);
});

test('an out-of-order event inside the open bar moves high/low, not the close', () => {
  const { agg, of } = make({ timeframes: ['1m'] });
  agg.onTrade(trade(T0 + 30 * S, 100));
  agg.onTrade(trade(T0 + 40 * S, 101));
  agg.onTrade(trade(T0 + 35 * S, 105));
  agg.onTime(T0 + M);
  assert.equal(of('1m').map(ohlcv), [[T0, 100, 105, 100, 101, 3]]);
});

test('determinism: bars closed by the next event equal bars closed by onTime', () => {
  // Deterministic pseudo-random walk with quiet gaps.
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ticks: TradeTick[] = [];
  let ts = T0;
  let p = 20000;
  for (let i = 0; i < 5000; i++) {
    ts += Math.floor(rnd() * (rnd() < 0.02 ? 10 * M : 3 * S));
    p += Math.round((rnd() - 0.5) * 8) * 0.25;
    ticks.push(trade(ts, p, 1 + Math.floor(rnd() * 5)));
  }
  const tfs = ['1s', '5s', '15s', '30s', '1m', '5m', '15m', '30m', '1h', '4h', '1d'];
  const a = make({ timeframes: tfs });
  for (const t of ticks) a.agg.onTrade(t);
  a.agg.onTime(ts + 2 * 86_400_000);
  const b = make({ timeframes: tfs });
  // A timer never runs ahead of the events still to come: fire it halfway between events and at
  // each event's own time (what a replay of recordings does).
  let prev = ticks[0].tsMs;
  for (const t of ticks) {
    b.agg.onTime(prev + Math.floor((t.tsMs - prev) / 2));
    b.agg.onTime(t.tsMs);
    b.agg.onTrade(t);
    prev = t.tsMs;
  }
  b.agg.onTime(ts + 2 * 86_400_000);
  assert.ok(a.out.length > 1000);
  assert.equal(b.out.map((o) => [o.tf, ...ohlcv(o.bar)]), a.out.map((o) => [o.tf, ...ohlcv(o.bar)]));
  assert.is(a.agg.lateEvents, 0);
  assert.is(b.agg.lateEvents, 0);
});

test('bars$ emits the closed bars of one timeframe; unknown timeframes are refused', () => {
  const agg = new BarAggregator({ symbol: 'MNQ', timeframes: ['1m', '5m'] });
  const got: number[] = [];
  const sub = agg.bars$('5m').subscribe((b) => got.push(b.tsMs));
  agg.onTrade(trade(T0, 1));
  agg.onTrade(trade(T0 + 5 * M, 2));
  agg.onTime(T0 + 10 * M);
  sub.unsubscribe();
  assert.equal(got, [T0, T0 + 5 * M]);
  assert.throws(() => agg.current('15m'), /not aggregated/);
  assert.throws(() => new BarAggregator({ symbol: 'MNQ', timeframes: ['7x'] }), /unknown timeframe/);
  assert.throws(() => agg.onTrade(new TradeTick('ES', T0 + 11 * M, 1, 1, 'buy', 0)), /ES/);
});

test('1m source bars aggregate into 5m', () => {
  const { agg, of } = make({ timeframes: ['5m'] });
  for (let i = 0; i < 10; i++) agg.onSourceBar(new Bar('MNQ', T0 + i * M, 100 + i, 101 + i, 99 + i, 100.5 + i, 10));
  agg.onTime(T0 + 10 * M);
  assert.equal(of('5m').map(ohlcv), [[T0, 100, 105, 99, 104.5, 50], [T0 + 5 * M, 105, 110, 104, 109.5, 50]]);
});

test.run();
