/**
 * Shared pieces of the paper/live tests: a seeded 1-minute MNQ series, a local gateway that replays it
 * (paused until the session is up), the connection config for it, a condition wait with a hang guard,
 * and a lock-step print driver for live runs.
 */
import { SeededRandom } from '../../framework/core/rng.ts';
import { allocBarColumns, type BarColumns } from '../../framework/model/bar-columns.ts';
import { startGateway, type RunningGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';
import { loadConnectionConfig, type ConnectionConfig } from '../../framework/config/connection-config.ts';
import type { ProjectXFeed } from '../../framework/adapters/projectx/projectx-feed.ts';
import type { ResultsFile } from '../../framework/model/results.ts';
import type { StrategyClass } from '../../framework/strategy/strategy.ts';
import { createPaperSession } from '../../framework/suite/paper-preset.ts';
import { LiveSession } from '../../framework/suite/live-session.ts';
import SmaCross from '../../strategies/sma-cross.ts';

export const T0 = Date.UTC(2024, 2, 4, 14, 30);

/** n consecutive 1-minute MNQ bars of a seeded random walk, on the 0.25 tick grid. */
export function seededBars(n: number, seed = 7, symbol = 'MNQ'): BarColumns {
  const c = allocBarColumns(symbol, '1m', n);
  const rng = new SeededRandom(seed);
  let px = 18000 * 4;
  for (let i = 0; i < n; i++) {
    const o = px;
    const close = o + rng.int(-12, 12);
    const high = Math.max(o, close) + rng.int(0, 6);
    const low = Math.min(o, close) - rng.int(0, 6);
    c.tsMs[i] = T0 + i * 60_000;
    c.open[i] = o / 4;
    c.high[i] = high / 4;
    c.low[i] = low / 4;
    c.close[i] = close / 4;
    c.volume[i] = 20 + rng.int(0, 40);
    px = close;
  }
  return c;
}

/** A gateway replaying `columns` into MNQ, paused before its first print (resume once the session is up). */
export async function replayGateway(columns: BarColumns, speed: number | 'max'): Promise<RunningGateway> {
  const gw = await startGateway({ seed: 3, replay: { columns, symbol: 'MNQ', speed } });
  gw.faults.pauseMarket();
  return gw;
}

export function gatewayConnection(gw: RunningGateway): ConnectionConfig {
  return loadConnectionConfig({ flags: { apiUrl: gw.url }, env: {}, envFile: '/nonexistent/.env' });
}

/** Resolves when `cond()` holds; rejects after a generous deadline (a hang guard, not a timing assertion). */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * The gateway replay's prints (replay-driver.ts: open, nearer extreme, farther extreme, close; a
 * quarter bar apart; volume split; side by direction), one at a time: after each print, wait until
 * `idle()` says the client has seen it and has nothing in flight, so the venue never runs ahead of
 * the client (what makes live fills comparable with the simulated venue's).
 */
export async function lockstepReplay(gw: RunningGateway, contractId: string, columns: BarColumns, idle: (printsSoFar: number) => boolean): Promise<number> {
  const stepMs = 60_000 / 4;
  let lastPrice = Number.NaN;
  let lastSide = 0;
  let prints = 0;
  for (let i = 0; i < columns.length; i++) {
    const o = columns.open[i], h = columns.high[i], l = columns.low[i], c = columns.close[i];
    const lowFirst = o - l <= h - o;
    const points = [o, lowFirst ? l : h, lowFirst ? h : l, c];
    const v = Math.max(0, Math.round(columns.volume[i]));
    const q = Math.floor(v / 4);
    const vols = [q, q, q, v - 3 * q];
    for (let k = 0; k < 4; k++) {
      const price = points[k];
      const side = price > lastPrice ? 0 : price < lastPrice ? 1 : lastSide;
      lastPrice = price;
      lastSide = side;
      gw.market.printTrade(contractId, price, { side, volume: vols[k], tsMs: columns.tsMs[i] + k * stepMs });
      prints += 1;
      await waitFor(() => idle(prints), `client idle after print ${prints}`);
    }
  }
  return prints;
}

export const SMA_FAST = { cls: SmaCross as unknown as StrategyClass, name: 'sma-cross', params: { fast: 2, slow: 5, size: 1 } };

/** sma-cross in paper mode on a max-speed gateway replay of `columns`; returns the final results and the recording. */
export async function runPaperOnReplay(columns: BarColumns, dir: string): Promise<{ results: ResultsFile; recording: string; fee: number }> {
  const gw = await replayGateway(columns, 'max');
  try {
    const fee = gw.config.markets.find((m) => m.symbol === 'MNQ')!.feePerSide;
    const prepared = await createPaperSession({ connection: gatewayConnection(gw), symbols: ['MNQ'], strategy: SMA_FAST, startingCash: 50_000, fill: { commissionPerContract: fee }, record: { dir }, firstEventWaitMs: 50 });
    const session = new LiveSession(prepared, { writeEveryMs: 0 });
    await session.start();
    const feed = prepared.suite.feed as ProjectXFeed;
    gw.faults.resumeMarket();
    await gw.replayDone;
    await waitFor(() => feed.tradesReceived >= columns.length * 4, 'every print at the client');
    return { results: await session.stop(), recording: prepared.recorder!.path, fee };
  } finally {
    await gw.close();
  }
}
