import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { medianLine } from '../../bench/median-line.ts';

const line = (seconds: number, peakRssMb: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ scenario: 's', bars: 1000, seconds, barsPerSec: Math.round(1000 / seconds), peakRssMb, ...extra });

test('one run is printed as it is', () => {
  const l = line(0.5, 100, { phases: { replay: 0.3 } });
  assert.is(medianLine([l]), l);
});

test('an odd count prints the median run, with its own bars/s and extras, the time range and the highest RSS', () => {
  const out = JSON.parse(medianLine([line(0.5, 110, { k: 'a' }), line(0.4, 120, { k: 'b' }), line(0.45, 115, { k: 'c' }), line(0.6, 112, { k: 'd' }), line(0.42, 111, { k: 'e' })]));
  assert.equal(out, { scenario: 's', bars: 1000, seconds: 0.45, barsPerSec: 2222, peakRssMb: 120, k: 'c', runs: 5, secondsRange: [0.4, 0.6] });
});

test('an even count prints the lower middle run', () => {
  const out = JSON.parse(medianLine([line(0.5, 100), line(0.4, 100), line(0.45, 100), line(0.6, 100)]));
  assert.is(out.seconds, 0.45);
  assert.equal(out.secondsRange, [0.4, 0.6]);
  assert.is(out.runs, 4);
});

test.run();
