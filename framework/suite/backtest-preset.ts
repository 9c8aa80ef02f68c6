import { BacktestClock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { HistoricalReplayFeed } from '../feed/historical-replay-feed.ts';
import { SimulatedBroker } from '../execution/simulated/simulated-broker.ts';
import { DEFAULT_FILL_MODEL, type FillModelOptions } from '../execution/simulated/fill-model.ts';
import type { BarInput } from '../model/bar-columns.ts';
import type { Instrument } from '../model/instrument.ts';
import type { PresetInput, SuiteParts } from './trading-suite.ts';

/** The backtest parts, with the concrete replay feed (its counters go in the results). */
export interface BacktestParts extends SuiteParts {
  readonly feed: HistoricalReplayFeed;
  readonly venue: SimulatedBroker;
  readonly fill: FillModelOptions;
}

/**
 * The backtest preset: HistoricalReplayFeed + SimulatedBroker (bar mode) + a clock driven by the
 * events. Series go in instrument order (the tie-break order of equal timestamps). Each series'
 * bars are in-memory columns or a streaming source (HistoryStore.open); the window's bar count and
 * time span come from the sources' indexes, so nothing is read here beyond the window's edges.
 */
export function backtestParts(
  series: readonly { readonly columns: BarInput; readonly instrument: Instrument }[],
  opts: { fromMs?: number; toMs?: number; fill?: Partial<FillModelOptions> } = {},
): BacktestParts {
  if (series.length === 0) throw new ConfigError('no data to backtest', { where: '--data', hint: 'give --data <csv|arrow|symbol>' });
  const clock = new BacktestClock();
  const feed = new HistoricalReplayFeed(
    series.map((s) => s.columns),
    { fromMs: opts.fromMs, toMs: opts.toMs, clock },
  );
  if (feed.totalBars === 0) {
    throw new ConfigError('no bars in the selected window', { where: '--from/--to', hint: 'widen --from/--to or check the data range with `pxt data info`' });
  }
  const fill: FillModelOptions = { ...DEFAULT_FILL_MODEL, ...opts.fill };
  const venue = new SimulatedBroker(clock, series.map((s) => s.instrument), fill);
  const span = feed.span;
  return { mode: 'backtest', feed, broker: venue, clock, venue, venueMatchOn: 'bars', baseTimeframe: series[0].columns.timeframe, spanMs: span.toMs - span.fromMs, fill };
}

/** backtestParts as a TradingSuite.create preset. */
export function backtestPreset(input: PresetInput): BacktestParts {
  const series = input.instruments.map((instrument) => {
    const columns = input.series.get(instrument.symbol);
    if (columns === undefined) throw new ConfigError(`no data for ${instrument.symbol}`, { where: 'data' });
    return { instrument, columns };
  });
  return backtestParts(series, { fromMs: input.fromMs, toMs: input.toMs, fill: input.fill });
}
