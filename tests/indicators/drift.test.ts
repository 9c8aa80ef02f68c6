/** Running sums stay accurate over long runs: 1e6 updates against a naive re-computation of the window. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SeededRandom } from '../../framework/core/rng.ts';
import { BollingerBands, Sma, Wma } from '../../framework/indicators/index.ts';

const N = 1_000_000;
const PERIOD = 20;

function walk(seed: number): Float64Array {
  const rng = new SeededRandom(seed);
  const xs = new Float64Array(N);
  let x = 20_000;
  for (let i = 0; i < N; i++) {
    x *= Math.exp(0.0008 * rng.normal());
    // Snap to a 0.25 tick like a futures price: sums of such values still drift in binary float.
    xs[i] = Math.round(x * 4) / 4 + 0.1 * rng.next();
  }
  return xs;
}

test('sma, wma and bollinger sigma after 1e6 updates match a naive re-sum', () => {
  const xs = walk(99);
  const sma = new Sma(PERIOD);
  const wma = new Wma(PERIOD);
  const bb = new BollingerBands(PERIOD, 2);
  let worstSma = 0;
  let worstWma = 0;
  let worstSigma = 0;
  for (let i = 0; i < N; i++) {
    sma.update(xs[i]);
    wma.update(xs[i]);
    bb.update(xs[i]);
    // Check often near the end (after the most updates), and periodically throughout.
    if (i >= PERIOD && (i % 997 === 0 || i > N - 3000)) {
      let s = 0;
      let w = 0;
      for (let k = 0; k < PERIOD; k++) {
        const x = xs[i - PERIOD + 1 + k];
        s += x;
        w += (k + 1) * x;
      }
      const mean = s / PERIOD;
      let ss = 0;
      for (let k = 0; k < PERIOD; k++) ss += (xs[i - PERIOD + 1 + k] - mean) ** 2;
      const sigma = Math.sqrt(ss / PERIOD);
      worstSma = Math.max(worstSma, Math.abs(sma.value - mean) / mean);
      worstWma = Math.max(worstWma, Math.abs(wma.value - w / ((PERIOD * (PERIOD + 1)) / 2)) / mean);
      worstSigma = Math.max(worstSigma, Math.abs(bb.value.width / 4 - sigma) / sigma);
    }
  }
  assert.ok(worstSma < 1e-12, `sma relative error ${worstSma}`);
  assert.ok(worstWma < 1e-12, `wma relative error ${worstWma}`);
  assert.ok(worstSigma < 1e-9, `bollinger sigma relative error ${worstSigma}`);
});

test.run();
