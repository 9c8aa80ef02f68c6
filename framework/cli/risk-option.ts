import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import type { RiskRecord } from '../model/results.ts';
import type { RiskGate } from '../risk/risk-gate.ts';
import type { TradingSuite } from '../suite/trading-suite.ts';

export interface LoadedRisk {
  readonly gate: RiskGate;
  readonly config: Record<string, unknown>;
  readonly states: () => readonly RiskRecord[];
  readonly attach: (suite: TradingSuite) => void;
}

/** `--risk file.json`: read the limits and build the risk manager (framework/risk). */
export function loadRiskOption(path: string | undefined): LoadedRisk | undefined {
  if (path === undefined) return undefined;
  if (!existsSync(path)) throw new ConfigError(`risk file not found`, { where: path, hint: 'give a JSON file of risk limits (see README "Risk limits")' });
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`risk file is not valid JSON: ${(err as Error).message}`, { where: path });
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new ConfigError('risk file must hold a JSON object of limits', { where: path });
  throw new ConfigError('risk limits are not available in this build yet', { where: path, hint: 'run without --risk' });
}
