import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import { RESULTS_SCHEMA, type ResultsFile } from '../model/results.ts';

const HINT = `pass a results JSON written by \`pxt backtest\` (schema "${RESULTS_SCHEMA}")`;

/**
 * Read and check a results file before a report is made of it. Missing file, bad JSON or a wrong schema
 * is a ConfigError naming the path and what to do. Sections a report can live without (candles, daily
 * prices, risk, ...) default to empty so files from older runs still render.
 */
export function loadResultsFile(path: string): ResultsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? 'results file not found' : `cannot read results file (${code ?? 'error'})`, { where: path, hint: HINT });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`results file is not valid JSON: ${(err as Error).message}`, { where: path, hint: HINT });
  }
  return checkResults(parsed, path);
}

/** Shape check of a parsed results object (the fields the report needs); throws ConfigError with `where`. */
export function checkResults(value: unknown, where: string): ResultsFile {
  const fail = (what: string): never => {
    throw new ConfigError(`not a results file: ${what}`, { where, hint: HINT });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected a JSON object');
  const r = value as Record<string, unknown>;
  if (r.schema !== RESULTS_SCHEMA) return fail(`schema is ${JSON.stringify(r.schema ?? null)}, expected "${RESULTS_SCHEMA}"`);
  const run = r.run as Record<string, unknown> | undefined;
  if (run === undefined || typeof run !== 'object' || typeof run.strategy !== 'string') return fail('run.strategy missing');
  const config = run.config as Record<string, unknown> | undefined;
  if (config === undefined || typeof config.startingCash !== 'number') return fail('run.config.startingCash missing');
  const period = r.period as Record<string, unknown> | undefined;
  if (period === undefined || typeof period.fromMs !== 'number' || typeof period.toMs !== 'number') return fail('period.fromMs/toMs missing');
  for (const k of ['instruments', 'trades', 'dailyEquity', 'equityCurve'] as const) if (!Array.isArray(r[k])) return fail(`${k} is not an array`);
  const final = r.final as Record<string, unknown> | undefined;
  if (final === undefined || typeof final.equity !== 'number') return fail('final.equity missing');
  return {
    ...(r as unknown as ResultsFile),
    run: {
      ...(run as unknown as ResultsFile['run']),
      params: (run.params as Record<string, unknown>) ?? {},
      fillModel: (run.fillModel as ResultsFile['run']['fillModel']) ?? { name: 'unknown', description: 'not recorded', options: {} },
      timing: (run.timing as ResultsFile['run']['timing']) ?? { wallSeconds: 0, barsPerSec: 0 },
    },
    orders: (r.orders as ResultsFile['orders']) ?? [],
    fills: (r.fills as ResultsFile['fills']) ?? [],
    priceCurves: (r.priceCurves as ResultsFile['priceCurves']) ?? {},
    dailyPrices: (r.dailyPrices as ResultsFile['dailyPrices']) ?? {},
    candles: (r.candles as ResultsFile['candles']) ?? {},
    risk: (r.risk as ResultsFile['risk']) ?? [],
    bars: (r.bars as ResultsFile['bars']) ?? {},
    metrics: (r.metrics as ResultsFile['metrics']) ?? {},
  };
}
