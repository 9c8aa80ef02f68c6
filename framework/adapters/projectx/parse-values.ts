/**
 * Tolerant readers for single wire values: numbers that may be strings, timestamps with or without
 * offset and with 7-digit (.NET) fractions, lists that may be a single object.
 */
import type { WireNumber, WireTime } from './wire-types.ts';

/** Number or numeric string -> number; NaN when absent or not numeric. */
export function num(v: WireNumber | unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : Number.NaN;
  }
  return Number.NaN;
}

/** Like num() but `fallback` when absent/invalid. */
export function numOr(v: WireNumber | unknown, fallback: number): number {
  const n = num(v);
  return Number.isNaN(n) ? fallback : n;
}

/** An id (number or string) as a string; '' when absent. */
export function idStr(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string') return v;
  return '';
}

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Gateway timestamp -> epoch ms. Accepts ISO-8601 with `Z`/`±hh:mm`/`±hhmm` or no offset (taken as
 * UTC: the gateway's offset-less timestamps are UTC, projectx-api.md §3), fractions of any length
 * (truncated to ms), and epoch numbers (≤ 1e11 read as seconds). NaN when unreadable.
 */
export function wireTimeMs(v: WireTime | unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? (Math.abs(v) < 1e11 ? v * 1000 : v) : Number.NaN;
  if (typeof v !== 'string') return Number.NaN;
  const s = v.trim();
  if (/^\d{9,14}$/.test(s)) return wireTimeMs(Number(s));
  const m = ISO.exec(s);
  if (!m) return Number.NaN;
  const frac = m[3] ? m[3].slice(0, 4).padEnd(4, '0') : '';
  let off = m[4] ?? 'Z';
  if (/^[+-]\d{4}$/.test(off)) off = `${off.slice(0, 3)}:${off.slice(3)}`;
  const time = m[2].length === 5 ? `${m[2]}:00` : m[2];
  return Date.parse(`${m[1]}T${time}${frac}${off.toUpperCase()}`);
}

/** The gateway sends GatewayTrade/GatewayDepth data as a list, sometimes a single object. */
export function asList<T>(v: T | T[] | null | undefined): T[] {
  if (v === null || v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** Epoch ms -> ISO-8601 UTC with offset, as the gateway's request bodies expect. */
export function toWireTime(tsMs: number): string {
  return new Date(tsMs).toISOString();
}
