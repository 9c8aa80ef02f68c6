import { ConfigError } from '../core/errors.ts';
import { isBarSeriesSource, type BarInput, type BarSeriesSource } from '../model/bar-columns.ts';
import type { Instrument } from '../model/instrument.ts';
import { resolveInstrument } from '../model/instrument-registry.ts';

/**
 * Loads one instrument's base-timeframe history (a store, a CSV, a download, a fixture...): columns
 * in memory, or a streaming source (`HistoryStore.open(symbol, timeframe)`), which a backtest
 * replays batch by batch without holding the history.
 */
export type DataLoader = (instrument: Instrument, timeframe: string) => BarInput | Promise<BarInput>;
/** A loader, or the series themselves keyed by symbol. */
export type DataSource = DataLoader | Readonly<Record<string, BarInput>>;

/** An instrument that could not be set up, by name, with why. */
export interface SetupFailure {
  readonly symbol: string;
  readonly reason: string;
}

export interface ReadyInstrument {
  readonly instrument: Instrument;
  /** Its history, when a data source was given. */
  readonly columns: BarInput | undefined;
}

/**
 * Set up every instrument in parallel (Promise.allSettled): resolve its spec (a symbol through the
 * registry, or a spec given as is) and load its data. One instrument's failure (unknown symbol, no
 * data, a loader error) never stops the others: it comes back by name in `failures`. Ready
 * instruments keep the order they were given in (the tie-break order of equal timestamps).
 */
export async function setupInstruments(
  specs: readonly (string | Instrument)[],
  timeframe: string,
  data: DataSource | undefined,
  dataRequired: boolean,
): Promise<{ ready: ReadyInstrument[]; failures: SetupFailure[] }> {
  const names = specs.map((s) => (typeof s === 'string' ? s.toUpperCase() : s.symbol));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new ConfigError(`instrument ${dup} given twice`, { where: 'instruments', hint: 'name each instrument once' });
  const settled = await Promise.allSettled(specs.map((spec) => setupOne(spec, timeframe, data, dataRequired)));
  const ready: ReadyInstrument[] = [];
  const failures: SetupFailure[] = [];
  settled.forEach((r, i) => {
    if (r.status === 'fulfilled') ready.push(r.value);
    else failures.push({ symbol: names[i], reason: r.reason instanceof Error ? r.reason.message : String(r.reason) });
  });
  return { ready, failures };
}

async function setupOne(spec: string | Instrument, timeframe: string, data: DataSource | undefined, dataRequired: boolean): Promise<ReadyInstrument> {
  const instrument = typeof spec === 'string' ? resolveInstrument(spec) : spec;
  if (data === undefined) {
    if (dataRequired) throw new ConfigError(`no data source for ${instrument.symbol}`);
    return { instrument, columns: undefined };
  }
  let columns: BarInput | undefined;
  if (typeof data === 'function') columns = await data(instrument, timeframe);
  else columns = data[instrument.symbol];
  const empty = columns === undefined || (isBarSeriesSource(columns) ? columns.stats().bars === 0 : columns.length === 0);
  if (columns === undefined || empty) {
    if (dataRequired) throw new ConfigError(`no ${timeframe} data for ${instrument.symbol}`);
    return { instrument, columns: undefined };
  }
  if (columns.symbol === instrument.symbol) return { instrument, columns };
  return { instrument, columns: isBarSeriesSource(columns) ? renamed(columns, instrument.symbol) : { ...columns, symbol: instrument.symbol } };
}

/** The same source under the instrument's symbol (a source is an object with methods: no spread). */
function renamed(source: BarSeriesSource, symbol: string): BarSeriesSource {
  return { symbol, timeframe: source.timeframe, stats: (w) => source.stats(w), chunks: (w) => source.chunks(w) };
}
