import type { ResolvedGatewayConfig } from './gateway-config.ts';
import { accountToWire, orderToWire, positionToWire, type GatewayState } from './gateway-state.ts';
import type { MarketSimulator } from './market-simulator.ts';
import type { OrderEngine } from './order-engine.ts';
import type { TokenStore } from './token-store.ts';
import { BarUnit, ErrorCode, type ContractModel, type PlaceOrderRequest } from './wire-types.ts';

export const MAX_BARS_PER_REQUEST = 20_000;

export interface RestContext {
  userName: string;
  token: string;
}

/** A handler's answer: the JSON body (HTTP 200 unless `status` says otherwise). */
export interface RestReply {
  status?: number;
  body: unknown;
}

export type RestHandler = (body: Record<string, unknown>, ctx: RestContext) => RestReply;

/** Thrown by handlers for a malformed request body: HTTP 400. */
export class BadRequest extends Error {}

const okEnv = { success: true, errorCode: 0, errorMessage: null };
const failEnv = (errorCode: number, errorMessage: string): { success: false; errorCode: number; errorMessage: string } => ({ success: false, errorCode, errorMessage });

function num(body: Record<string, unknown>, key: string): number {
  const v = body[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new BadRequest(`'${key}' must be a number`);
}

function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v === '') throw new BadRequest(`'${key}' must be a non-empty string`);
  return v;
}

function time(body: Record<string, unknown>, key: string, fallback?: number): number {
  const v = body[key];
  if ((v === undefined || v === null) && fallback !== undefined) return fallback;
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t)) throw new BadRequest(`'${key}' must be an ISO-8601 timestamp`);
  return t;
}

/**
 * The REST endpoints of shared doc §4, keyed by lower-case `Module/action`. Every JSON reply carries
 * the envelope `success`, `errorCode`, `errorMessage` plus its payload key.
 */
