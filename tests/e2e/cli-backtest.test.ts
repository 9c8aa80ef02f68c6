import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const ES = join(root, 'tests', 'fixtures', 'es_1m_esz13_2013-10-06_2013-10-11.csv');
const dir = mkdtempSync(join(tmpdir(), 'pxt-cli-'));

function pxt(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'framework', 'cli', 'main.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('pxt backtest on a real ES CSV: exit 0, summary, results file', () => {
  const out = join(dir, 'es.json');
  const r = pxt('backtest', '--strategy', 'sma-cross', '--data', ES, '--symbol', 'ES', '--commission', '2.25', '--out', out);
  assert.is(r.code, 0, r.err);
  for (const k of ['bars', 'trades', 'net PnL', 'win rate', 'max drawdown', 'final equity', 'bars/s']) assert.ok(r.out.includes(k), `summary shows ${k}`);
  const res = JSON.parse(readFileSync(out, 'utf8'));
  assert.is(res.schema, 'projectx-ts/results@1');
  assert.is(res.bars.ES, 6826);
  assert.is(res.instruments[0].tickValue, 12.5);
  assert.ok(res.trades.length > 10);
  assert.ok(res.run.fillModel.description.includes('next bar'));
  assert.is(readdirSync(dir).filter((f) => f.endsWith('.tmp')).length, 0, 'no temp file left');
});

test('same inputs give a byte-identical results file apart from run.timing', () => {
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  for (const out of [a, b]) assert.is(pxt('backtest', '--strategy', 'sma-cross', '--data', `ES=${ES}`, '--param', 'fast=5', '--param', 'slow=20', '--out', out, '--quiet').code, 0);
  const strip = (p: string) => {
    const j = JSON.parse(readFileSync(p, 'utf8'));
    delete j.run.timing;
    return JSON.stringify(j);
  };
  assert.ok(strip(a) === strip(b), 'identical');
  assert.is(pxt('backtest', '--strategy', 'sma-cross', '--data', `ES=${ES}`, '--out', a, '--quiet').err, '');
});

test('two instruments in one run (same file twice under two symbols) write one results file', () => {
  const out = join(dir, 'two.json');
  const r = pxt('backtest', '--strategy', 'sma-cross', '--data', `ES=${ES}`, '--data', `MES=${ES}`, '--out', out, '--quiet');
  assert.is(r.code, 0, r.err);
  const res = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(Object.keys(res.bars), ['ES', 'MES']);
  // identical prices: identical trades, PnL scaled by tick value (12.5 vs 1.25)
  const es = res.trades.filter((t: { symbol: string }) => t.symbol === 'ES');
  const mes = res.trades.filter((t: { symbol: string }) => t.symbol === 'MES');
  assert.is(es.length, mes.length);
  assert.is(Math.round(es.reduce((s: number, t: { pnl: number }) => s + t.pnl, 0) * 10) / 10, Math.round(mes.reduce((s: number, t: { pnl: number }) => s + t.pnl, 0) * 100) / 10);
});

test('bad CSV row: one line naming file and line, exit 2, no stack trace, no results file', () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'timestamp,open,high,low,close,volume\n2025-01-06T15:00:00Z,100,101,99,100,10\n2025-01-06T15:01:00Z,100,99,101,100,10\n');
  const out = join(dir, 'never.json');
  const r = pxt('backtest', '--strategy', 'sma-cross', '--data', bad, '--symbol', 'MNQ', '--out', out);
  assert.is(r.code, 2);
  const lines = r.err.trim().split('\n');
  assert.is(lines.length, 1, r.err);
  assert.match(lines[0], /^error: .*high.*low/);
  assert.ok(lines[0].includes('bad.csv:3'), 'file and line');
  assert.ok(lines[0].includes(' — '), 'a hint');
  assert.not.ok(existsSync(out));
});

test('unknown and mistyped params, unknown strategy, unknown instrument: clear errors, exit 2', () => {
  let r = pxt('backtest', '--strategy', 'sma-cross', '--data', ES, '--symbol', 'ES', '--param', 'fats=3');
  assert.is(r.code, 2);
  assert.match(r.err, /unknown param 'fats'.*valid params: fast/);
  r = pxt('backtest', '--strategy', 'sma-cross', '--data', ES, '--symbol', 'ES', '--params', '{"fast":"x"}');
  assert.is(r.code, 2);
  assert.match(r.err, /param 'fast' must be a number/);
  r = pxt('backtest', '--strategy', 'nope', '--data', ES, '--symbol', 'ES');
  assert.is(r.code, 2);
  assert.match(r.err, /strategy 'nope' not found/);
  r = pxt('backtest', '--strategy', 'sma-cross', '--data', ES, '--symbol', 'XYZ');
  assert.is(r.code, 2);
  assert.match(r.err, /unknown instrument 'XYZ'.*--tick-size/);
  r = pxt('backtest', '--strategy', 'sma-cross', '--data', ES, '--symbol', 'XYZ', '--tick-size', '0.25', '--tick-value', '5', '--out', join(dir, 'x.json'), '--quiet');
  assert.is(r.code, 0, r.err);
});

test('usage errors exit 2', () => {
  const r = pxt('backtest', '--data', ES);
  assert.is(r.code, 2);
  assert.match(r.err, /strategy/);
});

test.run();
