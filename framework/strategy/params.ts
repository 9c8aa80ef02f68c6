import { ConfigError } from '../core/errors.ts';
import type { StrategyParams } from './strategy.ts';

/**
 * Merge user params over a strategy's defaults, validated against the defaults' types: an unknown
 * name or a value of the wrong type is a ConfigError naming the param and the valid ones.
 * String values (from `--param fast=10`) are converted to the default's type.
 */
export function resolveParams(strategyName: string, defaults: StrategyParams, given: Record<string, unknown>): StrategyParams {
  const out: StrategyParams = { ...defaults };
  const known = Object.keys(defaults);
  for (const [key, raw] of Object.entries(given)) {
    if (!(key in defaults)) {
      throw new ConfigError(`unknown param '${key}' for strategy ${strategyName}`, {
        where: '--params/--param',
        hint: known.length ? `valid params: ${known.map((k) => `${k} (${typeof defaults[k]}, default ${JSON.stringify(defaults[k])})`).join(', ')}` : 'this strategy takes no params',
      });
    }
    const want = typeof defaults[key];
    let value: unknown = raw;
    if (typeof raw === 'string' && want !== 'string') {
      if (want === 'number') value = raw.trim() === '' ? Number.NaN : Number(raw);
      else if (want === 'boolean') value = raw === 'true' ? true : raw === 'false' ? false : raw;
    }
    if (typeof value !== want || (want === 'number' && !Number.isFinite(value as number))) {
      throw new ConfigError(`param '${key}' must be a ${want}, got ${JSON.stringify(raw)}`, {
        where: '--params/--param',
        hint: `e.g. --param ${key}=${JSON.stringify(defaults[key])}`,
      });
    }
    out[key] = value as number | boolean | string;
  }
  return out;
}

/** Parse `--params '{"fast":10}'` and repeated `--param fast=10` into one object (--param wins). */
export function parseParamArgs(paramsJson: string | undefined, paramList: readonly string[] | undefined): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  if (paramsJson !== undefined && paramsJson.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(paramsJson);
    } catch {
      throw new ConfigError(`--params is not valid JSON: ${paramsJson}`, { where: '--params', hint: `quote it, e.g. --params '{"fast":10,"slow":30}'` });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ConfigError('--params must be a JSON object', { where: '--params', hint: `e.g. --params '{"fast":10}'` });
    }
    out = { ...(parsed as Record<string, unknown>) };
  }
  for (const item of paramList ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--param '${item}' is not name=value`, { where: '--param', hint: 'e.g. --param fast=10' });
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}
