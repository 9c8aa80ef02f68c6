import type { ResultsFile } from '../model/results.ts';

/** `--report [path]`: render the HTML report beside the results; returns where it went. */
export async function writeRunReport(results: ResultsFile, path: string | undefined): Promise<string> {
  const mod = await import('../reporting/render-report.ts');
  const out = path ?? mod.defaultReportPath(results);
  mod.writeReport(results, out);
  return out;
}
