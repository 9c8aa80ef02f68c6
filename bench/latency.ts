/**
 * Live latency, tick to order: a live session (ProjectXFeed + ProjectXBroker) against the in-process
 * gateway on loopback; a strategy that sends a market order on every trade print. Measured from the
 * trade's arrival on the socket (the market hub stamps receivedMs when its handler runs) to the
 * order leaving the client (ProjectXBroker.onBeforeSend, just before the REST call), both on one
 * sub-millisecond clock. The market moves one print at a time after the previous order settled, so
 * each sample is an idle-system latency (no queueing behind earlier orders).
 * Prints one JSON line: {"scenario":"live:tick-to-order","bars":<samples>,"seconds",..,"p50Ms","p99Ms"}.
 */
import { resolve } from 'node:path';
import { allocBarColumns } from '../framework/model/bar-columns.ts';
import type { Clock } from '../framework/core/clock.ts';
import { startGateway } from '../framework/adapters/projectx-gateway/gateway-server.ts';
import type { ProjectXBroker } from '../framework/adapters/projectx/projectx-broker.ts';
import type { ProjectXFeed } from '../framework/adapters/projectx/projectx-feed.ts';
import { loadConnectionConfig } from '../framework/config/connection-config.ts';
import { AllowAllRisk } from '../framework/risk/risk-gate.ts';
import { Strategy, type StrategyClass } from '../framework/strategy/strategy.ts';
import type { StrategyContext } from '../framework/strategy/strategy-context.ts';
import type { TradeTick } from '../framework/model/market-data.ts';
import { createLiveSession } from '../framework/suite/live-preset.ts';
import { LiveSession } from '../framework/suite/live-session.ts';

const SAMPLES = Number(process.env.LATENCY_SAMPLES ?? 1000);
const WARMUP = 50;

/** Orders on every print: buy when flat, sell when long (so fills alternate and positions stay small). */
class EveryTick extends Strategy {
  override onBar(): void {}
  override onTrade(_t: TradeTick, ctx: StrategyContext): void {
    if (ctx.workingOrders().length > 0) return;
    ctx.market(ctx.position.isLong ? 'sell' : 'buy', 1);
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i];
}

export async function runLatencyBench(samples = SAMPLES): Promise<{ p50Ms: number; p99Ms: number; samples: number }> {
  const preciseClock: Clock = { nowMs: () => performance.timeOrigin + performance.now() };
  const gw = await startGateway({ seed: 2, config: { rateLimits: { generalPerWindow: 1_000_000 } }, replay: { columns: allocBarColumns('MNQ', '1m', 0), symbol: 'MNQ', speed: 'max' } });
  const contractId = gw.config.markets.find((m) => m.symbol === 'MNQ')!.contractId;
  try {
    const prepared = await createLiveSession({
      connection: loadConnectionConfig({ flags: { apiUrl: gw.url }, env: {}, envFile: '/nonexistent/.env' }),
      symbols: ['MNQ'],
      strategy: { cls: EveryTick as unknown as StrategyClass, name: 'every-tick', params: {} },
      startingCash: 100_000,
      confirmLive: true,
      risk: new AllowAllRisk(),
      record: false,
      clock: preciseClock,
      firstEventWaitMs: 0,
      // The venue allows 200 requests a minute; the local gateway is told otherwise so samples do not wait on it.
      rateLimits: { general: { maxRequests: 1_000_000, windowMs: 60_000 } },
    });
    const session = new LiveSession(prepared, { writeEveryMs: 0 });
    await session.start();
    const feed = prepared.suite.feed as ProjectXFeed;
    const broker = prepared.suite.broker as ProjectXBroker;
    let lastTradeRecv = Number.NaN;
    feed.onTradeReceived = (t) => (lastTradeRecv = t.receivedMs);
    const lat: number[] = [];
    broker.onBeforeSend = () => lat.push(preciseClock.nowMs() - lastTradeRecv);
    const started = performance.now();
    const t0 = Date.UTC(2024, 0, 2, 15, 0);
    let price = 18000;
    for (let i = 0; i < samples + WARMUP; i++) {
      price += i % 2 === 0 ? 0.25 : -0.25;
      const sent = lat.length;
      gw.market.printTrade(contractId, price, { volume: 1, tsMs: t0 + i * 100 });
      // Wait for this print's order to leave and settle (fill back), so samples do not queue.
      while (lat.length === sent || broker.pendingCount > 0) await new Promise<void>((r) => setImmediate(r));
    }
    const seconds = (performance.now() - started) / 1000;
    await session.stop();
    const measured = lat.slice(WARMUP).sort((a, b) => a - b);
    const p50Ms = Number(percentile(measured, 0.5).toFixed(4));
    const p99Ms = Number(percentile(measured, 0.99).toFixed(4));
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({ scenario: 'live:tick-to-order', bars: measured.length, seconds: Number(seconds.toFixed(3)), barsPerSec: Math.round(measured.length / seconds), peakRssMb: Number(peakRssMb.toFixed(1)), p50Ms, p99Ms }));
    return { p50Ms, p99Ms, samples: measured.length };
  } finally {
    await gw.close();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  await runLatencyBench();
}
