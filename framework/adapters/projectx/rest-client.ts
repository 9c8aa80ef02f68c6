/**
 * ProjectX Gateway REST client: typed endpoints over ProjectXHttpSession (auth, limits, retries,
 * envelope). Returns model / venue types only (parse.ts); raw payloads stay here.
 *
 * Order placement is never retried blindly. When a place's outcome is unknown (timeout, network
 * error, 5xx) the client searches the account's orders for the request's customTag (our stable
 * clientOrderId): found -> that orderId is returned; provably absent -> the order is re-sent once.
 * Without a customTag there is nothing to reconcile on, and SubmissionUncertainError propagates.
 */
import { ApiError } from '../../core/errors.ts';
import type { Bar } from '../../model/market-data.ts';
import type { Side } from '../../model/order.ts';
import { ProjectXHttpSession, SubmissionUncertainError, type HttpSessionOptions } from './http-session.ts';
import { parseAccount, parseBars, parseContract, parseOrder, parsePosition, parseTrade } from './parse.ts';
import { idStr, num, toWireTime } from './parse-values.ts';
import type { VenueAccount, VenueContract, VenueOrder, VenueOrderType, VenuePosition, VenueTrade } from './venue-types.ts';
import type { WireAccount, WireBar, WireContract, WireEnvelope, WireOrder, WirePosition, WireTrade } from './wire-types.ts';

export type RestClientOptions = HttpSessionOptions;
export { SubmissionUncertainError };

/** AggregateBarUnit. */
export type BarUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month';
const BAR_UNIT: Record<BarUnit, number> = { second: 1, minute: 2, hour: 3, day: 4, week: 5, month: 6 };

/** Max bars one retrieveBars call returns (GW-bars). */
export const MAX_BARS_PER_REQUEST = 20_000;

export interface RetrieveBarsRequest {
  contractId: string;
  /** Symbol stamped on the returned bars; defaults to the contract id. */
  symbol?: string;
  live?: boolean;
  startMs: number;
  endMs: number;
  unit: BarUnit;
  unitNumber: number;
  limit?: number;
  includePartialBar?: boolean;
}

export type PlaceOrderType = Exclude<VenueOrderType, 'unknown'>;
const ORDER_TYPE: Record<PlaceOrderType, number> = { limit: 1, market: 2, 'stop-limit': 3, stop: 4, 'trailing-stop': 5, 'join-bid': 6, 'join-ask': 7 };

export interface BracketLeg {
  /** Distance in ticks from the entry fill (sign convention is unverified: see projectx-api.md §4.4). */
  ticks: number;
  type: PlaceOrderType;
}

export interface PlaceOrderRequest {
  accountId: number;
  contractId: string;
  type: PlaceOrderType;
  side: Side;
  size: number;
  limitPrice?: number;
  stopPrice?: number;
  trailPrice?: number;
  /** Our clientOrderId; unique per account. Needed to reconcile an uncertain send. */
  customTag?: string;
  linkedOrderId?: number;
  stopLossBracket?: BracketLeg;
  takeProfitBracket?: BracketLeg;
}

export interface ModifyOrderRequest {
  accountId: number;
  orderId: string | number;
  size?: number;
  limitPrice?: number;
  stopPrice?: number;
  trailPrice?: number;
}

export interface TimeRange {
  accountId: number;
  startMs: number;
  endMs?: number;
}

export class ProjectXRestClient {
  readonly http: ProjectXHttpSession;
  private readonly log: (line: string) => void;

  constructor(opts: RestClientOptions) {
    this.http = new ProjectXHttpSession(opts);
    this.log = (line) => opts.log?.(this.http.redact(line));
  }

  /** Log in now (otherwise the first call does). */
  async login(): Promise<void> {
    await this.http.login();
  }

  /** A valid session token (for the SignalR hubs' accessTokenFactory). Never log it. */
  token(): Promise<string> {
    return this.http.currentToken();
  }

  redact(text: string): string {
    return this.http.redact(text);
  }

  async logout(): Promise<void> {
    await this.http.request('/api/Auth/logout', {}, 'read');
  }

