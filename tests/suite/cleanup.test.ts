import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

test('after cleanup (await using) no handle is left: the process exits on its own', async () => {
  const root = join(import.meta.dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests', 'suite', 'cleanup-child.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  let killed = false;
  // A generous safety net, not a timing assertion: a hung child is killed and the test fails.
  const guard = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(guard);
  assert.not.ok(killed, `child did not exit on its own:\n${out}`);
  assert.is(code, 0, out);
  assert.match(out, /fills \d+/);
  assert.match(out, /cleaned up/);
});

test('cleanup steps are isolated: a feed whose stop throws does not keep the rest from being released', async () => {
  const { TradingSuite } = await import('../../framework/suite/trading-suite.ts');
  const { syntheticData } = await import('./suite-fixtures.ts');
  const lines: string[] = [];
  const suite = await TradingSuite.create({ instruments: ['MNQ', 'ES'], mode: 'backtest', data: syntheticData(['MNQ', 'ES'], 50), log: (l) => lines.push(l) });
  for (const ctx of suite) ctx.bus.on('bar', () => {});
  suite.bus.on('fill', () => {});
  (suite.feed as { stop: () => Promise<void> }).stop = async () => {
    throw new Error('feed stop failed');
  };
  await suite.cleanup();
  for (const ctx of suite) assert.not.ok(ctx.bus.hasHandlers('bar'));
  assert.not.ok(suite.bus.hasHandlers('fill'));
  assert.equal(lines, ['warning: 1 error(s) during cleanup (isolated; the other parts were released)']);
  await suite.cleanup(); // idempotent
  assert.is(lines.length, 1);
});

test.run();
