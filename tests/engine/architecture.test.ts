/**
 * The dependency rules of DESIGN.md §2, checked on the import statements of every framework file
 * (what dependency-cruiser would do, in forty lines): core and model import no package and no Node
 * API; only suite/, cli/ and the public entry points import the ProjectX adapters; reporting reads
 * results, never the engine; engine folders never import cli/.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname, normalize } from 'node:path';

const root = join(import.meta.dirname, '..', '..', 'framework');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

const graph = files(root).map((f) => {
  const src = readFileSync(f, 'utf8');
  const specs: string[] = [];
  for (const m of src.matchAll(IMPORT)) specs.push(m[1] ?? m[2] ?? m[3]);
  const folder = relative(root, f).split('/')[0];
  const targets = specs.map((s) => (s.startsWith('.') ? relative(root, normalize(join(dirname(f), s))) : `pkg:${s}`));
  return { file: relative(root, f), folder, targets };
});

test('the import graph is read (not vacuously empty)', () => {
  const edges = graph.reduce((n, g) => n + g.targets.length, 0);
  assert.ok(graph.length > 150 && edges > 500, `${graph.length} files, ${edges} imports`);
  assert.ok(graph.some((g) => g.file === 'suite/trading-suite.ts' && g.targets.includes('execution/order-manager.ts')));
});

test('core and model import no package and no Node API, only each other', () => {
  for (const g of graph.filter((x) => x.folder === 'core' || x.folder === 'model')) {
    for (const t of g.targets) {
      const ok = t.startsWith('core/') || t.startsWith('model/');
      assert.ok(ok, `${g.file} imports ${t}`);
    }
  }
});

test('only suite/, cli/ and the public entry points import the ProjectX adapters', () => {
  for (const g of graph.filter((x) => x.folder !== 'adapters' && x.folder !== 'suite' && x.folder !== 'cli' && x.file !== 'index.ts' && x.file !== 'live.ts')) {
    for (const t of g.targets) assert.not.ok(t.startsWith('adapters/'), `${g.file} imports ${t}`);
  }
});

test('reporting reads results (model, analytics), never the engine', () => {
  const engine = ['execution/', 'feed/', 'suite/', 'strategy/', 'risk/', 'portfolio/', 'bus/', 'adapters/', 'cli/'];
  for (const g of graph.filter((x) => x.folder === 'reporting')) {
    for (const t of g.targets) assert.not.ok(engine.some((e) => t.startsWith(e)), `${g.file} imports ${t}`);
  }
});

test('nothing below cli/ imports cli/', () => {
  for (const g of graph.filter((x) => x.folder !== 'cli')) {
    for (const t of g.targets) assert.not.ok(t.startsWith('cli/'), `${g.file} imports ${t}`);
  }
});

test.run();