  async ping(): Promise<string> {
    const r = await this.http.request<WireEnvelope & { text?: string }>('/api/Status/ping', undefined, 'read');
    return typeof r.text === 'string' ? r.text : 'pong';
  }

  async searchAccounts(onlyActive = true): Promise<VenueAccount[]> {
    const r = await this.http.request<WireEnvelope & { accounts?: WireAccount[] }>('/api/Account/search', { onlyActiveAccounts: onlyActive }, 'read');
    return (r.accounts ?? []).map((a) => parseAccount(a));
  }

  async searchContracts(searchText: string, live = false): Promise<VenueContract[]> {
    const r = await this.http.request<WireEnvelope & { contracts?: WireContract[] }>('/api/Contract/search', { searchText, live }, 'read');
    return (r.contracts ?? []).map(parseContract);
  }

  /** Contract by id; undefined when the gateway says ContractNotFound. Reads `contract` or `contracts[0]` (docs conflict). */
  async contractById(contractId: string): Promise<VenueContract | undefined> {
    try {
      const r = await this.http.request<WireEnvelope & { contract?: WireContract; contracts?: WireContract[] }>('/api/Contract/searchById', { contractId }, 'read');
      const w = r.contract ?? r.contracts?.[0];
      return w ? parseContract(w) : undefined;
    } catch (err) {
      if (err instanceof ApiError && err.errorName === 'ContractNotFound') return undefined;
      throw err;
    }
  }

  async availableContracts(live = false): Promise<VenueContract[]> {
    const r = await this.http.request<WireEnvelope & { contracts?: WireContract[] }>('/api/Contract/available', { live }, 'read');
    return (r.contracts ?? []).map(parseContract);
  }

  /** Bars in [startMs, endMs], oldest first (the wire sends newest first). At most 20 000 per call. */
  async retrieveBars(q: RetrieveBarsRequest): Promise<Bar[]> {
    const body = {
      contractId: q.contractId,
      live: q.live ?? false,
      startTime: toWireTime(q.startMs),
      endTime: toWireTime(q.endMs),
      unit: BAR_UNIT[q.unit],
      unitNumber: q.unitNumber,
      limit: Math.min(q.limit ?? MAX_BARS_PER_REQUEST, MAX_BARS_PER_REQUEST),
      includePartialBar: q.includePartialBar ?? false,
    };
    const r = await this.http.request<WireEnvelope & { bars?: WireBar[] }>('/api/History/retrieveBars', body, 'read');
    return parseBars(q.symbol ?? q.contractId, r.bars);
  }

  /** Place an order; resolves to the venue orderId. See the header for the uncertain-send rule. */
  async placeOrder(req: PlaceOrderRequest): Promise<string> {
    const sentMs = this.http.clock.nowMs();
    try {
      return await this.sendPlace(req);
    } catch (err) {
      if (!(err instanceof SubmissionUncertainError) || req.customTag === undefined) throw err;
      this.log(`projectx: place of ${req.customTag} uncertain (${err.message}); reconciling by customTag`);
      const found = await this.findByCustomTag(req.accountId, req.customTag, sentMs);
      if (found) return found.venueOrderId;
      this.log(`projectx: ${req.customTag} not on the venue; sending it once more`);
      try {
        return await this.sendPlace(req);
      } catch (err2) {
        if (!(err2 instanceof SubmissionUncertainError)) throw err2;
        const again = await this.findByCustomTag(req.accountId, req.customTag, sentMs);
        if (again) return again.venueOrderId;
        throw err2;
      }
    }
  }

