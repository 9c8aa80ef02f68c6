/**
 * Wire -> model: the only door out of the adapter for ProjectX payloads (DESIGN.md §3 rule 6).
 * Pure functions, tolerant of extra fields, missing optional fields and the known drift listed in
 * projectx-api.md (§4, §7.4, §9.11). They never throw on odd payloads: a value that cannot be read
 * becomes NaN / undefined, and callers that need a field check it (e.g. a bar with NaN time is dropped).
 */
import { Bar, DepthUpdate, Quote, TradeTick, type Aggressor, type DepthKind, type DepthLevel } from '../../model/market-data.ts';
import { makeInstrument, type Instrument } from '../../model/instrument.ts';
import { findInstrument } from '../../model/instrument-registry.ts';
import type { OrderStatus, Side } from '../../model/order.ts';
import { rootOfContractId, splitContractName, symbolOfRoot } from './gateway-symbols.ts';
import { asList, idStr, num, numOr, wireTimeMs } from './parse-values.ts';
import type { VenueAccount, VenueContract, VenueOrder, VenueOrderStatus, VenueOrderType, VenuePosition, VenueTrade } from './venue-types.ts';
import type { WireAccount, WireBar, WireContract, WireDepth, WireMarketTrade, WireOrder, WirePosition, WireQuote, WireTrade, WireUserEnvelope } from './wire-types.ts';

export type { VenueAccount, VenueContract, VenueOrder, VenuePosition, VenueTrade } from './venue-types.ts';

// ---- reference data -------------------------------------------------------------------------

export function parseAccount(w: WireAccount, receivedMs?: number): VenueAccount {
  const a: VenueAccount = {
    accountId: num(w.id),
    name: w.name ?? '',
    balance: num(w.balance),
    canTrade: w.canTrade ?? false,
    isVisible: w.isVisible ?? true,
    simulated: w.simulated ?? false,
  };
  return receivedMs === undefined ? a : { ...a, receivedMs };
}

export function parseContract(w: WireContract): VenueContract {
  const id = w.id ?? '';
  const name = w.name ?? '';
  const root = rootOfContractId(id) ?? (w.symbolId ? rootOfContractId(w.symbolId) : undefined) ?? splitContractName(name)?.root ?? name;
  return {
    contractId: id,
    name,
    description: w.description ?? name,
    tickSize: num(w.tickSize),
    tickValue: num(w.tickValue),
    active: w.activeContract ?? true,
    root,
    symbol: symbolOfRoot(root),
    symbolId: w.symbolId,
  };
}

/**
 * A contract as our Instrument: tick size/value from the contract (the venue is the authority),
 * session and description from the registry when the root is one we know (CME Globex), else UTC day.
 */
export function contractToInstrument(c: VenueContract): Instrument {
  const known = findInstrument(c.symbol);
  const tickSize = Number.isFinite(c.tickSize) && c.tickSize > 0 ? c.tickSize : (known?.tickSize ?? Number.NaN);
  const tickValue = Number.isFinite(c.tickValue) && c.tickValue > 0 ? c.tickValue : (known?.tickValue ?? Number.NaN);
  return makeInstrument({
    symbol: c.symbol,
    contractId: c.contractId,
    description: known?.description ?? c.description,
    tickSize,
    tickValue,
    currency: known?.currency ?? 'USD',
    session: known?.session,
    gatewayRoot: c.root !== c.symbol ? c.root : undefined,
  });
}

// ---- history --------------------------------------------------------------------------------

/** One wire bar -> Bar; undefined when time or prices are unreadable. */
export function parseBar(symbol: string, w: WireBar): Bar | undefined {
  const tsMs = wireTimeMs(w.t);
  const o = num(w.o), h = num(w.h), l = num(w.l), c = num(w.c);
  if (Number.isNaN(tsMs) || Number.isNaN(o) || Number.isNaN(h) || Number.isNaN(l) || Number.isNaN(c)) return undefined;
  return new Bar(symbol, tsMs, o, h, l, c, numOr(w.v, 0));
}

/** retrieveBars' list (newest first on the wire) -> Bar[] oldest first, duplicates removed. */
export function parseBars(symbol: string, list: readonly WireBar[] | null | undefined): Bar[] {
  const out: Bar[] = [];
  for (const w of list ?? []) {
    const b = parseBar(symbol, w);
    if (b) out.push(b);
  }
  out.sort((a, b) => a.tsMs - b.tsMs);
  let n = 0;
  for (let i = 0; i < out.length; i++) if (n === 0 || out[i].tsMs !== out[n - 1].tsMs) out[n++] = out[i];
  out.length = n;
  return out;
}

