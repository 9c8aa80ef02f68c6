import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonNumber, jsonString } from '../../framework/core/json-text.ts';
import { SeededRandom } from '../../framework/core/rng.ts';

test('jsonNumber writes what JSON.stringify writes: epoch ms, cents, quarters, any double', () => {
  const xs: number[] = [0, -0, 1, -13, 0.5, -0.5, 0.05, 0.37, 0.74, 12.5, 21000.25, 0.1 + 0.2, 999_999_999.99, -999_999_999.99, 1e8, 1e8 - 1, 1e16, 2 ** 53, 1e21, 5e-324, 1e-7, Number.NaN, Infinity, -Infinity, 1_578_267_540_000];
  for (let i = -20_000; i < 20_000; i++) xs.push(i / 100, i / 4, i * 0.01, i * 0.1, i / 100 + 20_000, -i / 100 - 999_999.99);
  const rng = new SeededRandom(11);
  for (let i = 0; i < 50_000; i++) {
    const r = rng.next();
    xs.push(Math.round(r * 2e11) / 100 - 1e9, r * 1e9, Math.round(r * 1e6) / 100, Math.floor(r * 2 ** 53), r * 1e17, r);
  }
  const bad = xs.filter((x) => jsonNumber(x) !== JSON.stringify(x));
  assert.equal(bad, []);
});

test('jsonString writes what JSON.stringify writes', () => {
  for (const s of ['', 'O1', 'SIM-12', 'a"b', 'back\\slash', 'é', '\u2028', '\n\t', '\u0000', '\ud800', '😀 tag']) assert.is(jsonString(s), JSON.stringify(s));
});

test.run();
