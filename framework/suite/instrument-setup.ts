import { ConfigError } from '../core/errors.ts';
import type { BarColumns } from '../model/bar-columns.ts';
import type { Instrument } from '../model/instrument.ts';
import { resolveInstrument } from '../model/instrument-registry.ts';

/** Loads one instrument's base-timeframe history (a store, a CSV, a download, a fixture...). */
export type DataLoader = (instrument: Instrument, timeframe: string) => BarColumns | Promise<BarColumns>;
/** A loader, or the series themselves keyed by symbol. */
export type DataSource = DataLoader | Readonly<Record<string, BarColumns>>;

/** An instrument that could not be set up, by name, with why. */
export interface SetupFailure {
  readonly symbol: string;
  readonly reason: string;
}

export interface ReadyInstrument {
  readonly instrument: Instrument;
  /** Its history, when a data source was given. */
  readonly columns: BarColumns | undefined;
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
  let columns: BarColumns | undefined;
  if (typeof data === 'function') columns = await data(instrument, timeframe);
  else columns = data[instrument.symbol];
  if (columns === undefined || columns.length === 0) {
    if (dataRequired) throw new ConfigError(`no ${timeframe} data for ${instrument.symbol}`);
    return { instrument, columns: undefined };
  }
  return { instrument, columns: columns.symbol === instrument.symbol ? columns : { ...columns, symbol: instrument.symbol } };
}