export function restHandlers(deps: {
  config: ResolvedGatewayConfig;
  state: GatewayState;
  markets: MarketSimulator;
  engine: OrderEngine;
  tokens: TokenStore;
  marketNowMs: (contractId: string) => number;
}): Map<string, RestHandler> {
  const { config, state, markets, engine, tokens } = deps;
  const contracts: ContractModel[] = config.markets.map((m) => ({ id: m.contractId, name: m.name, description: m.description, tickSize: m.tickSize, tickValue: m.tickValue, activeContract: true, symbolId: m.symbolId }));
  const ownAccount = (body: Record<string, unknown>, ctx: RestContext): number | undefined => {
    const id = num(body, 'accountId');
    const a = state.accounts.get(id);
    return a !== undefined && a.userName === ctx.userName ? id : undefined;
  };
  const h = new Map<string, RestHandler>();
  const on = (name: string, fn: RestHandler): void => void h.set(name.toLowerCase(), fn);

  on('Auth/loginKey', (body) => {
    const userName = str(body, 'userName');
    const apiKey = str(body, 'apiKey');
    const user = config.users.find((u) => u.userName === userName && u.apiKey === apiKey);
    if (user === undefined) return { body: { token: null, ...failEnv(ErrorCode.LoginInvalidCredentials, 'Invalid credentials') } };
    return { body: { token: tokens.issue(user.userName), ...okEnv } };
  });
  on('Auth/validate', (_b, ctx) => ({ body: { ...okEnv, newToken: tokens.issue(ctx.userName) } }));
  on('Auth/logout', (_b, ctx) => {
    tokens.revoke(ctx.token);
    return { body: okEnv };
  });
  on('Account/search', (_b, ctx) => ({ body: { accounts: state.accountsOf(ctx.userName).map(accountToWire), ...okEnv } }));
  on('Contract/search', (body) => {
    const text = typeof body.searchText === 'string' ? body.searchText.trim().toLowerCase() : '';
    const found = contracts.filter((c) => c.activeContract && (text === '' || c.name.toLowerCase().includes(text) || c.description.toLowerCase().includes(text)));
    return { body: { contracts: found, ...okEnv } };
  });
  on('Contract/searchById', (body) => {
    const id = str(body, 'contractId');
    const c = contracts.find((x) => x.id === id);
    return { body: c === undefined ? { contract: null, ...failEnv(ErrorCode.ContractNotFound, `Contract '${id}' not found`) } : { contract: c, ...okEnv } };
  });
  on('Contract/available', () => ({ body: { contracts, ...okEnv } }));
  on('History/retrieveBars', (body) => {
    const id = str(body, 'contractId');
    const m = markets.get(id);
    if (m === undefined) return { body: { bars: null, ...failEnv(ErrorCode.BarsContractNotFound, `Contract '${id}' not found`) } };
    const unit = num(body, 'unit');
    const unitNumber = num(body, 'unitNumber');
    const limit = body.limit === undefined || body.limit === null ? MAX_BARS_PER_REQUEST : num(body, 'limit');
    if (!(unit >= BarUnit.Second && unit <= BarUnit.Month) || !Number.isInteger(unit)) return { body: { bars: null, ...failEnv(ErrorCode.BarsUnitInvalid, `unit ${unit} is not 1..6`) } };
    if (!Number.isInteger(unitNumber) || unitNumber < 1) return { body: { bars: null, ...failEnv(ErrorCode.BarsUnitNumberInvalid, 'unitNumber must be a positive integer') } };
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_BARS_PER_REQUEST) return { body: { bars: null, ...failEnv(ErrorCode.BarsLimitInvalid, `limit must be 1..${MAX_BARS_PER_REQUEST}`) } };
    markets.catchUp(m);
    const now = deps.marketNowMs(id);
    const startMs = time(body, 'startTime', 0);
    const endMs = time(body, 'endTime', now + 1);
    const store = unit === BarUnit.Second ? m.seconds : m.bars;
    const bars = store.aggregate(unit, unitNumber, startMs, endMs, limit, body.includePartialBar === true, now);
    return { body: { bars, ...okEnv } };
  });
  on('Order/place', (body, ctx) => {
    const req: PlaceOrderRequest = {
      accountId: num(body, 'accountId'),
      contractId: str(body, 'contractId'),
      type: num(body, 'type'),
      side: num(body, 'side'),
      size: num(body, 'size'),
      limitPrice: body.limitPrice as number | null | undefined,
      stopPrice: body.stopPrice as number | null | undefined,
      trailPrice: body.trailPrice as number | null | undefined,
      customTag: typeof body.customTag === 'string' ? body.customTag : null,
      stopLossBracket: (body.stopLossBracket ?? null) as PlaceOrderRequest['stopLossBracket'],
      takeProfitBracket: (body.takeProfitBracket ?? null) as PlaceOrderRequest['takeProfitBracket'],
    };
    const r = engine.place(req, ctx.userName);
    return { body: { orderId: r.orderId ?? null, success: r.success, errorCode: r.errorCode, errorMessage: r.errorMessage } };
  });
  const orderWindow = (body: Record<string, unknown>, ctx: RestContext, open: boolean): RestReply => {
    const acct = ownAccount(body, ctx);
    if (acct === undefined) return { body: { orders: [], ...failEnv(ErrorCode.OrderAccountNotFound, 'Account not found') } };
    if (open) return { body: { orders: state.workingOrders(acct).map(orderToWire), ...okEnv } };
    const from = time(body, 'startTimestamp');
    const to = time(body, 'endTimestamp', Number.POSITIVE_INFINITY);
    const orders = [...state.orders.values()].filter((o) => o.accountId === acct && o.createdMs >= from && o.createdMs < to).map(orderToWire);
    return { body: { orders, ...okEnv } };
  };
  on('Order/search', (b, c) => orderWindow(b, c, false));
  on('Order/searchOpen', (b, c) => orderWindow(b, c, true));
  on('Order/cancel', (body, ctx) => ({ body: engine.cancel(num(body, 'accountId'), num(body, 'orderId'), ctx.userName) }));
  on('Order/modify', (body, ctx) => ({ body: engine.modify(body as never, ctx.userName) }));
  on('Position/searchOpen', (body, ctx) => {
    const acct = ownAccount(body, ctx);
    if (acct === undefined) return { body: { positions: [], ...failEnv(ErrorCode.PositionAccountNotFound, 'Account not found') } };
    return { body: { positions: state.openPositions(acct).map(positionToWire), ...okEnv } };
  });
  on('Position/closeContract', (body, ctx) => ({ body: engine.closePosition(num(body, 'accountId'), str(body, 'contractId'), ctx.userName) }));
  on('Position/partialCloseContract', (body, ctx) => ({ body: engine.closePosition(num(body, 'accountId'), str(body, 'contractId'), ctx.userName, num(body, 'size')) }));
  on('Trade/search', (body, ctx) => {
    const acct = ownAccount(body, ctx);
    if (acct === undefined) return { body: { trades: [], ...failEnv(ErrorCode.OrderAccountNotFound, 'Account not found') } };
    const from = time(body, 'startTimestamp');
    const to = time(body, 'endTimestamp', Number.POSITIVE_INFINITY);
    const trades = state.trades.filter((t) => {
      const ts = Date.parse(t.creationTimestamp);
      return t.accountId === acct && ts >= from && ts < to;
    });
    return { body: { trades, ...okEnv } };
  });
  return h;
}
