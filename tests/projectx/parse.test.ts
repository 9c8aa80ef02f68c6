import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  contractToInstrument,
  depthKindOf,
  parseAccount,
  parseBars,
  parseContract,
  parseDepth,
  parseMarketTrades,
  parseOrder,
  parsePosition,
  parseQuote,
  parseTrade,
  unwrapUserEvent,
} from '../../framework/adapters/projectx/parse.ts';
import { wireTimeMs } from '../../framework/adapters/projectx/parse-values.ts';
import { gatewayRootOf, symbolOfRoot } from '../../framework/adapters/projectx/gateway-symbols.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';

const dir = join(import.meta.dirname, '../../framework/adapters/projectx/fixtures');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fx = (name: string): any => JSON.parse(readFileSync(join(dir, name), 'utf8'));

test('timestamps: offset, Z, no offset = UTC, 7-digit fractions, epoch', () => {
  assert.is(wireTimeMs('2025-07-18T21:00:01.268009+00:00'), Date.UTC(2025, 6, 18, 21, 0, 1, 268));
  assert.is(wireTimeMs('2025-07-18T21:00:01Z'), Date.UTC(2025, 6, 18, 21, 0, 1));
  assert.is(wireTimeMs('2025-07-18T21:00:01.1234567'), Date.UTC(2025, 6, 18, 21, 0, 1, 123));
  assert.is(wireTimeMs('2025-07-18T15:00:00-06:00'), Date.UTC(2025, 6, 18, 21));
  assert.is(wireTimeMs('2025-07-18T15:00:00-0600'), Date.UTC(2025, 6, 18, 21));
  assert.is(wireTimeMs(1752872400000), 1752872400000);
  assert.is(wireTimeMs(1752872400), 1752872400000);
  assert.ok(Number.isNaN(wireTimeMs('yesterday')));
  assert.ok(Number.isNaN(wireTimeMs(undefined)));
});

test('root mapping both ways', () => {
  assert.is(gatewayRootOf('ES'), 'EP');
  assert.is(gatewayRootOf('nq'), 'ENQ');
  assert.is(gatewayRootOf('MNQ'), 'MNQ');
  assert.is(symbolOfRoot('EP'), 'ES');
  assert.is(symbolOfRoot('ENQ'), 'NQ');
  assert.is(symbolOfRoot('MES'), 'MES');
});

test('accounts: numbers as strings, missing optional fields, extra fields', () => {
  const [a, b, c] = fx('account-search.json').accounts.map((w: object) => parseAccount(w));
  assert.equal(a, { accountId: 1, name: 'TEST_ACCOUNT_1', balance: 50000, canTrade: true, isVisible: true, simulated: true });
  assert.is(b.accountId, 465);
  assert.is(b.balance, 149876.25);
  assert.is(b.canTrade, false);
  assert.ok(Number.isNaN(c.balance));
  assert.is(c.simulated, false);
});

test('contracts -> instruments with venue tick specs, root mapping and CME session', () => {
  const cs = fx('contract-search.json').contracts.map(parseContract);
  assert.is(cs[0].root, 'ENQ');
  assert.is(cs[0].symbol, 'NQ');
  const nq = contractToInstrument(cs[0]);
  assert.is(nq.symbol, 'NQ');
  assert.is(nq.contractId, 'CON.F.US.ENQ.H25');
  assert.is(nq.tickSize, 0.25);
  assert.is(nq.tickValue, 5);
  assert.is(nq.pointValue, 20);
  assert.is(nq.gatewayRoot, 'ENQ');
  assert.equal(nq.session, CME_GLOBEX_SESSION);
  const mnq = contractToInstrument(cs[1]);
  assert.is(mnq.symbol, 'MNQ');
  assert.is(mnq.tickValue, 0.5);
  assert.is(mnq.gatewayRoot, undefined);
  assert.is(cs[3].tickSize, 0.025); // string numbers
  const ngas = contractToInstrument(cs[2]);
  assert.is(ngas.symbol, 'NQG');
  assert.is(ngas.session.timeZone, 'UTC'); // unknown root: no CME calendar assumed
  const byId = fx('contract-search-by-id.json');
  const ep = parseContract(byId.swagger.contract);
  assert.is(ep.symbol, 'ES');
  assert.is(contractToInstrument(ep).tickValue, 12.5);
  assert.is(parseContract(byId.docsExample.contracts[0]).name, 'ENQH25');
});

