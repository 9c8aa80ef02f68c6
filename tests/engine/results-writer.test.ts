import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonFileAtomic } from '../../framework/store/results-writer.ts';

test('chunked JSON writer is byte-identical to JSON.stringify, and leaves no temp file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxt-rw-'));
  const big = Array.from({ length: 4501 }, (_, i) => ({ id: `O${i}`, price: i / 4, nested: [i, { k: null }], u: undefined }));
  const value = { schema: 'x', empty: [], orders: big, small: [1, 2], skip: undefined, obj: { a: 1, b: [big[0]] }, n: null, s: 'é"\n' };
  const p = join(dir, 'r.json');
  writeJsonFileAtomic(p, value);
  assert.is(readFileSync(p, 'utf8'), `${JSON.stringify(value)}\n`);
  assert.equal(readdirSync(dir), ['r.json']);
});

test.run();
