import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allowedTransitions, assertTransition, canTransition, type OrderStatus } from '../../framework/model/order.ts';

const ALL: OrderStatus[] = ['pending', 'submitted', 'working', 'partially-filled', 'filled', 'cancelled', 'rejected', 'expired'];

test('canTransition agrees with the transition table on every pair; illegal ones throw with the order id', () => {
  for (const from of ALL) {
    for (const to of ALL) {
      const allowed = allowedTransitions(from).includes(to);
      assert.is(canTransition(from, to), allowed, `${from} -> ${to}`);
      if (allowed) assertTransition('O1', from, to);
      else assert.throws(() => assertTransition('O1', from, to), (e: Error) => e.message.includes('O1') && e.message.includes(from) && e.message.includes(to));
    }
  }
  assert.ok(canTransition('working', 'filled'));
  assert.not.ok(canTransition('filled', 'cancelled'));
});

test.run();