test('bars: newest first on the wire -> oldest first, tolerant values, bad rows dropped', () => {
  const bars = parseBars('MGC', fx('retrieve-bars.json').bars);
  assert.is(bars.length, 4);
  assert.equal(bars.map((b) => b.tsMs), [Date.UTC(2024, 11, 20, 14, 0), Date.UTC(2024, 11, 20, 14, 1), Date.UTC(2024, 11, 20, 14, 2), Date.UTC(2024, 11, 20, 14, 3)]);
  assert.is(bars[2].open, 2208.3);
  assert.is(bars[2].volume, 85);
  assert.is(bars[3].symbol, 'MGC');
  assert.is(parseBars('X', null).length, 0);
});

test('orders: statuses, types, fillVolume vs filledSize, customTag', () => {
  const [filled, partial, suspended] = fx('order-search.json').orders.map((w: object) => parseOrder(w));
  assert.is(filled.venueOrderId, '36598');
  assert.is(filled.venueStatus, 'filled');
  assert.is(filled.status, 'filled');
  assert.is(filled.type, 'market');
  assert.is(filled.side, 'buy');
  assert.is(filled.avgFillPrice, 6335.25);
  assert.is(filled.filledContracts, 1);
  assert.is(filled.customTag, undefined);
  assert.is(filled.createdMs, Date.UTC(2025, 6, 18, 21, 0, 1, 268));
  assert.ok(Number.isNaN(filled.limitPrice));
  assert.is(partial.venueOrderId, '36599');
  assert.is(partial.accountId, 704);
  assert.is(partial.status, 'partially-filled');
  assert.is(partial.filledContracts, 1);
  assert.is(partial.limitPrice, 21050.5);
  assert.is(partial.side, 'sell');
  assert.is(partial.customTag, 'cid-42');
  assert.ok(Number.isNaN(partial.updatedMs));
  assert.is(suspended.venueStatus, 'suspended');
  assert.is(suspended.status, 'submitted');
  assert.is(suspended.type, 'stop');
  assert.is(suspended.customTag, undefined);
  assert.is(suspended.linkedOrderId, '36599');
});

test('positions: long/short/flat by size, strings, display name ignored', () => {
  const [p1, p2] = fx('position-search.json').positions.map((w: object) => parsePosition(w));
  assert.is(p1.side, 'long');
  assert.is(p1.netContracts, 2);
  assert.is(p1.avgPrice, 1575.75);
  assert.is(p2.side, 'short');
  assert.is(p2.netContracts, -3);
  assert.is(p2.positionId, '6125');
  const closed = parsePosition(fx('user-hub.json').positionClosedPartial, 5);
  assert.is(closed.side, 'flat');
  assert.is(closed.positionId, undefined);
  assert.is(closed.accountId, undefined);
  assert.is(closed.receivedMs, 5);
});

test('trades: half-turn null pnl, fees vs commissions', () => {
  const [t1, t2, t3] = fx('trade-search.json').trades.map((w: object) => parseTrade(w));
  assert.is(t1.pnl, 50);
  assert.is(t1.fees, 1.4);
  assert.is(t1.side, 'sell');
  assert.is(t1.venueOrderId, '14328');
  assert.is(t2.pnl, null);
  assert.is(t3.pnl, -12.5);
  assert.is(t3.fees, 0.74);
  assert.is(t3.price, 21000.5);
  assert.is(t3.tsMs, Date.UTC(2025, 0, 21, 16, 20, 0, 500));
});

