/**
 * A realistic synthetic ResultsFile for report tests and the report bench: a seeded random walk per
 * instrument on a 5-minute grid (CME-like 23-hour sessions on weekdays), round trips placed on that grid
 * with MAE/MFE taken from the path, equity marked to market on every step and downsampled like the
 * engine does. Deterministic for a given seed.
 */
import { SeededRandom } from '../../framework/core/rng.ts';
import { MS_PER_DAY, MS_PER_MINUTE, civilDate, daysFromCivil } from '../../framework/core/time.ts';
import {
  RESULTS_SCHEMA,
  type DailyEquityPoint,
  type DailyPricePoint,
  type EquityPoint,
  type FillRecord,
  type InstrumentInfo,
  type OrderRecord,
  type ResultsFile,
  type RiskRecord,
  type TradeRecord,
} from '../../framework/model/results.ts';

export interface FixtureOptions {
  readonly seed?: number;
  readonly days?: number;
  readonly symbols?: readonly ('MNQ' | 'MES' | 'MGC' | 'MCL')[];
  /** Approximate number of round trips over the whole run (all instruments). */
  readonly trades?: number;
  readonly candleMinutes?: number;
  readonly equityPoints?: number;
  readonly strategy?: string;
  readonly drift?: number;
  readonly startDate?: string;
}

const SPECS: Record<string, { tickSize: number; tickValue: number; price: number; sigma: number; contract: string }> = {
  MNQ: { tickSize: 0.25, tickValue: 0.5, price: 17000, sigma: 6, contract: 'CON.F.US.MNQ.H25' },
  MES: { tickSize: 0.25, tickValue: 1.25, price: 4800, sigma: 1.8, contract: 'CON.F.US.MES.H25' },
  MGC: { tickSize: 0.1, tickValue: 1, price: 2000, sigma: 0.9, contract: 'CON.F.US.MGC.J25' },
  MCL: { tickSize: 0.01, tickValue: 1, price: 75, sigma: 0.08, contract: 'CON.F.US.MCLE.H25' },
};

const STEP_MIN = 5;
const SESSION_MIN = 23 * 60;
const STEPS_PER_DAY = SESSION_MIN / STEP_MIN;

