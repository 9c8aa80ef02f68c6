import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { reportCommand } from '../../framework/cli/report-command.ts';
import { ConfigError } from '../../framework/core/errors.ts';
import { makeFixtureResults } from './fixture-results.ts';

const dir = mkdtempSync(join(tmpdir(), 'pxt-report-cmd-'));
const runA = join(dir, 'a.json');
const runB = join(dir, 'b.json');
writeFileSync(runA, JSON.stringify(makeFixtureResults({ days: 30, trades: 30 })));
writeFileSync(runB, JSON.stringify(makeFixtureResults({ days: 30, trades: 20, seed: 5, strategy: 'breakout' })));

const quiet = async (f: () => Promise<unknown>): Promise<unknown> => {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await f();
  } finally {
    process.stdout.write = write;
  }
};

async function expectConfigError(runs: string[], pattern: RegExp): Promise<void> {
  try {
    await reportCommand.run({ runs, 'reports-dir': dir });
    assert.unreachable('should throw');
  } catch (err) {
    assert.instance(err, ConfigError);
    const e = err as ConfigError;
    assert.match(e.message, pattern);
    assert.is(e.where, runs[0]);
    assert.ok(e.hint && e.hint.includes('pxt backtest'), 'hint');
  }
}

test('one file -> single report at --out', async () => {
  const out = join(dir, 'one.html');
  assert.is(await quiet(() => reportCommand.run({ runs: [runA], out, 'reports-dir': dir })), 0);
  assert.ok(readFileSync(out, 'utf8').includes('id="metrics"'));
  assert.not.ok(readFileSync(out, 'utf8').includes('id="run-select"'));
});

test('two files -> comparison at the default path', async () => {
  await quiet(() => reportCommand.run({ runs: [runA, runB], 'reports-dir': dir }));
  const out = join(dir, 'compare-sma-cross-breakout-20250304-150607.html');
  assert.ok(existsSync(out));
  assert.ok(readFileSync(out, 'utf8').includes('id="run-select"'));
});

test('missing file, bad JSON, wrong schema -> ConfigError with the path and a hint', async () => {
  await expectConfigError([join(dir, 'nope.json')], /not found/);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"schema": ');
  await expectConfigError([bad], /not valid JSON/);
  const wrong = join(dir, 'wrong.json');
  writeFileSync(wrong, JSON.stringify({ schema: 'something/else@1' }));
  await expectConfigError([wrong], /schema/);
  const partial = join(dir, 'partial.json');
  writeFileSync(partial, JSON.stringify({ ...JSON.parse(readFileSync(runA, 'utf8')), trades: 'x' }));
  await expectConfigError([partial], /trades/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