test('quotes: full, then partial carries the previous fields', () => {
  const m = fx('market-hub.json');
  const q1 = parseQuote('MNQ', m.quoteFull[1], 1000);
  assert.is(q1.bid, 21050);
  assert.is(q1.ask, 21050.5);
  assert.is(q1.last, 21050.25);
  assert.is(q1.tsMs, Date.UTC(2025, 6, 18, 14, 30, 0, 125));
  assert.is(q1.receivedMs, 1000);
  assert.ok(Number.isNaN(q1.bidSize));
  const q2 = parseQuote('MNQ', m.quotePartial[1], 2000, q1);
  assert.is(q2.bid, 21050);
  assert.is(q2.ask, 21050.75);
  assert.is(q2.last, 21050.25);
  assert.is(q2.tsMs, Date.UTC(2025, 6, 18, 14, 30, 0, 250));
  const q3 = parseQuote('MNQ', {}, 3000);
  assert.is(q3.tsMs, 3000);
});

test('market trades: a list or a single object, aggressor side', () => {
  const m = fx('market-hub.json');
  const list = parseMarketTrades('ES', m.tradeList[1], 9);
  assert.is(list.length, 2);
  assert.is(list[0].aggressor, 'buy');
  assert.is(list[1].aggressor, 'sell');
  assert.is(list[1].price, 6335);
  assert.is(list[1].size, 1);
  assert.is(list[0].tsMs, Date.UTC(2025, 6, 18, 14, 30, 1, 1));
  const one = parseMarketTrades('ES', m.tradeSingle[1], 9);
  assert.is(one.length, 1);
  assert.is(one[0].size, 4);
  assert.is(parseMarketTrades('ES', null, 9).length, 0);
});

test('depth: DomType mapping, volume/size fallbacks, list or single', () => {
  assert.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(depthKindOf), ['unknown', 'ask', 'bid', 'best-ask', 'best-bid', 'trade', 'reset', 'session-low', 'session-high', 'best-bid', 'best-ask', 'fill', 'unknown']);
  const m = fx('market-hub.json');
  const d = parseDepth('MNQ', m.depthList[1], 7);
  assert.is(d.levels.length, 5);
  assert.equal(d.levels[0], { kind: 'bid', price: 21050, size: 12 });
  assert.equal(d.levels[1], { kind: 'ask', price: 21050.5, size: 0 });
  assert.is(d.levels[3].kind, 'best-ask');
  assert.is(d.levels[4].kind, 'reset');
  assert.is(d.tsMs, Date.UTC(2025, 6, 18, 14, 30, 0, 200));
  const s = parseDepth('MNQ', m.depthSingle[1], 7);
  assert.equal(s.levels, [{ kind: 'best-bid', price: 21049.75, size: 5 }]);
});

test('user events: wrapped {action, data} or bare', () => {
  const u = fx('user-hub.json');
  const w = unwrapUserEvent(u.orderWrapped);
  assert.is(w.action, 1);
  const o = parseOrder(w.data as object, 42);
  assert.is(o.status, 'filled');
  assert.is(o.customTag, 'cid-7');
  assert.is(o.receivedMs, 42);
  const b = unwrapUserEvent(u.orderBare);
  assert.is(b.action, undefined);
  assert.is(parseOrder(b.data as object).status, 'working');
  assert.is(parseAccount(unwrapUserEvent(u.accountWrapped).data as object).name, 'PRAC-DEMO-1');
  assert.is(parsePosition(unwrapUserEvent(u.positionWrapped).data as object).netContracts, 2);
  assert.is(parseTrade(unwrapUserEvent(u.tradeWrapped).data as object).pnl, null);
  assert.equal(unwrapUserEvent(null), { action: undefined, data: undefined });
});

test.run();
