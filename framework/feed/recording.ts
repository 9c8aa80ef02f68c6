import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, InvariantError } from '../core/errors.ts';
import { isoUtc } from '../core/time.ts';
import type { Instrument } from '../model/instrument.ts';
import type { Bar, DepthUpdate, MarketEvent, Quote, TradeTick } from '../model/market-data.ts';
import { RECORDING_SCHEMA, decodeHeaderLine, encodeBar, encodeDepth, encodeEvent, encodeHeader, encodeQuote, encodeTrade, type RecordingHeader } from './recording-codec.ts';

export { RecordingReader, readRecording, type Recording } from './recording-reader.ts';
export { RECORDING_SCHEMA, type RecordingHeader } from './recording-codec.ts';

/** Drives the periodic flush; injectable so tests (and replays) control time. */
export interface FlushTimer {
  start(flush: () => void, intervalMs: number): void;
  stop(): void;
}

/** setInterval-based timer, unref'd so an open recorder never keeps the process alive. */
export function intervalFlushTimer(): FlushTimer {
  let handle: ReturnType<typeof setInterval> | undefined;
  return {
    start(flush, intervalMs) {
      handle = setInterval(flush, intervalMs);
      handle.unref();
    },
    stop() {
      if (handle !== undefined) clearInterval(handle);
      handle = undefined;
    },
  };
}

export interface MarketRecorderOptions {
  /** Directory for recordings (created when missing), e.g. `data/recordings`. */
  readonly dir: string;
  readonly symbols: readonly string[];
  readonly instruments?: readonly Instrument[];
  /** Start time, epoch ms, from the caller's Clock (names the file and goes in the header). */
  readonly startedAtMs: number;
  /** File name inside dir; default `<SYMBOLS>-<yyyymmddThhmmssZ>.ndjson`. */
  readonly fileName?: string;
  /** Flush at least this often (ms); 0 disables the timer (flush by batch size and close only). Default 100. */
  readonly flushIntervalMs?: number;
  /** Flush when this many events are buffered. Default 1000. */
  readonly maxBatchEvents?: number;
  readonly timer?: FlushTimer;
  /** Free-form metadata for the header (source, account kind...). Never secrets. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

function defaultFileName(symbols: readonly string[], startedAtMs: number): string {
  const stamp = isoUtc(startedAtMs).replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${symbols.join('_') || 'market'}-${stamp}.ndjson`;
}

/**
 * Records every received market event to an append-only NDJSON file (format: recording-codec.ts).
 *
 * Crash safety: events are buffered and written with one `writeSync` per batch (every
 * flushIntervalMs or maxBatchEvents) on a file opened in append mode, so a crash loses at most the
 * last batch and can tear at most the last line, which the reader ignores. Reopening an existing
 * recording cuts a torn tail first (so new lines never glue onto it) and keeps its header.
 * A write error raised inside the timer is kept and rethrown by the next record/flush/close call.
 */
export class MarketRecorder {
  readonly path: string;
  readonly header: RecordingHeader;
  private fd: number | undefined;
  private buffer: string[] = [];
  private readonly maxBatch: number;
  private readonly timer: FlushTimer | undefined;
  private pendingError: unknown = undefined;
  private written = 0;

  constructor(opts: MarketRecorderOptions) {
    if (!Number.isFinite(opts.startedAtMs)) throw new ConfigError('MarketRecorder needs startedAtMs (epoch ms from the Clock)', { where: 'recording' });
    this.maxBatch = Math.max(1, opts.maxBatchEvents ?? 1000);
    mkdirSync(opts.dir, { recursive: true });
    this.path = join(opts.dir, opts.fileName ?? defaultFileName(opts.symbols, opts.startedAtMs));
    this.header = { schema: RECORDING_SCHEMA, startedAtMs: opts.startedAtMs, symbols: [...opts.symbols], instruments: [...(opts.instruments ?? [])], meta: { ...(opts.meta ?? {}) } };
    this.fd = openSync(this.path, 'a+');
    try {
      const keptHeader = this.repairTail(this.fd);
      if (keptHeader === undefined) writeSync(this.fd, `${encodeHeader(this.header)}\n`);
      else this.header = keptHeader;
    } catch (err) {
      closeSync(this.fd);
      this.fd = undefined;
      throw err;
    }
    const intervalMs = opts.flushIntervalMs ?? 100;
    if (intervalMs > 0) {
      this.timer = opts.timer ?? intervalFlushTimer();
      this.timer.start(() => this.flushFromTimer(), intervalMs);
    }
  }

  /** Events handed to the recorder so far (written or buffered). */
  get eventsRecorded(): number {
    return this.written + this.buffer.length;
  }
  /** Events on disk (handed to the OS). */
  get eventsWritten(): number {
    return this.written;
  }
  get isOpen(): boolean {
    return this.fd !== undefined;
  }

  record(ev: MarketEvent): void {
    this.push(encodeEvent(ev));
  }
  recordQuote(q: Quote): void {
    this.push(encodeQuote(q));
  }
  recordTrade(t: TradeTick): void {
    this.push(encodeTrade(t));
  }
  recordDepth(d: DepthUpdate): void {
    this.push(encodeDepth(d));
  }
  recordBar(b: Bar): void {
    this.push(encodeBar(b));
  }

  /** Writes the buffered events now. */
  flush(): void {
    this.throwPending();
    if (this.fd === undefined || this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    writeSync(this.fd, `${batch.join('\n')}\n`);
    this.written += batch.length;
  }

  /** Flushes, syncs to disk and closes. Idempotent. */
  close(): void {
    this.timer?.stop();
    if (this.fd === undefined) {
      this.throwPending();
      return;
    }
    try {
      this.flush();
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private push(line: string): void {
    if (this.fd === undefined) throw new InvariantError(`MarketRecorder ${this.path} is closed`);
    this.buffer.push(line);
    if (this.buffer.length >= this.maxBatch) this.flush();
  }

  private flushFromTimer(): void {
    if (this.pendingError !== undefined) return;
    try {
      this.flush();
    } catch (err) {
      this.pendingError = err;
    }
  }

  private throwPending(): void {
    if (this.pendingError === undefined) return;
    const err = this.pendingError;
    this.pendingError = undefined;
    throw err;
  }

  /**
   * For an existing file: cut everything after the last newline (a torn line from a crash) and
   * return its header; undefined when the file is new or held no complete line.
   */
  private repairTail(fd: number): RecordingHeader | undefined {
    const size = fstatSync(fd).size;
    if (size === 0) return undefined;
    const chunk = Buffer.allocUnsafe(64 * 1024);
    let end = size;
    let keep = 0;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const n = readSync(fd, chunk, 0, end - start, start);
      const nl = chunk.subarray(0, n).lastIndexOf(0x0a);
      if (nl >= 0) {
        keep = start + nl + 1;
        break;
      }
      end = start;
    }
    if (keep < size) ftruncateSync(fd, keep);
    if (keep === 0) return undefined;
    const first = Buffer.allocUnsafe(Math.min(keep, 1 << 20));
    const n = readSync(fd, first, 0, first.length, 0);
    const nl = first.subarray(0, n).indexOf(0x0a);
    return decodeHeaderLine(first.toString('utf8', 0, nl < 0 ? n : nl), this.path);
  }
}
