/**
 * Indicator micro benchmark: 1M bar updates per indicator through `updateBar`, printing one JSON line each:
 * {"scenario":"indicator:sma(20)","bars":N,"seconds":s,"barsPerSec":x,"peakRssMb":m}.
 * Bars come from Float64Array columns through one reused mutable view (indicators never keep the bar),
 * so the number is the indicator's cost, not bar allocation. Each indicator is warmed up (JIT) first.
 * peakRssMb is the process's peak resident set so far (it only grows across scenarios).
 * Run: npx tsx bench/indicators.ts  (or import { runIndicatorBench } from bench/run.ts).
 */
import { resolve } from 'node:path';
import { SeededRandom } from '../framework/core/rng.ts';
import { atr, bollinger, createIndicator, donchian, ema, macd, rsi, sma, stochastic, vwap, wma } from '../framework/indicators/index.ts';
import type { Indicator } from '../framework/indicators/index.ts';

const BARS = 1_000_000;
const WARMUP_BARS = 200_000;

interface Columns {
  tsMs: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

function makeColumns(n: number, seed: number): Columns {
  const rng = new SeededRandom(seed);
  const c: Columns = { tsMs: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  let px = 20_000;
  const t0 = Date.UTC(2025, 0, 6);
  for (let i = 0; i < n; i++) {
    const o = px;
    px *= Math.exp(0.0008 * rng.normal());
    c.tsMs[i] = t0 + i * 60_000;
    c.open[i] = o;
    c.close[i] = px;
    c.high[i] = Math.max(o, px) * (1 + 0.0004 * rng.next());
    c.low[i] = Math.min(o, px) * (1 - 0.0004 * rng.next());
    c.volume[i] = rng.int(1, 500);
  }
  return c;
}

/** Feeds bars [0, n) through one mutable view; returns a checksum so the work cannot be optimised away. */
function feed(ind: Indicator<unknown>, c: Columns, n: number): number {
  const bar = { tsMs: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  let sink = 0;
  for (let i = 0; i < n; i++) {
    bar.tsMs = c.tsMs[i];
    bar.open = c.open[i];
    bar.high = c.high[i];
    bar.low = c.low[i];
    bar.close = c.close[i];
    bar.volume = c.volume[i];
    ind.updateBar(bar);
    if (ind.isReady) sink++;
  }
  return sink;
}

function scenarios(): Array<() => Indicator<unknown>> {
  return [
    () => sma(20),
    () => ema(20),
    () => wma(20),
    () => rsi(14),
    () => atr(14),
    () => bollinger(20, 2),
    () => macd(12, 26, 9),
    () => stochastic(14, 3, 3),
    () => donchian(20),
    () => vwap(),
    () => createIndicator('adx', { period: 14 }),
    () => createIndicator('cci', { period: 20 }),
    () => createIndicator('bullish-engulfing'),
  ];
}

export async function runIndicatorBench(): Promise<void> {
  const cols = makeColumns(BARS, 1234);
  for (const make of scenarios()) {
    feed(make(), cols, WARMUP_BARS);
    const ind = make();
    const started = process.hrtime.bigint();
    const ready = feed(ind, cols, BARS);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (ready === 0) throw new Error(`${ind.name} never became ready`);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(
      JSON.stringify({
        scenario: `indicator:${ind.name}`,
        bars: BARS,
        seconds: Number(seconds.toFixed(4)),
        barsPerSec: Math.round(BARS / seconds),
        peakRssMb: Number(peakRssMb.toFixed(1)),
      }),
    );
    await Promise.resolve(); // let a caller's event loop breathe between scenarios
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  await runIndicatorBench();
}
