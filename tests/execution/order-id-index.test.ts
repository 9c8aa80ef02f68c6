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

test.run();
