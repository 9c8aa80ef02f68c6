import { BarUnit, wireTime, type BarModel } from './wire-types.ts';

/**
 * Append-only OHLCV history of one contract at a fixed base resolution (1 minute for the simulated
 * walk, the file's timeframe in replay, 1 second for the live seconds store), plus the bar still
 * forming. Columns are growable Float64Arrays; `maxBars` turns it into a window (the seconds store).
 * retrieveBars aggregates from here: bucket = unitNumber x unit, buckets aligned to the UTC epoch
 * (days at 00:00 UTC, weeks on Monday, months on the 1st — a simplification; the real gateway starts
 * daily bars at 19:00 Chicago, shared doc §4.3).
 */
export class BarStore {
  private ts = new Float64Array(1024);
  private o = new Float64Array(1024);
  private h = new Float64Array(1024);
  private l = new Float64Array(1024);
  private c = new Float64Array(1024);
  private v = new Float64Array(1024);
  private start = 0;
  private end = 0;
  /** Forming bar; NaN start when none. */
  partialTsMs = Number.NaN;
  private po = 0;
  private ph = 0;
  private pl = 0;
  private pc = 0;
  private pv = 0;

  constructor(readonly baseMs: number, private readonly maxBars = Infinity) {}

  get length(): number {
    return this.end - this.start;
  }

  /** Append a closed bar (tsMs strictly after the last one). */
  push(tsMs: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.end === this.ts.length) this.grow();
    const i = this.end++;
    this.ts[i] = tsMs;
    this.o[i] = open;
    this.h[i] = high;
    this.l[i] = low;
    this.c[i] = close;
    this.v[i] = volume;
    if (this.end - this.start > this.maxBars) this.start += 1;
  }

  /** Add a print to the forming bar, closing the previous one when the print is in a later bucket. */
  print(tsMs: number, price: number, volume: number): void {
    const bucket = tsMs - (tsMs % this.baseMs);
    if (bucket !== this.partialTsMs) {
      this.closePartial();
      this.partialTsMs = bucket;
      this.po = this.ph = this.pl = this.pc = price;
      this.pv = volume;
      return;
    }
    if (price > this.ph) this.ph = price;
    if (price < this.pl) this.pl = price;
    this.pc = price;
    this.pv += volume;
  }

  closePartial(): void {
    if (!Number.isNaN(this.partialTsMs)) this.push(this.partialTsMs, this.po, this.ph, this.pl, this.pc, this.pv);
    this.partialTsMs = Number.NaN;
  }

  lastClose(): number {
    if (!Number.isNaN(this.partialTsMs)) return this.pc;
    return this.end > this.start ? this.c[this.end - 1] : Number.NaN;
  }

  /**
   * Bars of `unitNumber` x `unit` whose bucket start lies in [startMs, endMs), newest first, at most
   * `limit` (the newest ones, so a client pages back by moving endMs to the oldest bar it got).
   * The bucket still open at nowMs only with includePartial.
   */
  aggregate(unit: number, unitNumber: number, startMs: number, endMs: number, limit: number, includePartial: boolean, nowMs: number): BarModel[] {
    const out: BarModel[] = [];
    let curKey = Number.NaN;
    let bo = 0, bh = 0, bl = 0, bc = 0, bv = 0;
    const flush = (): void => {
      if (Number.isNaN(curKey) || curKey < startMs || curKey >= endMs) return;
      if (!includePartial && bucketOf(nowMs, unit, unitNumber) === curKey) return;
      out.push({ t: wireTime(curKey), o: bo, h: bh, l: bl, c: bc, v: bv });
    };
    const add = (t: number, o: number, h: number, l: number, c: number, v: number): void => {
      const key = bucketOf(t, unit, unitNumber);
      if (key !== curKey) {
        flush();
        curKey = key;
        bo = o; bh = h; bl = l; bc = c; bv = v;
        return;
      }
      if (h > bh) bh = h;
      if (l < bl) bl = l;
      bc = c;
      bv += v;
    };
    // Walk from the first base bar that can belong to a bucket starting at/after startMs.
    let i = this.lowerBound(startMs);
    for (; i < this.end && this.ts[i] < endMs + bucketSpanMs(unit, unitNumber); i++) add(this.ts[i], this.o[i], this.h[i], this.l[i], this.c[i], this.v[i]);
    if (!Number.isNaN(this.partialTsMs) && this.partialTsMs < endMs + bucketSpanMs(unit, unitNumber)) add(this.partialTsMs, this.po, this.ph, this.pl, this.pc, this.pv);
    flush();
    out.reverse();
    return out.length > limit ? out.slice(0, limit) : out;
  }

  private lowerBound(t: number): number {
    let lo = this.start;
    let hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const live = this.end - this.start;
    const cap = live * 2 > this.ts.length ? this.ts.length * 2 : this.ts.length;
    const copy = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a.subarray(this.start, this.end));
      return b;
    };
    this.ts = copy(this.ts);
    this.o = copy(this.o);
    this.h = copy(this.h);
    this.l = copy(this.l);
    this.c = copy(this.c);
    this.v = copy(this.v);
    this.start = 0;
    this.end = live;
  }
}

const UNIT_MS: Record<number, number> = { [BarUnit.Second]: 1000, [BarUnit.Minute]: 60_000, [BarUnit.Hour]: 3_600_000, [BarUnit.Day]: 86_400_000, [BarUnit.Week]: 7 * 86_400_000 };

/** Upper bound of one bucket's length (months: 31 days). */
function bucketSpanMs(unit: number, n: number): number {
  return unit === BarUnit.Month ? n * 31 * 86_400_000 : n * UNIT_MS[unit];
}

/** Start (epoch ms) of the bucket holding tsMs. Weeks start Monday 00:00 UTC (epoch day 0 was a Thursday). */
export function bucketOf(tsMs: number, unit: number, n: number): number {
  if (unit === BarUnit.Month) {
    const d = new Date(tsMs);
    const months = d.getUTCFullYear() * 12 + d.getUTCMonth();
    const m = months - (months % n);
    return Date.UTC(Math.floor(m / 12), m % 12, 1);
  }
  if (unit === BarUnit.Week) {
    const span = n * UNIT_MS[unit];
    const shifted = tsMs + 3 * 86_400_000;
    return shifted - (((shifted % span) + span) % span) - 3 * 86_400_000;
  }
  const span = n * UNIT_MS[unit];
  return tsMs - (((tsMs % span) + span) % span);
}
