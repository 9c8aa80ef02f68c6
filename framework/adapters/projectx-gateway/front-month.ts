/**
 * Front-month contract codes for the gateway's contract ids (`CON.F.US.<root>.<code><YY>`).
 * Equity index, rates and currency futures list quarterly (H, M, U, Z); metals and energy monthly.
 * Roll rule (a simplification, documented): quarterly products roll to the next quarter from the 10th
 * of the expiry month (about a week before the third-Friday expiry); monthly products always quote
 * the next calendar month, as CL/GC front months do.
 */
const MONTH_CODES = 'FGHJKMNQUVXZ';

export type ListingCycle = 'quarterly' | 'monthly';

/** Symbols that list monthly; everything else in the registry is quarterly. */
const MONTHLY = new Set(['MGC', 'GC', 'MCL', 'CL', 'SI', 'SIL', 'HG', 'NG', 'QM', 'QG', 'MNG']);

export function listingCycleOf(symbol: string): ListingCycle {
  return MONTHLY.has(symbol.toUpperCase()) ? 'monthly' : 'quarterly';
}

/** e.g. ('MNQ', 2025-11-03) -> 'Z25'. nowMs comes from the injectable clock. */
export function frontMonthCode(cycle: ListingCycle, nowMs: number): string {
  const d = new Date(nowMs);
  let year = d.getUTCFullYear();
  let month = d.getUTCMonth(); // 0-based
  if (cycle === 'monthly') {
    month += 1;
  } else {
    const isExpiryMonth = month % 3 === 2;
    if (isExpiryMonth && d.getUTCDate() >= 10) month += 1;
    month += (2 - (month % 3) + 3) % 3;
  }
  if (month > 11) {
    month -= 12;
    year += 1;
  }
  return `${MONTH_CODES[month]}${String(year % 100).padStart(2, '0')}`;
}
