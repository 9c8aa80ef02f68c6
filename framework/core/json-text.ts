/**
 * JSON text of numbers and strings exactly as JSON.stringify writes them, for the hand-written
 * encoders of the results file's big sections (tests/engine/results-writer.test.ts checks them
 * byte for byte against JSON.stringify).
 */

/** Printable ASCII without '"' and '\': JSON needs no escape for these. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

export function jsonString(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

const PAD4: string[] = [];
for (let i = 0; i < 10_000; i++) PAD4.push(String(i).padStart(4, '0'));

/**
 * JSON.stringify of a number: ToString when finite, null otherwise. Whole numbers of 9 to 16 digits
 * (epoch milliseconds) are built from three small-integer parts: V8 formats those from a cache, while
 * a double of that size takes its general (~4x slower) path.
 */
export function jsonNumber(x: number): string {
  if (x >= 1e8 && x < 1e16 && Math.floor(x) === x) {
    let hi = Math.floor(x / 1e8);
    let lo = x - hi * 1e8; // exact: both terms are integers below 2^53
    if (lo < 0) {
      hi -= 1;
      lo += 1e8;
    } else if (lo >= 1e8) {
      hi += 1;
      lo -= 1e8;
    }
    const mid = Math.floor(lo / 1e4);
    return String(hi) + PAD4[mid] + PAD4[lo - mid * 1e4];
  }
  // Prices, PnL and fees are mostly whole cents: 21000.25, -13.5, 0.37. When x is exactly the double
  // nearest to c/100 and |x| < 10^9 (doubles there are ~1e-7 apart, so no shorter decimal maps to
  // x), ToString(x) is the cents with trailing zeros dropped; built from small integers it skips
  // V8's general shortest-digits search.
  if (x > -1e9 && x < 1e9 && Math.floor(x) !== x) {
    const c = Math.round(x * 100);
    if (c / 100 === x) {
      const neg = c < 0;
      const a = neg ? -c : c;
      const whole = Math.floor(a / 100);
      const cents = a - whole * 100;
      return (neg ? '-' : '') + String(whole) + CENTS[cents];
    }
  }
  return Number.isFinite(x) ? String(x) : 'null';
}

/** ".dd" without trailing zeros for 1..99 (0 never used: whole numbers take another path). */
const CENTS: string[] = [''];
for (let i = 1; i < 100; i++) CENTS.push(`.${String(i).padStart(2, '0')}`.replace(/0$/, ''));
