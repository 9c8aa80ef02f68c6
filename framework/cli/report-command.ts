import type { Argv } from 'yargs';
import { ConfigError } from '../core/errors.ts';
import { defaultReportPath } from '../reporting/default-report-path.ts';
import { loadResultsFile } from '../reporting/load-results-file.ts';
import { writeReport } from '../reporting/render-report.ts';
import type { PxtCommand } from './command.ts';

export interface ReportArgs {
  runs: string[];
  out?: string;
  'reports-dir': string;
}

/**
 * `pxt report <run.json...> [--out path]`: one results file gives a single report, two or more a
 * comparison (equity overlaid, metrics side by side). Prints the path written.
 */
export const reportCommand: PxtCommand<ReportArgs> = {
  name: 'report <runs..>',
  describe: 'render the HTML report of one run, or compare several runs',
  builder: (y: Argv) =>
    y
      .positional('runs', { type: 'string', array: true, describe: 'results JSON file(s) written by pxt backtest' })
      .option('out', { type: 'string', describe: 'output HTML path (default reports/<strategy>-<symbols>-<time>.html)' })
      .option('reports-dir', { type: 'string', default: 'reports', describe: 'directory for the default output path' }) as unknown as Argv<ReportArgs>,
  async run(args: ReportArgs): Promise<number> {
    const paths = (args.runs ?? []).map(String);
    if (paths.length === 0) throw new ConfigError('no results file given', { where: 'pxt report', hint: 'pxt report runs/my-run.json [more.json ...] [--out report.html]' });
    const results = paths.map((p) => loadResultsFile(p));
    const out = args.out ?? defaultReportPath(results.length === 1 ? results[0] : results, args['reports-dir']);
    writeReport(results.length === 1 ? results[0] : results, out);
    process.stdout.write(`report: ${out}\n`);
    return 0;
  },
};
