import type { GatewayMarket } from './gateway-config.ts';
import type { GatewayState, OrderRecord, PositionRecord } from './gateway-state.ts';
import type { UserEventSink } from './user-event-sink.ts';
import type { HalfTradeModel } from './wire-types.ts';

const cents = (x: number): number => Math.round(x * 100) / 100;

/**
 * Books one fill: position (net contracts, average price), a half-turn trade (profitAndLoss null when
 * it only opens or adds; gross realized PnL in currency when it reduces, closes or flips), fees per
 * contract per side, and the account balance (+= realized PnL - fees). Returns whether the position
 * is flat afterwards. PnL = ticks moved x tickValue x contracts (DESIGN §3 rule 5).
 */
export function applyFill(
  state: GatewayState,
  sink: UserEventSink,
  market: GatewayMarket,
  order: OrderRecord,
  fillPrice: number,
  sizeContracts: number,
  tsMs: number,
): boolean {
  const key = `${order.accountId}:${order.contractId}`;
  const signed = order.side === 0 ? sizeContracts : -sizeContracts;
  let pos = state.positions.get(key);
  let realized: number | null = null;
  if (pos === undefined) {
    pos = { id: state.nextPositionId++, accountId: order.accountId, contractId: order.contractId, contractDisplayName: market.name, createdMs: tsMs, netContracts: signed, averagePrice: fillPrice };
    state.positions.set(key, pos);
  } else if (Math.sign(pos.netContracts) === Math.sign(signed)) {
    const total = Math.abs(pos.netContracts) + sizeContracts;
    pos.averagePrice = (pos.averagePrice * Math.abs(pos.netContracts) + fillPrice * sizeContracts) / total;
    pos.netContracts += signed;
  } else {
    const closing = Math.min(Math.abs(pos.netContracts), sizeContracts);
    const dir = pos.netContracts > 0 ? 1 : -1;
    realized = cents(((fillPrice - pos.averagePrice) / market.tickSize) * market.tickValue * closing * dir);
    pos.netContracts += signed;
    if (pos.netContracts !== 0 && Math.sign(pos.netContracts) !== dir) {
      // Flipped through flat: the remainder opens at the fill price.
      pos.averagePrice = fillPrice;
      pos.createdMs = tsMs;
    }
  }
  const fees = cents(market.feePerSide * sizeContracts);
  const trade: HalfTradeModel = {
    id: state.nextTradeId++,
    accountId: order.accountId,
    contractId: order.contractId,
    creationTimestamp: new Date(tsMs).toISOString(),
    price: fillPrice,
    profitAndLoss: realized,
    fees,
    side: order.side,
    size: sizeContracts,
    voided: false,
    orderId: order.id,
  };
  state.trades.push(trade);
  const account = state.accounts.get(order.accountId);
  if (account !== undefined) account.balance = cents(account.balance + (realized ?? 0) - fees);
  const flat = pos.netContracts === 0;
  if (flat) state.positions.delete(key);
  sink.trade(trade);
  sink.position(pos satisfies PositionRecord);
  if (account !== undefined) sink.account(account);
  return flat;
}