// ---- market hub -----------------------------------------------------------------------------

/**
 * GatewayQuote -> Quote. Quotes can be partial, so fields missing from this payload are carried
 * from `prev` (the last quote of the contract); time is `timestamp`, else `lastUpdated`, else receivedMs.
 */
export function parseQuote(symbol: string, w: WireQuote, receivedMs: number, prev?: Quote): Quote {
  const tsMs = wireTimeMs(w.timestamp ?? w.lastUpdated);
  const pick = (v: unknown, old: number | undefined): number => {
    const n = num(v);
    return Number.isNaN(n) ? (old ?? Number.NaN) : n;
  };
  return new Quote(
    symbol,
    Number.isNaN(tsMs) ? receivedMs : tsMs,
    pick(w.bestBid, prev?.bid),
    pick(w.bestAsk, prev?.ask),
    pick(w.bidSize, prev?.bidSize),
    pick(w.askSize, prev?.askSize),
    pick(w.lastPrice, prev?.last),
    receivedMs,
  );
}

function aggressorOf(type: unknown): Aggressor {
  const t = num(type);
  return t === 0 ? 'buy' : t === 1 ? 'sell' : 'unknown';
}

/** GatewayTrade data (a list, or one object) -> TradeTick[]; prints without price are dropped. */
export function parseMarketTrades(symbol: string, data: WireMarketTrade | WireMarketTrade[] | null | undefined, receivedMs: number): TradeTick[] {
  const out: TradeTick[] = [];
  for (const w of asList(data)) {
    if (w === null || typeof w !== 'object') continue;
    const price = num(w.price);
    if (Number.isNaN(price)) continue;
    const tsMs = wireTimeMs(w.timestamp);
    out.push(new TradeTick(symbol, Number.isNaN(tsMs) ? receivedMs : tsMs, price, numOr(w.volume, 0), aggressorOf(w.type), receivedMs));
  }
  return out;
}

const DOM_KINDS: readonly DepthKind[] = ['unknown', 'ask', 'bid', 'best-ask', 'best-bid', 'trade', 'reset', 'session-low', 'session-high', 'best-bid', 'best-ask', 'fill'];

/** ProjectX DomType (0..11) -> DepthKind; 9 NewBestBid / 10 NewBestAsk fold into best-bid / best-ask. */
export function depthKindOf(domType: unknown): DepthKind {
  const t = num(domType);
  return Number.isInteger(t) && t >= 0 && t < DOM_KINDS.length ? DOM_KINDS[t] : 'unknown';
}

/**
 * GatewayDepth data (a list, or one object) -> one DepthUpdate. Size is `volume` (SDK v4 reads it),
 * else `currentVolume`, else `size`; 0 removes the level. tsMs = latest entry time, else receivedMs.
 */
export function parseDepth(symbol: string, data: WireDepth | WireDepth[] | null | undefined, receivedMs: number): DepthUpdate {
  const levels: DepthLevel[] = [];
  let tsMs = Number.NaN;
  for (const w of asList(data)) {
    if (w === null || typeof w !== 'object') continue;
    const kind = depthKindOf(w.type);
    const price = num(w.price);
    if (Number.isNaN(price) && kind !== 'reset') continue;
    const size = numOr(w.volume, numOr(w.currentVolume, numOr(w.size, 0)));
    levels.push({ kind, price, size });
    const t = wireTimeMs(w.timestamp);
    if (!Number.isNaN(t) && !(t <= tsMs)) tsMs = t;
  }
  return new DepthUpdate(symbol, Number.isNaN(tsMs) ? receivedMs : tsMs, levels, receivedMs);
}

// ---- orders, positions, trades ----------------------------------------------------------------

const VENUE_STATUS: readonly VenueOrderStatus[] = ['none', 'open', 'filled', 'cancelled', 'expired', 'rejected', 'pending', 'pending-cancel', 'suspended'];
const VENUE_TYPE: readonly VenueOrderType[] = ['unknown', 'limit', 'market', 'stop-limit', 'stop', 'trailing-stop', 'join-bid', 'join-ask'];

export function venueStatusOf(code: unknown): VenueOrderStatus {
  const n = num(code);
  return Number.isInteger(n) && n >= 0 && n < VENUE_STATUS.length ? VENUE_STATUS[n] : 'unknown';
}

