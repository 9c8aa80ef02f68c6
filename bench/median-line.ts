/**
 * One line for several runs of a scenario: the run with the median time (the lower middle one for
 * an even count), with every run's time range and the highest peak RSS. `lines` are one scenario's
 * JSON lines, one per run.
 */
export function medianLine(lines: readonly string[]): string {
  const runs = lines.map((l) => JSON.parse(l) as { seconds: number; peakRssMb: number } & Record<string, unknown>);
  if (runs.length === 1) return lines[0];
  const sorted = runs.slice().sort((a, b) => a.seconds - b.seconds);
  const mid = sorted[(sorted.length - 1) >> 1];
  const peakRssMb = Math.max(...runs.map((r) => r.peakRssMb));
  return JSON.stringify({ ...mid, peakRssMb, runs: runs.length, secondsRange: [sorted[0].seconds, sorted[sorted.length - 1].seconds] });
}
