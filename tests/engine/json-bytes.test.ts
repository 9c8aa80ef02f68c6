import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JsonSink, jsonText, byteRun } from '../../framework/core/json-bytes.ts';
import { SeededRandom } from '../../framework/core/rng.ts';

const num = (x: number): string => jsonText((o) => o.num(x));

test('num writes what JSON.stringify writes: small and big whole numbers, epoch ms, cents, quarters, any double', () => {
  const xs: number[] = [0, -0, 1, -13, 0.5, -0.5, 0.05, 0.37, 0.74, 12.5, 21000.25, 0.1 + 0.2, 999_999_999.99, -999_999_999.99, 1e8, 1e8 - 1, 1e16, 1e16 - 2, -(1e16 - 2), 2 ** 53, 1e21, 5e-324, 1e-7, Number.NaN, Infinity, -Infinity, 1_578_267_540_000, -1_578_267_540_000];
  xs.push(2 ** 31, 2 ** 31 - 1, -(2 ** 31), -(2 ** 31) + 1, 2 ** 31 + 0.5, 1e9, -1e9, 1e9 - 0.01, 100_000_000_000_001, 10_000_000_000_000_000);
  for (let i = -20_000; i < 20_000; i++) xs.push(i, i / 100, i / 4, i * 0.01, i * 0.1, i / 100 + 20_000, -i / 100 - 999_999.99);
  const rng = new SeededRandom(11);
  for (let i = 0; i < 50_000; i++) {
    const r = rng.next();
    xs.push(Math.round(r * 2e11) / 100 - 1e9, r * 1e9, Math.round(r * 1e6) / 100, Math.floor(r * 2 ** 53), -Math.floor(r * 2 ** 53), Math.floor(r * 1e12) * 1000, r * 1e17, r);
  }
  const bad = xs.filter((x) => num(x) !== JSON.stringify(x));
  assert.equal(bad, []);
});

test('str writes what JSON.stringify writes; text writes any string as UTF-8', () => {
  for (const s of ['', 'O1', 'SIM-12', 'a"b', 'back\\slash', 'é', '\u2028', '\n\t', '\u0000', '\ud800', '😀 tag', 'x\u007f', 'long '.repeat(300)]) {
    assert.is(jsonText((o) => o.str(s)), JSON.stringify(s));
    assert.is(jsonText((o) => o.text(s)), Buffer.from(s, 'utf8').toString('utf8'));
  }
});

test('the buffer grows as needed; copy repeats written bytes; reset starts over', () => {
  const out = new JsonSink(16);
  const parts: string[] = [];
  for (let i = 0; i < 2000; i++) {
    out.raw(byteRun('{"t":'));
    const from = out.pos;
    out.num(1_700_000_000_000 + i);
    out.char(0x2c);
    out.copy(from, out.pos - 1);
    out.uint(i);
    out.char(0x7d);
    parts.push(`{"t":${1_700_000_000_000 + i},${1_700_000_000_000 + i}${i}}`);
  }
  assert.is(out.toString(), parts.join(''));
  assert.is(out.bytes().length, Buffer.byteLength(parts.join('')));
  out.reset();
  out.optStr(undefined);
  out.char(0x2c);
  out.optStr('é');
  assert.is(out.toString(), 'null,"é"');
});

test.run();
