import { CME_GLOBEX_SESSION, UTC_DAY_SESSION, type SessionSpec } from './session-calendar.ts';

/** A contract spec (DESIGN.md §4). pointValue = tickValue / tickSize, currency per point per contract. */
export interface Instrument {
  /** Exchange ticker root the user types: `MNQ`, `ES`. */
  readonly symbol: string;
  /** Venue contract id, e.g. `CON.F.US.MNQ.Z25`; for backtests on plain files, `LOCAL.<symbol>`. */
  readonly contractId: string;
  readonly description: string;
  readonly tickSize: number;
  /** Currency per tick per contract. */
  readonly tickValue: number;
  /** Currency per 1.0 price point per contract. */
  readonly pointValue: number;
  readonly currency: string;
  readonly session: SessionSpec;
  /** Root on the ProjectX gateway (`EP` for ES, `ENQ` for NQ); undefined when it equals `symbol`. */
  readonly gatewayRoot: string | undefined;
}

export interface InstrumentSpecInput {
  symbol: string;
  tickSize: number;
  tickValue: number;
  description?: string;
  contractId?: string;
  currency?: string;
  session?: SessionSpec;
  gatewayRoot?: string;
}

export function makeInstrument(spec: InstrumentSpecInput): Instrument {
  return {
    symbol: spec.symbol,
    contractId: spec.contractId ?? `LOCAL.${spec.symbol}`,
    description: spec.description ?? spec.symbol,
    tickSize: spec.tickSize,
    tickValue: spec.tickValue,
    pointValue: spec.tickValue / spec.tickSize,
    currency: spec.currency ?? 'USD',
    session: spec.session ?? UTC_DAY_SESSION,
    gatewayRoot: spec.gatewayRoot,
  };
}

export { CME_GLOBEX_SESSION };
