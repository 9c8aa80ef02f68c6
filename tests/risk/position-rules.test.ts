import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { denials, runWithRisk } from './risk-harness.ts';

// MNQ tick 0.25 = $0.50. Bars one minute apart from Monday 09:00 CT; orders fill at the next open.

test('max position per instrument counts the position, working orders and the order', async () => {
  const { results } = await runWithRisk({ maxPositionPerInstrument: 2 }, { MNQ: [21000, 21000, 21000, 21000, 21000] }, () => (i, _b, ctx) => {
    if (i === 0) {
      ctx.market('buy', 1);
      ctx.market('buy', 1);
      ctx.market('buy', 1); // position 0, working +2, order +1 -> 3 > 2
    }
    if (i === 2) {
      ctx.market('buy', 1); // position 2, order +1
      ctx.market('sell', 1); // reduces: passes
    }
  });
  const d = denials(results, 'max-position');
  assert.equal(
    d.map((x) => x.message),
    ['max position 2 for MNQ: position 0, working +2, order +1', 'max position 2 for MNQ: position 2, order +1'],
  );
  assert.equal(results.orders.map((o) => o.status), ['filled', 'filled', 'rejected', 'rejected', 'filled']);
  assert.match(results.orders[2].history[1].reason!, /^risk: max-position: max position 2 for MNQ/);
});

test('max position per symbol map; a short counts by its size', async () => {
  const { results } = await runWithRisk({ maxPositionPerInstrument: { MNQ: 1 } }, { MNQ: [21000, 21000, 21000] }, () => (i, _b, ctx) => {
    if (i === 0) ctx.market('sell', 2);
    if (i === 0) ctx.market('sell', 1);
  });
  assert.equal(results.orders.map((o) => o.status), ['rejected', 'filled']);
  assert.is(denials(results, 'max-position')[0].message, 'max position 1 for MNQ: position 0, order -2');
});

test('max total position across instruments', async () => {
  const { results } = await runWithRisk({ maxTotalPosition: 3 }, { MNQ: [21000, 21000, 21000], MES: [6000, 6000, 6000] }, () => (i, bar, ctx) => {
    if (i === 0 && bar.symbol === 'MNQ') ctx.market('buy', 2);
    if (i === 1 && bar.symbol === 'MES') {
      ctx.market('sell', 2); // MNQ 2 + MES 2 = 4 > 3
      ctx.market('sell', 1); // 3: ok
    }
  });
  assert.equal(results.orders.map((o) => `${o.symbol} ${o.status}`), ['MNQ filled', 'MES rejected', 'MES filled']);
  assert.is(denials(results, 'max-total-position')[0].message, 'max total position 3: other instruments 2, MES position 0, order -2 -> 4');
});

test('max order size denies a larger order and lets reduce-only exits through', async () => {
  const { results } = await runWithRisk({ maxOrderSize: 2, maxPositionPerInstrument: 4 }, { MNQ: [21000, 21000, 21000, 21000] }, () => (i, _b, ctx) => {
    if (i === 0) ctx.market('buy', 3);
    if (i === 0) ctx.market('buy', 2);
    if (i === 1) ctx.market('buy', 2);
    if (i === 2) ctx.closePosition(); // 4 contracts, reduce-only
  });
  assert.equal(results.orders.map((o) => `${o.size} ${o.status}`), ['3 rejected', '2 filled', '2 filled', '4 filled']);
  assert.is(denials(results, 'max-order-size')[0].message, 'max order size 2 for MNQ: order 3');
  assert.is(results.final.openPositions.length, 0);
});

