import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonText } from '../../framework/core/json-bytes.ts';
import { IdColumn, SeqIdCodec } from '../../framework/model/seq-id-codec.ts';

test('prefix + canonical number round-trips as one number; JSON matches JSON.stringify', () => {
  const c = new SeqIdCodec();
  for (const id of ['O1', 'O17', 'F3', 'SIM-12', 'SIM-999999999', '42', 'pxt-a"b\\c-7', 'é-5', 'O17']) {
    const p = c.encode(id);
    assert.ok(p > 0, id);
    assert.is(c.decode(p), id);
    assert.is(jsonText((out) => c.writeJson(p, out)), JSON.stringify(id));
  }
  assert.is(c.encode('O1'), c.encode('O1'));
  assert.is.not(c.encode('O1'), c.encode('F1'));
});

test('ids without a canonical numeric tail are not encoded: the column keeps them as strings', () => {
  const c = new SeqIdCodec();
  for (const id of ['O', '', 'O12.sl', 'O012', 'O0', 'SIM-1234567890', 'abc']) assert.is(c.encode(id), 0, id);
  const col = new IdColumn();
  const ids = ['O1', 'O12.sl', 'x"y', 'O2', 'O007'];
  const stored = ids.map((id, i) => col.store(i, id));
  assert.equal(stored.map((s) => s > 0), [true, false, false, true, false]);
  ids.forEach((id, i) => {
    assert.is(col.id(i, stored[i]), id);
    assert.is(jsonText((out) => col.writeJson(i, stored[i], out)), JSON.stringify(id));
  });
});

test.run();
