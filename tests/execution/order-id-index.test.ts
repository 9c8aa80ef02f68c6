import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OrderIdIndex } from '../../framework/execution/order-id-index.ts';

test('ids of the form prefix+n resolve through the dense table, every other id through the map', () => {
  const ix = new OrderIdIndex('O');
  ix.add('O1', 0);
  ix.add('O1.sl', 1);
  ix.add('O2', 2);
  ix.add('venue-77', 3);
  ix.add('O5000', 4); // past the initial table: it grows
  assert.is(ix.slotOf('O1'), 0);
  assert.is(ix.slotOf('O1.sl'), 1);
  assert.is(ix.slotOf('O2'), 2);
  assert.is(ix.slotOf('venue-77'), 3);
  assert.is(ix.slotOf('O5000'), 4);
  for (const unknown of ['O3', 'O', 'O01', 'O0', 'o1', 'X1', 'O1 ', 'O-1', 'O99999999999', 'O4999', '']) assert.is(ix.slotOf(unknown), -1, unknown);
});

test('non-canonical spellings of a number are their own ids, not aliases of prefix+n', () => {
  const ix = new OrderIdIndex('pxt-');
  ix.add('pxt-7', 10);
  ix.add('pxt-07', 11);
  assert.is(ix.slotOf('pxt-7'), 10);
  assert.is(ix.slotOf('pxt-07'), 11);
  assert.is(ix.slotOf('7'), -1);
});

test('lookups in any order, repeated or not, agree with a plain map (the last-id shortcut included)', () => {
  const ix = new OrderIdIndex('O');
  const oracle = new Map<string, number>();
  const ids: string[] = [];
  let seed = 3;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let step = 0; step < 20_000; step++) {
    if (rnd(3) === 0 || oracle.size === 0) {
      const id = rnd(5) === 0 ? `O${oracle.size + 1}.tp` : `O${oracle.size + 1}`;
      if (!oracle.has(id)) {
        ix.add(id, oracle.size);
        oracle.set(id, oracle.size);
        ids.push(id);
      }
    }
    const probe = rnd(4) === 0 ? `O${rnd(oracle.size + 3)}` : ids[rnd(ids.length)];
    const want = oracle.get(probe) ?? -1;
    assert.is(ix.slotOf(probe), want, probe);
    assert.is(ix.slotOf(probe), want, `${probe} again`);
  }
});

test.run();
