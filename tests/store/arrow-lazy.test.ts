import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backtestCommand } from '../../framework/cli/backtest-command.ts';
import { HistoryStore } from '../../framework/store/history-store.ts';
import { syntheticBars } from '../../framework/store/synthetic-bars.ts';
import { CME_GLOBEX_SESSION } from '../../framework/model/session-calendar.ts';

// apache-arrow is loaded on first use (store/arrow-store.ts), as its CommonJS build: ~150 files that
// every pxt command paid at startup, Arrow or not. This file runs in its own process (tests/run.ts).
const require = createRequire(import.meta.url);
const arrowLoaded = (): boolean => Object.keys(require.cache).some((k) => /[\\/]apache-arrow[\\/]/.test(k));

test('loading the CLI and the store does not load apache-arrow; the first read of a stored series does, and reads it', () => {
  assert.is(backtestCommand.name, 'backtest');
  const dir = mkdtempSync(join(tmpdir(), 'pxt-arrow-lazy-'));
  try {
    // The file is written by another process, so this one's first Arrow use is a read (the entry
    // module must load before ipc/metadata/file, whose own require cycle otherwise leaves Schema
    // unfinished: "Schema.decode is not a function").
    const write = `import { HistoryStore } from './framework/store/history-store.ts';
import { syntheticBars } from './framework/store/synthetic-bars.ts';
import { CME_GLOBEX_SESSION } from './framework/model/session-calendar.ts';
new HistoryStore(${JSON.stringify(dir)}).save(syntheticBars({ symbol: 'MNQ', bars: 1000, seed: 7, startMs: Date.parse('2024-01-02T00:00:00Z'), tickSize: 0.25, startPrice: 21000, session: CME_GLOBEX_SESSION }), { source: 'synthetic', tickSize: 0.25 });`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', write], { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const store = new HistoryStore(dir);
    assert.is(arrowLoaded(), false, 'apache-arrow loaded before any store file was read');
    const back = store.load('MNQ', '1m');
    assert.is(arrowLoaded(), true);
    const bars = syntheticBars({ symbol: 'MNQ', bars: 1000, seed: 7, startMs: Date.parse('2024-01-02T00:00:00Z'), tickSize: 0.25, startPrice: 21000, session: CME_GLOBEX_SESSION });
    assert.is(back.length, 1000);
    assert.equal(Array.from(back.close), Array.from(bars.close));
    assert.equal(Array.from(back.tsMs), Array.from(bars.tsMs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
