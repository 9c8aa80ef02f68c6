import { allocBarColumns, type BarColumns } from '../../framework/model/bar-columns.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import type { Bar } from '../../framework/model/market-data.ts';
import type { ResultsFile } from '../../framework/model/results.ts';
import { runBacktest } from '../../framework/suite/backtest.ts';
import type { TradingSuite } from '../../framework/suite/trading-suite.ts';
import { Strategy, type StrategyClass } from '../../framework/strategy/strategy.ts';
import type { StrategyContext } from '../../framework/strategy/strategy-context.ts';
import { parseRiskConfig } from '../../framework/risk/risk-config.ts';
import { RiskManager } from '../../framework/risk/risk-manager.ts';

/** A bar row: [open, high, low, close], a bare close (flat bar), or with an explicit time. */
export type Row = number | readonly [number, number, number, number] | { readonly tsMs: number; readonly ohlc: readonly [number, number, number, number] };

/** Monday 2025-01-06 09:00 CT (15:00 UTC): inside RTH, mid-session. */
export const T0 = Date.UTC(2025, 0, 6, 15, 0);

export function columns(symbol: string, rows: readonly Row[], startMs = T0): BarColumns {
  const c = allocBarColumns(symbol, '1m', rows.length);
  let t = startMs - 60_000;
  rows.forEach((r, i) => {
    let ohlc: readonly [number, number, number, number];
    if (typeof r === 'number') ohlc = [r, r, r, r];
    else if ('tsMs' in r) {
      ohlc = r.ohlc;
      t = r.tsMs - 60_000;
    } else ohlc = r;
    t += 60_000;
    c.tsMs[i] = t;
    [c.open[i], c.high[i], c.low[i], c.close[i]] = ohlc;
    c.volume[i] = 1000;
  });
  return c;
}

export type Script = (i: number, bar: Bar, ctx: StrategyContext) => void;

/** A strategy class whose onBar runs `script` with the bar's index (per instrument). */
export function scripted(script: Script): StrategyClass {
  class Scripted extends Strategy {
    static override defaults = {};
    private i = 0;
    override onBar(bar: Bar, ctx: StrategyContext): void {
      script(this.i++, bar, ctx);
    }
  }
  return Scripted as unknown as StrategyClass;
}

export interface RiskRun {
  readonly results: ResultsFile;
  readonly manager: RiskManager;
  readonly suite: TradingSuite;
}

/** Backtest `script` over the series with the risk limits of `config` (parsed as from --risk). */
export async function runWithRisk(
  config: unknown,
  series: Record<string, readonly Row[]>,
  /** The strategy's onBar; gets the manager so a script can pull the kill switch. */
  makeScript: (manager: RiskManager) => Script,
  opts: { commission?: number; cash?: number } = {},
): Promise<RiskRun> {
  const manager = RiskManager.fromConfig(parseRiskConfig(config));
  const fn = makeScript(manager);
  const out = await runBacktest({
    strategy: { cls: scripted(fn), name: 'scripted', params: {} },
    series: Object.entries(series).map(([sym, rows]) => ({ columns: columns(sym, rows), instrument: resolveInstrument(sym) })),
    startingCash: opts.cash ?? 100_000,
    fill: { commissionPerContract: opts.commission ?? 0 },
    risk: manager,
    riskStates: () => manager.states(),
    onSuite: (s) => {
      manager.attach(s);
    },
  });
  await out.suite.cleanup();
  return { results: out.results, manager, suite: out.suite };
}

export const denials = (r: ResultsFile, rule?: string) => r.risk.filter((x) => x.kind === 'denied' && (rule === undefined || x.rule === rule));
export const stateChanges = (r: ResultsFile) => r.risk.filter((x) => x.kind === 'state').map((x) => x.message.split(':')[0]);
