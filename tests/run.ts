/**
 * Test runner: runs every tests/**\/*.test.ts file in its own Node process (uvu executes on import),
 * two at a time, and ends with the one plain line CI reads: `N passed, N failed[, N skipped]`.
 * A file that crashes before uvu's summary counts as one failed test.
 * Usage: npm test [-- <substring filter>]
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cpus } from 'node:os';

const root = join(import.meta.dirname, '..');
const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = findTests(join(root, 'tests')).filter((f) => filter.length === 0 || filter.some((s) => f.includes(s)));
let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

function runFile(file: string): Promise<void> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      out += '\n[runner] timed out after 180 s\n';
      child.kill('SIGKILL');
    }, 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
      const ok = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
      const skip = Number(/Skipped:\s+(\d+)/.exec(out)?.[1] ?? 0);
      const secs = Number(process.hrtime.bigint() - started) / 1e9;
      const rel = relative(root, file);
      if (Number.isNaN(total)) {
        failed += 1;
        failures.push(`${rel}: crashed (exit ${code})\n${out}`);
        console.log(`FAIL ${rel} (crashed, ${secs.toFixed(1)}s)`);
      } else {
        const bad = total - ok; // uvu's Total leaves skipped tests out
        passed += ok;
        skipped += skip;
        failed += bad;
        if (bad > 0 || code !== 0) {
          if (bad === 0) failed += 1;
          failures.push(`${rel}:\n${out}`);
        }
        console.log(`${bad > 0 || code !== 0 ? 'FAIL' : 'ok  '} ${rel} (${ok}/${total}${skip ? `, ${skip} skipped` : ''}, ${secs.toFixed(1)}s)`);
      }
      resolve();
    });
  });
}

const queue = [...files];
const workers = Array.from({ length: Math.max(1, Math.min(2, cpus().length)) }, async () => {
  while (queue.length > 0) await runFile(queue.shift()!);
});
await Promise.all(workers);
for (const f of failures) console.log(`\n----- ${f}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