/** Venue status -> our lifecycle. Suspended bracket children are not live yet: 'submitted'. */
export function orderStatusOf(v: VenueOrderStatus, filled: number, size: number): OrderStatus {
  switch (v) {
    case 'open':
    case 'pending-cancel':
      return filled > 0 && filled < size ? 'partially-filled' : 'working';
    case 'filled':
      return 'filled';
    case 'cancelled':
      return 'cancelled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    case 'pending':
    case 'suspended':
      return 'submitted';
    default:
      return 'pending';
  }
}

/** OrderSide / trade side: 0 Bid = buy, 1 Ask = sell. */
export function sideOf(code: unknown): Side {
  return num(code) === 1 ? 'sell' : 'buy';
}

export function parseOrder(w: WireOrder, receivedMs?: number): VenueOrder {
  const size = numOr(w.size, 0);
  const filled = numOr(w.fillVolume, numOr(w.filledSize, 0));
  const venueStatus = venueStatusOf(w.status);
  const t = num(w.type);
  const o: VenueOrder = {
    venueOrderId: idStr(w.id),
    accountId: num(w.accountId),
    contractId: w.contractId ?? '',
    symbolId: w.symbolId,
    createdMs: wireTimeMs(w.creationTimestamp),
    updatedMs: wireTimeMs(w.updateTimestamp),
    venueStatus,
    status: orderStatusOf(venueStatus, filled, size),
    type: Number.isInteger(t) && t >= 0 && t < VENUE_TYPE.length ? VENUE_TYPE[t] : 'unknown',
    side: sideOf(w.side),
    sizeContracts: size,
    limitPrice: num(w.limitPrice),
    stopPrice: num(w.stopPrice),
    trailPrice: num(w.trailPrice),
    filledContracts: filled,
    avgFillPrice: num(w.filledPrice),
    customTag: typeof w.customTag === 'string' && w.customTag !== '' ? w.customTag : undefined,
    linkedOrderId: idStr(w.linkedOrderId) || undefined,
  };
  return receivedMs === undefined ? o : { ...o, receivedMs };
}

export function parsePosition(w: WirePosition, receivedMs?: number): VenuePosition {
  const size = Math.abs(numOr(w.size, 0));
  const type = num(w.type);
  // size == 0 means closed whatever `type` says (projectx-api.md §5 PositionType).
  const side = size === 0 ? 'flat' : type === 2 ? 'short' : 'long';
  const accountId = num(w.accountId);
  const p: VenuePosition = {
    positionId: idStr(w.id) || undefined,
    accountId: Number.isNaN(accountId) ? undefined : accountId,
    contractId: w.contractId ?? '',
    side,
    sizeContracts: size,
    netContracts: side === 'short' ? -size : size,
    avgPrice: num(w.averagePrice),
    createdMs: wireTimeMs(w.creationTimestamp),
  };
  return receivedMs === undefined ? p : { ...p, receivedMs };
}

export function parseTrade(w: WireTrade, receivedMs?: number): VenueTrade {
  const pnl = num(w.profitAndLoss);
  const t: VenueTrade = {
    tradeId: idStr(w.id),
    accountId: num(w.accountId),
    contractId: w.contractId ?? '',
    tsMs: wireTimeMs(w.creationTimestamp),
    price: num(w.price),
    pnl: w.profitAndLoss === null || w.profitAndLoss === undefined || Number.isNaN(pnl) ? null : pnl,
    fees: numOr(w.fees, numOr(w.commissions, 0)),
    side: sideOf(w.side),
    sizeContracts: numOr(w.size, 0),
    voided: w.voided ?? false,
    venueOrderId: idStr(w.orderId),
  };
  return receivedMs === undefined ? t : { ...t, receivedMs };
}

/**
 * User-hub payload: `{ action, data }` (the common shape) or the bare object. `action`'s meaning is
 * undocumented, so it is returned but nothing depends on it.
 */
export function unwrapUserEvent<T>(payload: WireUserEnvelope<T> | T | null | undefined): { action: number | undefined; data: T | undefined } {
  if (payload === null || payload === undefined || typeof payload !== 'object') return { action: undefined, data: undefined };
  const p = payload as Record<string, unknown>;
  if ('data' in p && p.data !== null && typeof p.data === 'object' && !('id' in p && 'contractId' in p)) {
    const a = num(p.action);
    return { action: Number.isNaN(a) ? undefined : a, data: p.data as T };
  }
  return { action: undefined, data: payload as T };
}
