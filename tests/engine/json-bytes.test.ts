import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JsonSink, jsonText, byteRun, rowLayout } from '../../framework/core/json-bytes.ts';
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


test('rows writes records from row blocks as JSON.stringify would: every number, picks, ids, the guard and the fallback', () => {
  const rng = new SeededRandom(7);
  const width = 6;
  const shift = 4; // 16 records a block: the loop crosses blocks
  const n = 5_000;
  const blocks: Float64Array[] = [];
  for (let b = 0; b * 16 < n; b++) blocks.push(new Float64Array(16 * width));
  const odd = [0, -0, 1e21, Number.NaN, Infinity, -Infinity, 0.1 + 0.2, 5e-324, 2 ** 31, -(2 ** 31), 1e16, 123_456_789.125, -0.37, 21_000.25];
  const prefixes = [byteRun('"O'), undefined, byteRun('"SIM-')];
  const idText = ['O', 'é', 'SIM-'];
  const words = ['"x"', '"a longer pick than one word"'];
  const expected: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    const x = i % 11 === 0 ? odd[i % odd.length] : i % 3 === 0 ? Math.floor(r * 2 ** 53) * (r < 0.5 ? -1 : 1) : i % 3 === 1 ? Math.round((r - 0.5) * 2e11) / 100 : (r - 0.5) * 1e6;
    const y = (r - 0.3) * 1e4;
    const code = i % 7 === 0 ? 1 : i % 2 === 0 ? 0 : 2;
    const num = 1 + Math.floor(r * 999_999_998);
    const guard = i % 97 === 5 ? 0 : 1;
    const row = blocks[i >> shift];
    row.set([x, y, i % 2, 1 + code * 1e9 + num, guard, 0], (i & 15) * width);
    const fallback = guard !== 1 || code === 1;
    expected.push(fallback ? `F${i}` : `{"x":${JSON.stringify(x)},"y":${JSON.stringify(Math.round(y * 1e6) / 1e6)},"w":${words[i % 2]},"id":${JSON.stringify(idText[code] + num)}}`);
  }
  const layout = rowLayout(['{"x":', { num: 0 }, ',"y":', { num: 1, round6: true }, ',"w":', { pick: 2, from: words.map((w) => byteRun(w)) }, ',"id":', { id: 3, from: prefixes }, '}'], 4);
  for (const [from, to] of [[0, n], [0, 1], [15, 17], [n - 1, n]]) {
    const out = new JsonSink(8);
    out.rows(blocks, shift, width, layout, from, to, (i, o) => o.text(`F${i}`));
    assert.is(out.toString(), expected.slice(from, to).join(','), `${from}-${to}`);
  }
});

test.run();
