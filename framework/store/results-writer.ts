import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const CHUNK = 2000;

/**
 * Write a results file (or any JSON object) as compact JSON, byte-identical to
 * `JSON.stringify(value) + '\n'`, without building the whole string: large arrays (orders, fills,
 * trades of a 1M-bar run: tens of MB) go out in chunks of 2,000 elements. Peak memory stays at one
 * chunk's text. Written to a temporary name and renamed, so a crash never leaves half a file.
 */
export function writeJsonFileAtomic(path: string, value: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let first = true;
    writeSync(fd, '{');
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      writeSync(fd, `${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      if (Array.isArray(v) && v.length > CHUNK) {
        writeSync(fd, '[');
        for (let i = 0; i < v.length; i += CHUNK) {
          const part = JSON.stringify(v.slice(i, i + CHUNK));
          writeSync(fd, `${i === 0 ? '' : ','}${part.slice(1, -1)}`);
        }
        writeSync(fd, ']');
      } else writeSync(fd, JSON.stringify(v) ?? 'null');
    }
    writeSync(fd, '}\n');
    closeSync(fd);
    renameSync(tmp, path);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw err;
  }
}
