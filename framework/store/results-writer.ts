import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { JsonSink } from '../core/json-bytes.ts';
import { lazyArraySource } from '../core/lazy-array.ts';

/** Elements per step of a big array: after each step the buffered bytes go out once past FLUSH_AT. */
const CHUNK = 200;
/** Bytes buffered before a write system call. */
const FLUSH_AT = 1 << 19;

/**
 * Write a results file (or any JSON object) as compact JSON, byte-identical to
 * `JSON.stringify(value) + '\n'`, without building the whole string: large arrays (orders, fills,
 * trades of a 1M-bar run: tens of MB) go out CHUNK elements at a time through one byte buffer
 * (core/json-bytes.ts), written out every ~512 KB. Lazy sections with an element writer (the
 * journals') are written as bytes without building their records or their text. Peak memory stays
 * at one buffer. Written to a temporary name and renamed, so a crash never leaves half a file.
 */
export function writeJsonFileAtomic(path: string, value: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const out = new JsonSink(FLUSH_AT + (FLUSH_AT >> 1));
    const flush = (): void => {
      const b = out.bytes();
      for (let at = 0; at < b.length; ) at += writeSync(fd, b, at, b.length - at);
      out.reset();
    };
    let first = true;
    out.char(0x7b);
    for (const key of Object.keys(value)) {
      // A lazy section (core/lazy-array.ts) is streamed from its source without being built whole.
      const lazy = lazyArraySource(value, key);
      const v: unknown = lazy ?? value[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      if (!first) out.char(0x2c);
      first = false;
      out.str(key);
      out.char(0x3a);
      const arr = lazy !== undefined ? undefined : Array.isArray(v) ? (v as unknown[]) : undefined;
      const length = lazy?.length ?? arr?.length ?? 0;
      if (lazy === undefined && (arr === undefined || length <= CHUNK)) out.text(JSON.stringify(v) ?? 'null');
      else {
        out.char(0x5b);
        for (let i = 0; i < length; i += CHUNK) {
          const end = Math.min(length, i + CHUNK);
          if (i !== 0) out.char(0x2c);
          if (lazy !== undefined) lazy.writeJson(out, i, end);
          else {
            const t = JSON.stringify(arr!.slice(i, end));
            out.text(t.substring(1, t.length - 1));
          }
          if (out.pos >= FLUSH_AT) flush();
        }
        out.char(0x5d);
      }
      if (out.pos >= FLUSH_AT) flush();
    }
    out.text('}\n');
    flush();
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
