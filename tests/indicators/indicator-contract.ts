/**
 * The Indicator port's contract (DESIGN.md §3 rule 11). Every implementation, hot core and catalogue,
 * is run through indicatorContract: not ready (and NaN / NaN fields / false) before warmupBars, ready
 * from warmupBars on, value finite when ready, reset replays identically, no throw on NaN-free input.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { BarInput, Indicator } from '../../framework/indicators/indicator.ts';
import { randomWalkBars } from './series.ts';

const DEFAULT_BARS = randomWalkBars(400, 7);

function isUnsetValue(v: unknown): boolean {
  if (typeof v === 'number') return Number.isNaN(v);
  if (typeof v === 'boolean') return v === false;
  if (typeof v === 'object' && v !== null) return Object.values(v).every((x) => typeof x === 'number' && Number.isNaN(x));
  return false;
}

function isFiniteValue(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'boolean') return true;
  if (typeof v === 'object' && v !== null) {
    const xs = Object.values(v);
    return xs.length > 0 && xs.every((x) => typeof x === 'number' && Number.isFinite(x));
  }
  return false;
}

/** A comparable copy of a value (multi-output values are reused objects). */
function snapshot(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? { ...v } : v;
}

export function indicatorContract(name: string, factory: () => Indicator<unknown>, bars: readonly BarInput[] = DEFAULT_BARS): void {
  const s = suite(`contract ${name}`);

  s('has a name and a whole-number warmupBars', () => {
    const ind = factory();
    assert.type(ind.name, 'string');
    assert.ok(ind.name.length > 0);
    assert.ok(Number.isInteger(ind.warmupBars) && ind.warmupBars >= 1, `warmupBars ${ind.warmupBars}`);
    assert.ok(ind.warmupBars < bars.length, 'test series long enough');
    assert.is(ind.isReady, false);
    assert.ok(isUnsetValue(ind.value), 'unset before any bar');
  });

  s('not ready before warmupBars, ready from warmupBars on, finite when ready', () => {
    const ind = factory();
    bars.forEach((bar, i) => {
      ind.updateBar(bar);
      const seen = i + 1;
      if (seen < ind.warmupBars) {
        assert.is(ind.isReady, false, `${name}: ready after ${seen} < ${ind.warmupBars} bars`);
      } else {
        assert.is(ind.isReady, true, `${name}: not ready after ${seen} >= ${ind.warmupBars} bars`);
        assert.ok(isFiniteValue(ind.value), `${name}: value not finite after ${seen} bars: ${JSON.stringify(ind.value)}`);
      }
    });
  });

  s('reset forgets everything and replays identically', () => {
    const ind = factory();
    const first: unknown[] = [];
    for (const bar of bars) {
      ind.updateBar(bar);
      first.push(snapshot(ind.value));
    }
    ind.reset();
    assert.is(ind.isReady, false);
    assert.ok(isUnsetValue(ind.value), `${name}: value not unset after reset: ${JSON.stringify(ind.value)}`);
    bars.forEach((bar, i) => {
      ind.updateBar(bar);
      assert.equal(snapshot(ind.value), first[i], `${name}: bar ${i} differs after reset`);
    });
  });

  s('two instances are independent', () => {
    const a = factory();
    const b = factory();
    for (const bar of bars) a.updateBar(bar);
    assert.is(b.isReady, false);
    assert.ok(isUnsetValue(b.value));
  });

  s.run();
}
