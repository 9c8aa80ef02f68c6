import type { TradeRecord } from '../model/results.ts';
import { InstrumentTally } from './instrument-breakdown.ts';
import { PnlByTimeTally } from './pnl-by-time.ts';
import { RMultipleTally } from './r-multiple-stats.ts';
import { TradeStatsTally } from './trade-stats.ts';

/**
 * The per-trade metrics of a run (trade statistics, R multiples, the per-instrument breakdown, PnL by
 * hour and weekday), summed as each trade closes.
 *
 * Why: computed from the trades at the end of a run, these were loops over every trade that ran
 * once, cold (the interpreter and baseline code: ~10 ms of a 1M-bar run's ~25 ms results phase),
 * and whose optimized code (~30 ms of compiler work beside the JavaScript thread) mostly arrived
 * after they had finished. Added per trade they run with the order path, already warm. The batch
 * functions (tradeStats, rMultipleStats, instrumentBreakdown, pnlByTime) use the same tallies, so a
 * report recomputing the metrics from a results file gets the same numbers, bit for bit.
 */
export class TradeTally {
  /** Trades added. */
  count = 0;
  readonly stats = new TradeStatsTally();
  readonly rMultiples = new RMultipleTally();
  readonly byInstrument: InstrumentTally;
  readonly byTime: PnlByTimeTally;

  private readonly instruments: readonly { readonly symbol: string; readonly timeZone: string }[];

  /** `instruments` in the results file's order (the breakdown lists them first, in that order). */
  constructor(instruments: readonly { readonly symbol: string; readonly timeZone: string }[]) {
    this.instruments = instruments.map((i) => ({ symbol: i.symbol, timeZone: i.timeZone }));
    this.byInstrument = new InstrumentTally(instruments.map((i) => i.symbol));
    this.byTime = new PnlByTimeTally(instruments);
  }

  /** Whether this tally stands for `trades` of a results file with these instruments (same count, symbols, zones). */
  matches(instruments: readonly { readonly symbol: string; readonly timeZone: string }[], trades: number): boolean {
    const own = this.instruments;
    if (this.count !== trades || own.length !== instruments.length) return false;
    for (let i = 0; i < own.length; i++) if (own[i].symbol !== instruments[i].symbol || own[i].timeZone !== instruments[i].timeZone) return false;
    return true;
  }

  add(t: TradeRecord): void {
    this.count++;
    this.stats.add(t.pnl, t.entryMs, t.exitMs, t.fees, t.mae, t.mfe);
    this.rMultiples.add(t.pnl, t.riskAmount ?? Number.NaN);
    this.byInstrument.add(t.symbol, t.pnl, t.fees);
    this.byTime.add(t.symbol, t.exitMs, t.pnl);
  }
}
