import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBarsCsv } from '../../framework/store/csv-bars.ts';
import { syntheticData } from './suite-fixtures.ts';

const root = join(import.meta.dirname, '..', '..');

test('pxt backtest --strategy strategies/pairs-spread.ts with two --data writes one results file with portfolio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxt-pairs-'));
  try {
    const data = syntheticData(['MNQ', 'ES'], 2000, 5);
    writeBarsCsv(join(dir, 'mnq.csv'), data.MNQ);
    writeBarsCsv(join(dir, 'es.csv'), data.ES);
    const out = join(dir, 'results.json');
    const run = () =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', join(root, 'framework/cli/main.ts'), 'backtest', '--strategy', 'strategies/pairs-spread.ts', '--data', `MNQ=${join(dir, 'mnq.csv')}`, '--data', `ES=${join(dir, 'es.csv')}`, '--param', 'lookback=50', '--out', out, '--quiet', '--data-dir', dir],
        { cwd: root, encoding: 'utf8' },
      );
    const r1 = run();
    assert.is(r1.status, 0, r1.stderr);
    const a = JSON.parse(readFileSync(out, 'utf8'));
    const r2 = run();
    assert.is(r2.status, 0, r2.stderr);
    const b = JSON.parse(readFileSync(out, 'utf8'));
    assert.is(a.run.strategy, 'pairs-spread');
    assert.equal(a.run.params, { lookback: 50, entryZ: 2, exitZ: 0.5, sizeA: 1, sizeB: 1, symbolA: '', symbolB: '' });
    assert.equal(a.portfolio.correlation.symbols, ['MNQ', 'ES']);
    assert.is(a.portfolio.correlation.matrix.length, 2);
    assert.ok(a.trades.length > 0);
    // Both legs trade, in pairs.
    assert.ok(a.trades.some((t: { symbol: string }) => t.symbol === 'MNQ') && a.trades.some((t: { symbol: string }) => t.symbol === 'ES'));
    delete a.run.timing;
    delete b.run.timing;
    assert.equal(a, b);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