  private async sendPlace(req: PlaceOrderRequest): Promise<string> {
    const body: Record<string, unknown> = {
      accountId: req.accountId,
      contractId: req.contractId,
      type: ORDER_TYPE[req.type],
      side: req.side === 'buy' ? 0 : 1,
      size: req.size,
    };
    if (req.limitPrice !== undefined) body.limitPrice = req.limitPrice;
    if (req.stopPrice !== undefined) body.stopPrice = req.stopPrice;
    if (req.trailPrice !== undefined) body.trailPrice = req.trailPrice;
    if (req.customTag !== undefined) body.customTag = req.customTag;
    // Omitted unless set: newer docs dropped linkedOrderId (projectx-api.md §4.4).
    if (req.linkedOrderId !== undefined) body.linkedOrderId = req.linkedOrderId;
    if (req.stopLossBracket) body.stopLossBracket = { ticks: req.stopLossBracket.ticks, type: ORDER_TYPE[req.stopLossBracket.type] };
    if (req.takeProfitBracket) body.takeProfitBracket = { ticks: req.takeProfitBracket.ticks, type: ORDER_TYPE[req.takeProfitBracket.type] };
    const r = await this.http.request<WireEnvelope & { orderId?: unknown }>('/api/Order/place', body, 'mutation');
    const id = idStr(r.orderId);
    if (id === '') throw new ApiError('Order/place succeeded without an orderId', { endpoint: '/api/Order/place', status: 200 });
    return id;
  }

  /** The order carrying `customTag`, searched from a minute before `sinceMs` (clock skew margin). */
  async findByCustomTag(accountId: number, customTag: string, sinceMs: number): Promise<VenueOrder | undefined> {
    const orders = await this.searchOrders({ accountId, startMs: sinceMs - 60_000 });
    return orders.find((o) => o.customTag === customTag);
  }

  async searchOrders(q: TimeRange): Promise<VenueOrder[]> {
    const body: Record<string, unknown> = { accountId: q.accountId, startTimestamp: toWireTime(q.startMs) };
    if (q.endMs !== undefined) body.endTimestamp = toWireTime(q.endMs);
    const r = await this.http.request<WireEnvelope & { orders?: WireOrder[] }>('/api/Order/search', body, 'read');
    return (r.orders ?? []).map((o) => parseOrder(o));
  }

  async searchOpenOrders(accountId: number): Promise<VenueOrder[]> {
    const r = await this.http.request<WireEnvelope & { orders?: WireOrder[] }>('/api/Order/searchOpen', { accountId }, 'read');
    return (r.orders ?? []).map((o) => parseOrder(o));
  }

  async cancelOrder(accountId: number, orderId: string | number): Promise<void> {
    await this.http.request('/api/Order/cancel', { accountId, orderId: num(orderId) }, 'mutation');
  }

  async modifyOrder(m: ModifyOrderRequest): Promise<void> {
    const body: Record<string, unknown> = { accountId: m.accountId, orderId: num(m.orderId) };
    if (m.size !== undefined) body.size = m.size;
    if (m.limitPrice !== undefined) body.limitPrice = m.limitPrice;
    if (m.stopPrice !== undefined) body.stopPrice = m.stopPrice;
    if (m.trailPrice !== undefined) body.trailPrice = m.trailPrice;
    await this.http.request('/api/Order/modify', body, 'mutation');
  }

  async searchOpenPositions(accountId: number): Promise<VenuePosition[]> {
    const r = await this.http.request<WireEnvelope & { positions?: WirePosition[] }>('/api/Position/searchOpen', { accountId }, 'read');
    return (r.positions ?? []).map((p) => parsePosition(p));
  }

  async closePosition(accountId: number, contractId: string): Promise<void> {
    await this.http.request('/api/Position/closeContract', { accountId, contractId }, 'mutation');
  }

  async partialClosePosition(accountId: number, contractId: string, size: number): Promise<void> {
    // `size`, not `closeSize` (the v3 SDK bug, projectx-api.md §4.5).
    await this.http.request('/api/Position/partialCloseContract', { accountId, contractId, size }, 'mutation');
  }

  async searchTrades(q: TimeRange): Promise<VenueTrade[]> {
    const body: Record<string, unknown> = { accountId: q.accountId, startTimestamp: toWireTime(q.startMs) };
    if (q.endMs !== undefined) body.endTimestamp = toWireTime(q.endMs);
    const r = await this.http.request<WireEnvelope & { trades?: WireTrade[] }>('/api/Trade/search', body, 'read');
    return (r.trades ?? []).map((t) => parseTrade(t));
  }
}
