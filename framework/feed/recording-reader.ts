import { closeSync, openSync, readSync } from 'node:fs';
import type { MarketEvent } from '../model/market-data.ts';
import { decodeEventLine, decodeHeaderLine, isValidEventLine, type RecordingHeader } from './recording-codec.ts';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

interface Line {
  text: string;
  lineNo: number;
  /** False for a last line without its newline: the writer was cut off mid-write (a torn line). */
  terminated: boolean;
}

/** Lines of a file, read synchronously in 1 MiB chunks ('\n' never occurs inside a UTF-8 sequence). */
function* readLines(fd: number): Generator<Line> {
  const buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let carry: Buffer | undefined;
  let lineNo = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
    if (n === 0) break;
    const data = carry === undefined ? buf.subarray(0, n) : Buffer.concat([carry, buf.subarray(0, n)]);
    let start = 0;
    for (let nl = data.indexOf(NEWLINE, start); nl >= 0; nl = data.indexOf(NEWLINE, start)) {
      lineNo += 1;
      yield { text: data.toString('utf8', start, nl), lineNo, terminated: true };
      start = nl + 1;
    }
    // Copy the remainder: `buf` is reused by the next read.
    carry = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
  }
  if (carry !== undefined) yield { text: carry.toString('utf8'), lineNo: lineNo + 1, terminated: false };
}

/**
 * Streams a recording written by MarketRecorder: the header on open, then events one at a time
 * (synchronous generator, so a replay loop pays no promise per event). Blank lines are skipped; a
 * torn last line (no newline, not a valid record) is ignored and flagged in `tornTail`; any other
 * bad line throws DataError with file:line.
 */
export class RecordingReader {
  readonly path: string;
  readonly header: RecordingHeader;
  private fd: number | undefined;
  private readonly lines: Generator<Line>;
  private torn = false;

  private constructor(path: string) {
    this.path = path;
    this.fd = openSync(path, 'r');
    try {
      this.lines = readLines(this.fd);
      const first = this.lines.next();
      const line = first.done ? undefined : first.value.text;
      this.header = decodeHeaderLine(line, path);
    } catch (err) {
      this.close();
      throw err;
    }
  }

  static open(path: string): RecordingReader {
    return new RecordingReader(path);
  }

  /** True once iteration met a torn last line (a crash cut the final write short). */
  get tornTail(): boolean {
    return this.torn;
  }

  /** The events, in file order. Closes the file when done (or when the loop breaks early). */
  *events(): Generator<MarketEvent> {
    try {
      for (const line of this.lines) {
        if (line.text.length === 0) continue;
        if (!line.terminated && !isValidEventLine(line.text)) {
          this.torn = true;
          break;
        }
        yield decodeEventLine(line.text, this.path, line.lineNo);
      }
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}

export interface Recording {
  readonly header: RecordingHeader;
  readonly events: MarketEvent[];
  /** A torn last line was found and ignored. */
  readonly tornTail: boolean;
}

/** Reads a whole recording into memory; use RecordingReader for large files. */
export function readRecording(path: string): Recording {
  const reader = RecordingReader.open(path);
  const events: MarketEvent[] = [];
  for (const ev of reader.events()) events.push(ev);
  return { header: reader.header, events, tornTail: reader.tornTail };
}
