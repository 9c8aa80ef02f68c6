import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { denials, runWithRisk, stateChanges, type Row } from './risk-harness.ts';

// MNQ: $2 per point per contract. CME session rolls at 17:00 CT = 23:00 UTC in January.
const at = (h: number, m: number, ohlc: readonly [number, number, number, number] | number, day = 6): Row => ({
  tsMs: Date.UTC(2025, 0, day, h, m),
  ohlc: typeof ohlc === 'number' ? [ohlc, ohlc, ohlc, ohlc] : ohlc,
});

test('daily loss: breach flattens, cancels, halts until the next session, then resumes', async () => {
  const rows = [at(15, 0, 21000), at(15, 1, 21000), at(15, 2, [21000, 21000, 20990, 20990]), at(15, 3, 20990), at(23, 0, 20990), at(23, 1, 20990)];
  const { results, manager } = await runWithRisk({ maxDailyLoss: 100 }, { MNQ: rows }, () => (i, _b, ctx) => {
    if (i === 0) ctx.market('buy', 5);
    if (i === 1) ctx.limit('buy', 1, 20950); // working when the breach comes: cancelled
    if (i === 2 || i === 3) ctx.market('buy', 1); // denied: loss 5 × 10 pt × $2 = $100
    if (i === 4) ctx.market('buy', 1); // new session: passes
  });
  assert.equal(stateChanges(results), ['ACTIVE -> HALTED', 'HALTED -> ACTIVE']);
  const halt = results.risk.find((r) => r.kind === 'state')!;
  assert.is(halt.rule, 'daily-loss');
  assert.match(halt.message, 'daily loss 100.00 >= max 100.00 (session start equity 100000.00, equity 99900.00)');
  const d = denials(results, 'daily-loss');
  assert.is(d.length, 2);
  assert.match(d[0].message, /^HALTED until the next session \(daily loss 100\.00/);
  const flatten = results.orders.find((o) => o.tag === 'risk: daily-loss')!;
  assert.is(flatten.status, 'filled');
  assert.is(flatten.avgFillPrice, 20990);
  assert.is(results.orders.find((o) => o.type === 'limit')!.status, 'cancelled');
  assert.is(results.trades[0].pnl, -100);
  assert.is(results.orders[results.orders.length - 1].status, 'filled', 'the next session trades again');
  assert.is(manager.state, 'ACTIVE');
  assert.equal(results.final.openPositions.map((p) => p.size), [1]);
});

test('reduce-only level: REDUCING lets exits through and denies entries until the next session', async () => {
  const rows = [at(15, 0, 21000), at(15, 1, 21000), at(15, 2, [21000, 21000, 20987.5, 20987.5]), at(15, 3, 20987.5), at(23, 0, 20987.5), at(23, 1, 20987.5)];
  const { results } = await runWithRisk({ maxDailyLoss: 200, reduceOnlyAtDailyLoss: 50 }, { MNQ: rows }, () => (i, _b, ctx) => {
    if (i === 0) ctx.market('buy', 2);
    if (i === 2) {
      ctx.market('buy', 1); // loss 2 × 12.5 × 2 = 50: REDUCING
      ctx.market('sell', 1); // reduces: passes
      ctx.market('sell', 3); // would flip short: denied
    }
    if (i === 4) ctx.market('buy', 1);
  });
  assert.equal(results.orders.map((o) => o.status), ['filled', 'rejected', 'filled', 'rejected', 'filled']);
  assert.equal(stateChanges(results), ['ACTIVE -> REDUCING', 'REDUCING -> ACTIVE']);
  assert.match(denials(results)[0].message, /^REDUCING until the next session .*only exposure-reducing orders pass; MNQ position 2, order \+1$/);
});

test('trailing drawdown (intraday): the threshold trails the equity peak; a breach flattens and halts for good', async () => {
  const rows = [at(15, 0, 21000), at(15, 1, 21000), at(15, 2, 21020), at(15, 3, 20995), at(15, 4, 20995), at(23, 0, 20995), at(23, 1, 20995)];
  const { results, manager } = await runWithRisk({ trailingDrawdown: { amount: 50, mode: 'intraday' } }, { MNQ: rows }, () => (i, _b, ctx) => {
    if (i === 0) ctx.market('buy', 1);
    if (i >= 4) ctx.market('buy', 1);
  });
  // peak 100040 (+20 pt × $2) -> threshold 99990; close 20995 -> equity 99990 <= threshold.
  assert.equal(stateChanges(results), ['ACTIVE -> HALTED']);
  assert.match(results.risk.find((r) => r.kind === 'state')!.message, 'trailing drawdown: equity 99990.00 <= threshold 99990.00 (peak 100040.00 - 50.00, intraday)');
  assert.is(denials(results, 'trailing-drawdown').length, 3, 'denied in this session and the next');
  assert.is(results.trades.length, 1);
  assert.is(results.final.openPositions.length, 0);
  assert.is(manager.state, 'HALTED');
});

test('trailing drawdown (eod): intraday highs do not move the threshold', async () => {
  const rows = [at(15, 0, 21000), at(15, 1, 21000), at(15, 2, 21020), at(15, 3, 20995), at(15, 4, 20995)];
  const { results } = await runWithRisk({ trailingDrawdown: { amount: 50, mode: 'eod' } }, { MNQ: rows }, () => (i, _b, ctx) => {
    if (i === 0) ctx.market('buy', 1);
  });
  assert.equal(stateChanges(results), []);
});

test('trailing drawdown stops trailing at the starting balance unless the lock is off', async () => {
  const rows = [at(15, 0, 21000), at(15, 1, 21000), at(15, 2, 21100), at(15, 3, 21049), at(15, 4, 21049)];
  const script = () => (i: number, _b: unknown, ctx: { market: (s: 'buy', n: number) => unknown }) => {
    if (i === 0) ctx.market('buy', 1);
  };
  // peak 100200; threshold min(100150, 100000) = 100000 with the lock; equity 100098.
  const locked = await runWithRisk({ trailingDrawdown: { amount: 50, mode: 'intraday' } }, { MNQ: rows }, script);
  assert.equal(stateChanges(locked.results), []);
  const unlocked = await runWithRisk({ trailingDrawdown: { amount: 50, mode: 'intraday', lockAtStartingBalance: false } }, { MNQ: rows }, script);
  assert.equal(stateChanges(unlocked.results), ['ACTIVE -> HALTED']);
});

test('max trades per day counts round trips opened in the session and resets at the next', async () => {
  const rows = [at(15, 0, 21000), at(15, 1, 21000), at(15, 2, 21000), at(15, 3, 21000), at(23, 0, 21000), at(23, 1, 21000)];
  const { results } = await runWithRisk({ maxTradesPerDay: 1 }, { MNQ: rows }, () => (i, _b, ctx) => {
    if (i === 0) ctx.market('buy', 1);
    if (i === 1) ctx.market('buy', 1); // scale-in: not a new trade
    if (i === 2) ctx.closePosition();
    if (i === 3) ctx.market('sell', 1); // a second trade today: denied
    if (i === 4) ctx.market('sell', 1); // next session
  });
  assert.equal(results.orders.map((o) => o.status), ['filled', 'filled', 'filled', 'rejected', 'filled']);
  assert.is(denials(results, 'max-trades-per-day')[0].message, 'max trades per day 1: 1 opened this session, order would open another (MNQ)');
});

test('kill switch: flattens, cancels the bracket exits and halts; every later order is denied', async () => {
  const rows = [21000, 21000, 21000, 21000, 21000];
  const { results, manager } = await runWithRisk({}, { MNQ: rows }, (m) => (i, _b, ctx) => {
    if (i === 0) ctx.bracket({ side: 'buy', size: 2, stopTicks: 8, targetTicks: 16 });
    if (i === 2) m.killSwitch('operator pressed the button');
    if (i === 3) ctx.market('buy', 1);
  });
  assert.is(manager.state, 'HALTED');
  assert.equal(results.risk.filter((r) => r.kind === 'state').map((r) => `${r.rule}: ${r.message}`), ['kill-switch: ACTIVE -> HALTED: operator pressed the button']);
  assert.equal(results.orders.map((o) => `${o.clientOrderId} ${o.status}`), ['O1 filled', 'O1.sl cancelled', 'O1.tp cancelled', 'O2 filled', 'O3 rejected']);
  assert.is(results.orders[3].tag, 'risk: kill-switch');
  assert.match(denials(results, 'kill-switch')[0].message, /^HALTED for the rest of the run \(operator pressed the button\)/);
  assert.is(results.final.openPositions.length, 0);
});

test.run();
