/** Memory is bounded by windows (DESIGN.md §3 rule 7), including the technicalindicators-backed catalogue. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createIndicator } from '../../framework/indicators/index.ts';
import { technicalIndicatorsLeakPatched } from '../../framework/indicators/ti-leak-patch.ts';
import { tiLib } from '../../framework/indicators/ti-lib.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapGrowthMb(name: string, bars: number): number {
  const ind = createIndicator(name);
  const bar = { tsMs: 0, open: 0, high: 0, low: 0, close: 0, volume: 1 };
  const feed = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const x = 20_000 + Math.sin(i) * 10;
      bar.tsMs = i;
      bar.open = x - 0.3;
      bar.high = x + 1;
      bar.low = x - 1;
      bar.close = x;
      bar.volume = 1 + (i % 7);
      ind.updateBar(bar);
    }
  };
  feed(0, 20_000);
  gc();
  const before = process.memoryUsage().heapUsed;
  feed(20_000, bars);
  gc();
  assert.ok(ind.isReady);
  return (process.memoryUsage().heapUsed - before) / 1e6;
}

test('the technicalindicators LinkedList patch is installed', () => {
  assert.ok(technicalIndicatorsLeakPatched(tiLib()));
});

for (const name of ['cci', 'williams-r', 'roc', 'mfi', 'adx', 'trix', 'obv', 'psar', 'hammer']) {
  test(`${name}: heap does not grow with bar count`, () => {
    // Unpatched, the leaking ones retain ~64-128 bytes a bar: ~20-40 MB over 300k bars.
    const mb = heapGrowthMb(name, 320_000);
    assert.ok(mb < 5, `${name} retained ${mb.toFixed(1)} MB over 300k bars`);
  });
}

test.run();
