import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { dirname } from 'node:path';
import { lazyArraySource } from '../core/lazy-array.ts';

/**
 * Elements per chunk. Small enough that a chunk's text (orders: ~450 bytes each) stays under V8's
 * large-object size (128 KB): such strings die young in a scavenge, where 1 MB chunks went to the
 * large-object space and piled up (~26 MB on a 1M-bar run) until the next full GC.
 */
const CHUNK = 200;

/**
 * Write a results file (or any JSON object) as compact JSON, byte-identical to
 * `JSON.stringify(value) + '\n'`, without building the whole string: large arrays (orders, fills,
 * trades of a 1M-bar run: tens of MB) go out in chunks of 200 elements. Peak memory stays at one
 * chunk's text. Written to a temporary name and renamed, so a crash never leaves half a file.
 */
export function writeJsonFileAtomic(path: string, value: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let first = true;
    // One reusable byte buffer for the chunks (utf8 is at most 3 bytes per UTF-16 unit): no
    // per-chunk string concatenation, slice copy or temporary buffer.
    let buf = Buffer.allocUnsafe(0);
    writeSync(fd, '{');
    for (const key of Object.keys(value)) {
      // A lazy section (core/lazy-array.ts) is streamed from its source without being built whole.
      const lazy = lazyArraySource(value, key);
      const v: unknown = lazy ?? value[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      writeSync(fd, `${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      const arr = lazy !== undefined ? undefined : Array.isArray(v) ? (v as unknown[]) : undefined;
      const length = lazy?.length ?? arr?.length ?? 0;
      if (lazy === undefined && arr === undefined) {
        writeSync(fd, JSON.stringify(v) ?? 'null');
        continue;
      }
      if (length === 0) {
        writeSync(fd, '[]');
        continue;
      }
      if (lazy === undefined && length <= CHUNK) {
        writeSync(fd, JSON.stringify(v));
        continue;
      }
      for (let i = 0; i < length; i += CHUNK) {
        const end = Math.min(length, i + CHUNK);
        // Each chunk is the JSON of elements [i, end) without brackets; '[' before the first, ']'
        // after the last, ',' between chunks.
        let part: string;
        if (lazy !== undefined) {
          if (lazy.encode !== undefined) part = lazy.encode(i, end);
          else {
            const t = JSON.stringify(lazy.slice(i, end));
            part = t.substring(1, t.length - 1);
          }
        } else {
          const t = JSON.stringify(arr!.slice(i, end));
          part = t.substring(1, t.length - 1);
        }
        const text = `${i === 0 ? '[' : ','}${part}${end === length ? ']' : ''}`;
        const need = text.length * 3;
        if (buf.length < need) buf = Buffer.allocUnsafe(need);
        const n = buf.write(text, 0, 'utf8');
        writeSync(fd, buf, 0, n);
      }
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
