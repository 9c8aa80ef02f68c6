import type { ResolvedGatewayConfig } from './gateway-config.ts';
import type { AccountModel, BracketSpec, HalfTradeModel, OrderModel, PositionModel } from './wire-types.ts';

/** A server-side order: the wire fields plus what matching needs (prices in ticks, trail state). */
export interface OrderRecord {
  id: number;
  accountId: number;
  contractId: string;
  symbolId: string;
  createdMs: number;
  updatedMs: number;
  status: number;
  type: number;
  side: number;
  size: number;
  /** NaN when not set. */
  limitTicks: number;
  stopTicks: number;
  /** Trailing distance in ticks (trailPrice is a distance in price units, see order-engine.ts). */
  trailTicks: number;
  fillVolume: number;
  filledPrice: number | null;
  customTag: string | null;
  parentOrderId: number | null;
  linkedOrderId: number | null;
  stopLossBracket: BracketSpec | null;
  takeProfitBracket: BracketSpec | null;
  /** StopLimit: the stop has triggered and the order now rests as a limit. */
  triggered: boolean;
  tickSize: number;
}

export interface PositionRecord {
  id: number;
  accountId: number;
  contractId: string;
  contractDisplayName: string;
  createdMs: number;
  /** Signed: > 0 long, < 0 short. */
  netContracts: number;
  averagePrice: number;
}

export interface AccountRecord extends AccountModel {
  userName: string;
}

/**
 * Everything the gateway's venue holds: accounts, orders, positions, trades. Tests read it to assert
 * on outcomes; only the order engine writes it.
 */
export class GatewayState {
  readonly accounts = new Map<number, AccountRecord>();
  readonly orders = new Map<number, OrderRecord>();
  /** Open positions by `${accountId}:${contractId}`. */
  readonly positions = new Map<string, PositionRecord>();
  readonly trades: HalfTradeModel[] = [];
  nextOrderId = 1;
  nextPositionId = 1;
  nextTradeId = 1;

  constructor(config: ResolvedGatewayConfig) {
    for (const a of config.accounts) {
      this.accounts.set(a.id, { id: a.id, name: a.name, balance: a.balance, canTrade: a.canTrade, isVisible: a.isVisible, simulated: a.simulated, userName: a.userName });
    }
  }

  accountsOf(userName: string): AccountRecord[] {
    return [...this.accounts.values()].filter((a) => a.userName === userName);
  }

  workingOrders(accountId?: number): OrderRecord[] {
    return [...this.orders.values()].filter((o) => isWorking(o) && (accountId === undefined || o.accountId === accountId));
  }

  openPositions(accountId?: number): PositionRecord[] {
    return [...this.positions.values()].filter((p) => accountId === undefined || p.accountId === accountId);
  }
}

export function isWorking(o: OrderRecord): boolean {
  return o.status === 1;
}

export function accountToWire(a: AccountRecord): AccountModel {
  return { id: a.id, name: a.name, balance: a.balance, canTrade: a.canTrade, isVisible: a.isVisible, simulated: a.simulated };
}

function px(ticks: number, tickSize: number): number | null {
  return Number.isNaN(ticks) ? null : Math.round(ticks * tickSize * 1e9) / 1e9;
}

export function orderToWire(o: OrderRecord): OrderModel {
  return {
    id: o.id,
    accountId: o.accountId,
    contractId: o.contractId,
    symbolId: o.symbolId,
    creationTimestamp: new Date(o.createdMs).toISOString(),
    updateTimestamp: new Date(o.updatedMs).toISOString(),
    status: o.status,
    type: o.type,
    side: o.side,
    size: o.size,
    limitPrice: px(o.limitTicks, o.tickSize),
    stopPrice: px(o.stopTicks, o.tickSize),
    trailPrice: px(o.trailTicks, o.tickSize),
    fillVolume: o.fillVolume,
    filledPrice: o.filledPrice,
    customTag: o.customTag,
    parentOrderId: o.parentOrderId,
    linkedOrderId: o.linkedOrderId,
  };
}

export function positionToWire(p: PositionRecord): PositionModel {
  return {
    id: p.id,
    accountId: p.accountId,
    contractId: p.contractId,
    contractDisplayName: p.contractDisplayName,
    creationTimestamp: new Date(p.createdMs).toISOString(),
    type: p.netContracts > 0 ? 1 : p.netContracts < 0 ? 2 : 0,
    size: Math.abs(p.netContracts),
    averagePrice: p.averagePrice,
  };
}
