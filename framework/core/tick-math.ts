/**
 * Money in ticks (DESIGN.md §3 rule 5): prices are compared as integer ticks, never with float equality.
 * A price is "on the grid" when price / tickSize is within 1e-6 of an integer (float noise in CSVs).
 */
const GRID_EPSILON = 1e-6;

/** Nearest integer tick count for a price. */
export function priceToTicks(price: number, tickSize: number): number {
  return Math.round(price / tickSize);
}

/** Price of an integer tick count, rounded to kill float noise (0.1 + 0.2 style). */
export function ticksToPrice(ticks: number, tickSize: number): number {
  return roundPrice(ticks * tickSize, tickSize);
}

/** Snap a price to the nearest tick. */
export function snapToTick(price: number, tickSize: number): number {
  return ticksToPrice(Math.round(price / tickSize), tickSize);
}

/** True when the price lies on the tick grid (within float noise). */
export function isOnTick(price: number, tickSize: number): boolean {
  const q = price / tickSize;
  return Math.abs(q - Math.round(q)) < GRID_EPSILON * Math.max(1, Math.abs(q) * 1e-6 + 1);
}

/** Decimals implied by a tick size (0.25 -> 2, 0.0001 -> 4, 1 -> 0). */
export function tickDecimals(tickSize: number): number {
  let d = 0;
  let x = tickSize;
  while (d < 10 && Math.abs(x - Math.round(x)) > 1e-9) {
    x *= 10;
    d += 1;
  }
  return d;
}

const factorCache = new Map<number, number>();
/** The last tick size asked for and its factor: one instrument's fills come in runs. */
let lastTick = Number.NaN;
let lastFactor = 1;
/** Round a computed price to the tick size's decimals (removes binary float noise). */
export function roundPrice(price: number, tickSize: number): number {
  if (tickSize !== lastTick) {
    let f = factorCache.get(tickSize);
    if (f === undefined) {
      f = 10 ** (tickDecimals(tickSize) + 2);
      factorCache.set(tickSize, f);
    }
    lastTick = tickSize;
    lastFactor = f;
  }
  return Math.round(price * lastFactor) / lastFactor;
}