test('max open orders counts working orders; bracket children and exits are exempt', async () => {
  const { results } = await runWithRisk({ maxOpenOrders: 2 }, { MNQ: [21000, 21000, 21000] }, () => (i, _b, ctx) => {
    if (i === 0) {
      ctx.limit('buy', 1, 20990);
      ctx.bracket({ side: 'buy', size: 1, stopTicks: 8, targetTicks: 16 });
      ctx.limit('buy', 1, 20980); // third working order
    }
  });
  assert.equal(results.orders.map((o) => `${o.clientOrderId} ${o.status}`), ['O1 working', 'O2 filled', 'O3 rejected', 'O2.sl working', 'O2.tp working']);
  assert.is(denials(results, 'max-open-orders')[0].message, 'max open orders 2: working 2, order +1 (MNQ)');
});

test('price band: limit and stop prices within N ticks of the last price', async () => {
  const { results } = await runWithRisk({ priceBandTicks: 20 }, { MNQ: [21000, 21000] }, () => (i, _b, ctx) => {
    if (i === 0) {
      ctx.limit('buy', 1, 20990); // 40 ticks away
      ctx.limit('buy', 1, 20995); // 20 ticks: ok
      ctx.stop('buy', 1, 21010.25); // 41 ticks
    }
  });
  assert.equal(results.orders.map((o) => o.status), ['rejected', 'working', 'rejected']);
  assert.equal(denials(results, 'price-band').map((d) => d.message), [
    'price band 20 ticks for MNQ: limit 20990 is 40 ticks from last 21000',
    'price band 20 ticks for MNQ: stop 21010.25 is 41 ticks from last 21000',
  ]);
});

test('trading hours in exchange time: entries outside are denied, exits pass', async () => {
  // 07:58 CT .. 08:32 CT (13:58Z ..): only the entry at 08:30 passes; the exit at 15:05 passes.
  const rows = [
    { tsMs: Date.UTC(2025, 0, 6, 13, 58), ohlc: [21000, 21000, 21000, 21000] as const },
    { tsMs: Date.UTC(2025, 0, 6, 14, 30), ohlc: [21000, 21000, 21000, 21000] as const },
    { tsMs: Date.UTC(2025, 0, 6, 14, 31), ohlc: [21000, 21000, 21000, 21000] as const },
    { tsMs: Date.UTC(2025, 0, 6, 21, 5), ohlc: [21000, 21000, 21000, 21000] as const },
    { tsMs: Date.UTC(2025, 0, 6, 21, 6), ohlc: [21000, 21000, 21000, 21000] as const },
  ];
  const { results } = await runWithRisk({ tradingHours: ['08:30-15:00'] }, { MNQ: rows }, () => (i, _b, ctx) => {
    if (i === 0 || i === 1) ctx.market('buy', 1);
    if (i === 3) {
      ctx.market('buy', 1);
      ctx.closePosition();
    }
  });
  assert.equal(results.orders.map((o) => o.status), ['rejected', 'filled', 'rejected', 'filled']);
  assert.equal(denials(results, 'trading-hours').map((d) => d.message), [
    'trading hours for MNQ 08:30-15:00 (America/Chicago): now 07:58',
    'trading hours for MNQ 08:30-15:00 (America/Chicago): now 15:05',
  ]);
});

test('a modify is checked as what it adds: size increases and new prices', async () => {
  const { results } = await runWithRisk({ maxPositionPerInstrument: 2, priceBandTicks: 20 }, { MNQ: [21000, 21000, 21000] }, () => (i, _b, ctx) => {
    if (i === 0) {
      const o = ctx.limit('buy', 1, 20995);
      assert.is(ctx.modify(o, { size: 3 }), false, 'working +1 -> +3 exceeds max position 2');
      assert.is(ctx.modify(o, { limitPrice: 20990 }), false, '40 ticks from the last price');
      assert.is(ctx.modify(o, { size: 2, limitPrice: 20996 }), true);
    }
  });
  assert.equal(denials(results).map((d) => d.rule), ['max-position', 'price-band']);
  assert.is(denials(results)[0].clientOrderId, 'O1');
  assert.equal([results.orders[0].size, results.orders[0].limitPrice, results.orders[0].status], [2, 20996, 'working']);
});

test.run();
