import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import type { RiskRecord } from '../model/results.ts';
import type { RiskGate } from '../risk/risk-gate.ts';
import { parseRiskConfig } from '../risk/risk-config.ts';
import { RiskManager } from '../risk/risk-manager.ts';
import type { TradingSuite } from '../suite/trading-suite.ts';

export interface LoadedRisk {
  readonly gate: RiskGate;
  readonly config: Record<string, unknown>;
  readonly states: () => readonly RiskRecord[];
  readonly attach: (suite: TradingSuite) => void;
  /** The manager itself (kill switch, state). */
  readonly manager: RiskManager;
}

/** `--risk file.json`: read the limits (framework/risk/risk-config.ts documents every key) and build the risk manager. */
export function loadRiskOption(path: string | undefined): LoadedRisk | undefined {
  if (path === undefined) return undefined;
  if (!existsSync(path)) throw new ConfigError(`risk file not found`, { where: path, hint: 'give a JSON file of risk limits (see README "Risk limits")' });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`risk file is not valid JSON: ${(err as Error).message}`, { where: path });
  }
  const config = parseRiskConfig(raw, path);
  const manager = RiskManager.fromConfig(config);
  return {
    gate: manager,
    config: config as Record<string, unknown>,
    states: () => manager.states(),
    attach: (suite) => {
      manager.attach(suite);
    },
    manager,
  };
}
