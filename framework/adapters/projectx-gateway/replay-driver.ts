import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { timeframeToMs } from '../../core/time.ts';
import type { BarColumns } from '../../model/bar-columns.ts';
import type { MarketSimulator } from './market-simulator.ts';

/** Prints between event-loop yields in 'max' mode, so sockets and REST keep being served. */
const MAX_MODE_CHUNK = 1000;

/** The bar duration of a replay file: its timeframe, else the smallest step between bars, else 1 minute. */
export function replayBaseMs(columns: BarColumns): number {
  const tf = timeframeToMs(columns.timeframe);
  if (tf > 0) return tf;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < columns.length; i++) best = Math.min(best, columns.tsMs[i] - columns.tsMs[i - 1]);
  return Number.isFinite(best) && best > 0 ? best : 60_000;
}

/**
 * Plays stored bars into the gateway's market as trades and quotes: each bar becomes four prints —
 * open, the nearer extreme, the farther extreme, close (DESIGN §5's intrabar path) — a quarter of the
 * bar apart, its volume split across them (so the bars the store rebuilds equal the file's bars). The
 * book sits around each print. `speed` x real time, or 'max' (as fast as possible, yielding every
 * MAX_MODE_CHUNK prints). Pauses while the market is paused; stops when `stopped()` turns true.
 */
export async function runReplay(columns: BarColumns, contractId: string, sim: MarketSimulator, speed: number | 'max', stopped: () => boolean): Promise<void> {
  // Start on a later event-loop turn, so whoever started the gateway can subscribe or pause first.
  await new Promise<void>((r) => setImmediate(r));
  const barMs = replayBaseMs(columns);
  const stepMs = barMs / 4;
  const firstTs = columns.length > 0 ? columns.tsMs[0] : 0;
  const wallStart = performance.now();
  let pausedMs = 0;
  let count = 0;
  let lastPrice = Number.NaN;
  let lastSide = 0;
  const points = [0, 0, 0, 0];
  const vols = [0, 0, 0, 0];
  for (let i = 0; i < columns.length; i++) {
    const o = columns.open[i], h = columns.high[i], l = columns.low[i], c = columns.close[i];
    const lowFirst = o - l <= h - o;
    points[0] = o;
    points[1] = lowFirst ? l : h;
    points[2] = lowFirst ? h : l;
    points[3] = c;
    const v = Math.max(0, Math.round(columns.volume[i]));
    const q = Math.floor(v / 4);
    vols[0] = vols[1] = vols[2] = q;
    vols[3] = v - 3 * q;
    for (let k = 0; k < 4; k++) {
      if (stopped()) return;
      while (sim.paused && !stopped()) {
        const t0 = performance.now();
        await sleep(20);
        pausedMs += performance.now() - t0;
      }
      const tsMs = columns.tsMs[i] + k * stepMs;
      const price = points[k];
      const side = price > lastPrice ? 0 : price < lastPrice ? 1 : lastSide;
      lastPrice = price;
      lastSide = side;
      if (speed === 'max') {
        if (++count % MAX_MODE_CHUNK === 0) await new Promise<void>((r) => setImmediate(r));
      } else {
        const due = wallStart + pausedMs + (tsMs - firstTs) / speed;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
      }
      if (stopped()) return;
      sim.printTrade(contractId, price, { side, volume: vols[k], tsMs });
    }
  }
}
