import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { dataCommand, dataExport, dataImport, dataInfo, type DataArgs } from '../../framework/cli/data-command.ts';
import { ConfigError, DataError } from '../../framework/core/errors.ts';
import { HistoryStore } from '../../framework/store/history-store.ts';

const ES_FIXTURE = join(import.meta.dirname, '../fixtures/es_1m_esz13_2013-10-06_2013-10-11.csv');
const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pxt-data-cmd-'));
  dirs.push(d);
  return d;
}
function capture(): { lines: string[]; print: (l: string) => void } {
  const lines: string[] = [];
  return { lines, print: (l) => lines.push(l) };
}

test('import + info + export end to end', () => {
  const dataDir = join(tempDir(), 'data');
  const imp = capture();
  const meta = dataImport({ file: ES_FIXTURE, symbol: 'ES', timeframe: '1m', dataDir }, imp.print);
  assert.is(meta.bars, 6826);
  assert.is(meta.tickSize, 0.25, 'registry tick used for validation');
  assert.match(imp.lines[0], /imported 6826 bars of ES 1m/);
  assert.match(imp.lines[1], /2013-10-06 22:00Z \.\. 2013-10-11 21:14Z/);
  assert.match(imp.lines[2], /gaps: \d+ \(4 session closures, \d+ holes\)/);
  assert.equal(readdirSync(join(dataDir, 'ES')).sort(), ['1m.arrow', '1m.meta.json']);

  const info = capture();
  dataInfo({ dataDir }, info.print);
  assert.is(info.lines.length, 2);
  assert.match(info.lines[0], /^symbol\s+timeframe\s+from\s+to\s+bars\s+gaps/);
  assert.match(info.lines[1], /^ES\s+1m\s+2013-10-06 22:00Z\s+2013-10-11 21:14Z\s+6826\s+\d+/);

  const out = join(dataDir, '..', 'es.csv');
  const exp = capture();
  const n = dataExport({ symbol: 'ES:1m', out, dataDir, fromMs: Date.UTC(2013, 9, 8), toMs: Date.UTC(2013, 9, 9) }, exp.print);
  assert.ok(n > 1000);
  const text = readFileSync(out, 'utf8').split('\n');
  assert.is(text[0], 'timestamp,open,high,low,close,volume');
  assert.ok(text[1].startsWith('2013-10-08T00:00:00.000Z,'));
  assert.is(text.length, n + 2);
  assert.match(exp.lines[0], new RegExp(`wrote ${n} bars of ES 1m`));
});

test('info on an empty store says how to import', () => {
  const c = capture();
  dataInfo({ dataDir: join(tempDir(), 'nothing') }, c.print);
  assert.match(c.lines[0], /no stored series/);
});

test('import infers symbol and timeframe, merges on request, refuses bad data', () => {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  const meta = dataImport({ file: ES_FIXTURE, dataDir }, () => {});
  assert.is(meta.symbol, 'ES');
  assert.is(meta.timeframe, '1m');

  // --merge: a correction for one bar plus one new bar after the end.
  const patch = join(dir, 'patch.csv');
  writeFileSync(patch, 'timestamp,open,high,low,close,volume\n2013-10-06T22:00:00Z,1,2,1,2,5\n2013-10-11T21:15:00Z,1700,1700.25,1699.75,1700,3\n');
  dataImport({ file: patch, symbol: 'ES', timeframe: '1m', dataDir, merge: true }, () => {});
  const merged = new HistoryStore(dataDir).load('ES', '1m');
  assert.is(merged.length, 6827);
  assert.is(merged.close[0], 2);
  assert.is(merged.close[6826], 1700);

  const offGrid = join(dir, 'off.csv');
  writeFileSync(offGrid, 'timestamp,open,high,low,close,volume\n2024-01-02T00:00:00Z,100.1,101,99,100,1\n2024-01-02T00:01:00Z,100,101,99,100,1\n');
  assert.throws(
    () => dataImport({ file: offGrid, symbol: 'ES', timeframe: '1m', dataDir }, () => {}),
    (e: unknown) => e instanceof DataError && e.where === `${offGrid}:2` && /tick grid/.test(e.message),
  );
  // --tick-size 0 turns the grid check off (back-adjusted series).
  assert.is(dataImport({ file: offGrid, symbol: 'ES', timeframe: '1m', dataDir, tickSize: 0 }, () => {}).bars, 2);
  assert.throws(() => dataImport({ file: ES_FIXTURE, symbol: 'ES', timeframe: '5m', dataDir }, () => {}), (e: unknown) => e instanceof ConfigError && /1m apart/.test((e as Error).message));
  assert.throws(() => dataImport({ file: ES_FIXTURE, symbol: 'ES', timeframe: 'x', dataDir }, () => {}), (e: unknown) => e instanceof ConfigError);
});

test('dataCommand parses `data import|info|export` through yargs', async () => {
  const dataDir = join(tempDir(), 'data');
  const copy = join(dataDir, '..', 'es_1m.csv');
  copyFileSync(ES_FIXTURE, copy);
  const logged: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => logged.push(a.join(' '));
  const run = async (argv: string[]): Promise<void> => {
    let failure: unknown;
    await yargs(argv)
      .command(dataCommand.name, dataCommand.describe, (y) => dataCommand.builder(y), async (a) => {
        await dataCommand.run(a as unknown as DataArgs);
      })
      .strict()
      .exitProcess(false)
      .fail((msg, err) => {
        failure = err ?? new Error(msg);
      })
      .parseAsync();
    if (failure !== undefined) throw failure;
  };
  try {
    await run(['data', 'import', copy, '--symbol', 'ES', '--timeframe', '1m', '--data-dir', dataDir]);
    await run(['data', 'info', '--data-dir', dataDir]);
    await run(['data', 'export', 'ES', '--timeframe', '1m', '--out', join(dataDir, 'out.csv'), '--data-dir', dataDir, '--from', '2013-10-11']);
    let err: unknown;
    try {
      await run(['data', 'export', 'ES', '--data-dir', dataDir]);
    } catch (e) {
      err = e;
    }
    assert.instance(err, ConfigError);
  } finally {
    console.log = orig;
  }
  assert.ok(logged.some((l) => /imported 6826 bars of ES 1m/.test(l)));
  assert.ok(logged.some((l) => /^ES\s+1m\s+2013-10-06 22:00Z/.test(l)));
  assert.ok(logged.some((l) => /wrote \d+ bars of ES 1m/.test(l)));
  assert.ok(readFileSync(join(dataDir, 'out.csv'), 'utf8').split('\n')[1].startsWith('2013-10-11T'));
});

test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test.run();