export function makeFixtureResults(opts: FixtureOptions = {}): ResultsFile {
  const rng = new SeededRandom(opts.seed ?? 7);
  const days = opts.days ?? 300;
  const symbols = opts.symbols ?? ['MNQ', 'MES'];
  const targetTrades = opts.trades ?? 400;
  const candleMin = opts.candleMinutes ?? 120;
  const startingCash = 50_000;
  const commission = 0.37;

  // Trading dates (weekdays) and the UTC start of each session (17:00 CT ≈ 23:00 UTC the day before).
  const dates: string[] = [];
  for (let d = daysFromCivil(opts.startDate ?? '2024-01-02'); dates.length < days; d++) {
    const wd = (((d + 4) % 7) + 7) % 7;
    if (wd !== 0 && wd !== 6) dates.push(civilDate(d));
  }
  const nSteps = days * STEPS_PER_DAY;
  const tsAt = (i: number): number => {
    const day = Math.floor(i / STEPS_PER_DAY);
    return daysFromCivil(dates[day]) * MS_PER_DAY - MS_PER_DAY + 23 * 60 * MS_PER_MINUTE + (i % STEPS_PER_DAY) * STEP_MIN * MS_PER_MINUTE;
  };

  const instruments: InstrumentInfo[] = symbols.map((s) => ({
    symbol: s,
    contractId: SPECS[s].contract,
    tickSize: SPECS[s].tickSize,
    tickValue: SPECS[s].tickValue,
    pointValue: SPECS[s].tickValue / SPECS[s].tickSize,
    currency: 'USD',
    timeZone: 'America/Chicago',
    timeframe: '1m',
  }));

  // Correlated random walks (common factor), snapped to tick.
  const paths = symbols.map(() => new Float64Array(nSteps));
  const last = symbols.map((s) => SPECS[s].price);
  const drift = opts.drift ?? 0.02;
  for (let i = 0; i < nSteps; i++) {
    const common = rng.normal();
    symbols.forEach((s, k) => {
      const spec = SPECS[s];
      const z = 0.6 * common + 0.8 * rng.normal();
      const p = Math.max(spec.tickSize, last[k] + spec.sigma * (z + drift));
      last[k] = p;
      paths[k][i] = Math.round(p / spec.tickSize) * spec.tickSize;
    });
  }

  // Round trips: one position at a time per instrument, entry and exit on the grid.
  const trades: TradeRecord[] = [];
  const fills: FillRecord[] = [];
  const orders: OrderRecord[] = [];
  const perInstrument = Math.max(1, Math.round(targetTrades / symbols.length));
  const meanGap = Math.max(2, Math.floor(nSteps / perInstrument));
  symbols.forEach((s, k) => {
    const ins = instruments[k];
    const path = paths[k];
    let i = rng.int(1, meanGap);
    while (i < nSteps - 2) {
      // Intraday holds: 5 minutes to 6 hours.
      const hold = Math.min(nSteps - 1 - i, rng.int(1, Math.min(72, Math.max(2, Math.floor(meanGap * 0.6)))));
      const j = i + hold;
      // A small edge (this synthetic strategy peeks): the right side 56 % of the time.
      const up = path[j] >= path[i];
      const side: 'long' | 'short' = rng.next() < 0.56 === up ? 'long' : 'short';
      const dir = side === 'long' ? 1 : -1;
      const size = rng.int(1, 3);
      const entry = path[i];
      const exit = path[j];
      let lo = entry;
      let hi = entry;
      for (let q = i; q <= j; q++) {
        if (path[q] < lo) lo = path[q];
        if (path[q] > hi) hi = path[q];
      }
      const fees = 2 * commission * size;
      const gross = (exit - entry) * dir * ins.pointValue * size;
      const pnl = round2(gross - fees);
      const mae = round2(Math.min(0, (dir > 0 ? lo - entry : entry - hi) * ins.pointValue * size));
      const mfe = round2(Math.max(0, (dir > 0 ? hi - entry : entry - lo) * ins.pointValue * size));
      const stopTicks = rng.next() < 0.6 ? rng.int(8, 40) : 0;
      const entryMs = tsAt(i);
      const exitMs = tsAt(j);
      trades.push({
        symbol: s,
        side,
        size,
        entryMs,
        entryPrice: entry,
        exitMs,
        exitPrice: exit,
        pnl,
        fees: round2(fees),
        mae,
        mfe,
        riskAmount: stopTicks > 0 ? round2(stopTicks * ins.tickValue * size) : null,
        pnlTicks: Math.round(((exit - entry) * dir) / ins.tickSize),
      });
      const n = trades.length;
      for (const [leg, ts, px, buy] of [
        ['e', entryMs, entry, dir > 0],
        ['x', exitMs, exit, dir < 0],
      ] as const) {
        const id = `ord-${n}-${leg}`;
        orders.push({
          clientOrderId: id,
          symbol: s,
          side: buy ? 'buy' : 'sell',
          type: 'market',
          size,
          limitPrice: null,
          stopPrice: null,
          trailTicks: null,
          status: 'filled',
          filledSize: size,
          avgFillPrice: px,
          createdMs: ts - STEP_MIN * MS_PER_MINUTE,
          parentClientOrderId: null,
          ocoGroup: null,
          tag: null,
          history: [
            { status: 'working', tsMs: ts - STEP_MIN * MS_PER_MINUTE },
            { status: 'filled', tsMs: ts },
          ],
        });
        fills.push({ fillId: `fill-${n}-${leg}`, clientOrderId: id, symbol: s, side: buy ? 'buy' : 'sell', size, price: px, tsMs: ts, fee: round2(commission * size) });
      }
      i = j + rng.int(1, meanGap);
    }
  });
  trades.sort((a, b) => a.exitMs - b.exitMs || a.symbol.localeCompare(b.symbol));

  // Mark-to-market equity on every step: realized PnL of closed trades plus open positions at the path price.
  const equityAll = new Float64Array(nSteps);
  const byEntry = [...trades].sort((a, b) => a.entryMs - b.entryMs);
  const symIndex = new Map<string, number>(symbols.map((s, k) => [s, k]));
  let realized = 0;
  let barsInMarket = 0;
  let peak = startingCash;
  let peakMs = tsAt(0);
  const drawdown = { maxDrawdownPct: 0, maxDrawdown: 0, peakMs: null as number | null, troughMs: null as number | null, recoveryMs: null as number | null };
  let ddPeak = 0;
  let ei = 0;
  let xi = 0;
  const open = new Set<TradeRecord>();
  for (let i = 0; i < nSteps; i++) {
    const ts = tsAt(i);
    while (ei < byEntry.length && byEntry[ei].entryMs <= ts) open.add(byEntry[ei++]);
    while (xi < trades.length && trades[xi].exitMs <= ts) {
      realized += trades[xi].pnl;
      open.delete(trades[xi++]);
    }
    let unreal = 0;
    for (const t of open) {
      const k = symIndex.get(t.symbol)!;
      unreal += (paths[k][i] - t.entryPrice) * (t.side === 'long' ? 1 : -1) * instruments[k].pointValue * t.size;
    }
    const eq = round2(startingCash + realized + unreal);
    equityAll[i] = eq;
    if (open.size > 0) barsInMarket++;
    // Exact bar-resolution drawdown, as portfolio/account.ts records it.
    if (eq >= peak) {
      if (drawdown.troughMs !== null && drawdown.recoveryMs === null && eq >= ddPeak) drawdown.recoveryMs = ts;
      if (eq > peak) {
        peak = eq;
        peakMs = ts;
      }
    } else {
      drawdown.maxDrawdown = Math.max(drawdown.maxDrawdown, round2(peak - eq));
      const pct = (peak - eq) / peak;
      if (pct > drawdown.maxDrawdownPct) {
        Object.assign(drawdown, { maxDrawdownPct: pct, peakMs, troughMs: ts, recoveryMs: null });
        ddPeak = peak;
      }
    }
  }

  const targetPoints = opts.equityPoints ?? 3000;
  const every = Math.max(1, Math.floor(nSteps / targetPoints));
  const equityCurve: EquityPoint[] = [];
  const priceCurves: Record<string, { tsMs: number; close: number }[]> = Object.fromEntries(symbols.map((s) => [s, []]));
  for (let i = 0; i < nSteps; i += every) {
    // Drawdown-preserving downsampling: keep the lowest point of each bucket.
    let m = i;
    for (let q = i; q < Math.min(nSteps, i + every); q++) if (equityAll[q] < equityAll[m]) m = q;
    equityCurve.push({ tsMs: tsAt(m), equity: equityAll[m] });
    symbols.forEach((s, k) => priceCurves[s].push({ tsMs: tsAt(m), close: paths[k][m] }));
  }
  equityCurve.push({ tsMs: tsAt(nSteps - 1), equity: equityAll[nSteps - 1] });

  const dailyEquity: DailyEquityPoint[] = dates.map((date, d) => ({ date, equity: equityAll[(d + 1) * STEPS_PER_DAY - 1] }));
  const dailyPrices: Record<string, DailyPricePoint[]> = Object.fromEntries(
    symbols.map((s, k) => [s, dates.map((date, d) => ({ date, close: paths[k][(d + 1) * STEPS_PER_DAY - 1] }))]),
  );

  const perCandle = Math.max(1, Math.round(candleMin / STEP_MIN));
  const candles: ResultsFile['candles'] = {};
  symbols.forEach((s, k) => {
    const rows: [number, number, number, number, number][] = [];
    for (let d = 0; d < days; d++) {
      for (let c = 0; c < STEPS_PER_DAY; c += perCandle) {
        const a = d * STEPS_PER_DAY + c;
        const b = Math.min((d + 1) * STEPS_PER_DAY, a + perCandle);
        let hi = -Infinity;
        let lo = Infinity;
        for (let q = a; q < b; q++) {
          hi = Math.max(hi, paths[k][q]);
          lo = Math.min(lo, paths[k][q]);
        }
        const open = a > 0 ? paths[k][a - 1] : paths[k][a];
        rows.push([tsAt(a), open, Math.max(hi, open), Math.min(lo, open), paths[k][b - 1]]);
      }
    }
    candles[s] = { timeframe: `${perCandle * STEP_MIN}m`, rows };
  });

  const risk: RiskRecord[] = [];
  for (let r = 0; r < 4; r++) {
    const t = trades[Math.floor((r + 1) * (trades.length / 5))];
    if (t === undefined) continue;
    risk.push({ tsMs: t.entryMs, kind: 'denied', rule: r % 2 ? 'maxPositionContracts' : 'dailyLossLimit', message: r % 2 ? 'position would exceed 3 contracts' : 'daily loss limit of 1000 USD reached', symbol: t.symbol, clientOrderId: `ord-denied-${r}` });
  }

  const portfolio =
    symbols.length > 1
      ? { correlation: { symbols: [...symbols], matrix: correlationMatrix(symbols.map((s) => dailyPrices[s].map((p) => p.close))) } }
      : undefined;

  const final = equityAll[nSteps - 1];
  const fees = trades.reduce((s, t) => s + t.fees, 0);
  return {
    schema: RESULTS_SCHEMA,
    run: {
      mode: 'backtest',
      strategy: opts.strategy ?? 'sma-cross',
      params: { fast: 10, slow: 30, stopTicks: 20, targetTicks: 40 },
      config: { startingCash, commissionPerContract: commission, slippageTicks: 1, closeAtEnd: true },
      fillModel: {
        name: 'bar-pessimistic',
        description:
          "Bar mode: orders fill from the next bar on; market at next open + 1 tick slippage; limits fill only when traded through at min(open, limit); stops at max(open, stop) + slippage; intrabar path open → nearer extreme → farther extreme → close, stop first when both are reachable ('pessimistic').",
        options: { touch: false, intrabar: 'pessimistic' },
      },
      timing: { startedAt: '2025-03-04T15:06:07.000Z', wallSeconds: 1.5, barsPerSec: 1_000_000 },
    },
    instruments,
    period: { fromMs: tsAt(0), toMs: tsAt(nSteps - 1) + STEP_MIN * MS_PER_MINUTE },
    bars: Object.fromEntries(symbols.map((s) => [s, days * SESSION_MIN])),
    orders,
    fills,
    trades,
    dailyEquity,
    equityCurve,
    priceCurves,
    dailyPrices,
    candles,
    risk,
    drawdown,
    exposure: { barsSeen: nSteps, barsInMarket },
    metrics: {},
    final: { equity: final, cash: final, realizedPnl: round2(final - startingCash), fees: round2(fees), openPositions: [] },
    ...(portfolio ? { portfolio } : {}),
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function correlationMatrix(series: number[][]): number[][] {
  const rets = series.map((s) => s.slice(1).map((p, i) => p / s[i] - 1));
  const corr = (a: number[], b: number[]): number => {
    const n = a.length;
    const ma = a.reduce((x, y) => x + y, 0) / n;
    const mb = b.reduce((x, y) => x + y, 0) / n;
    let c = 0;
    let va = 0;
    let vb = 0;
    for (let i = 0; i < n; i++) {
      c += (a[i] - ma) * (b[i] - mb);
      va += (a[i] - ma) ** 2;
      vb += (b[i] - mb) ** 2;
    }
    return Math.round((c / Math.sqrt(va * vb)) * 1000) / 1000;
  };
  return rets.map((a) => rets.map((b) => corr(a, b)));
}
