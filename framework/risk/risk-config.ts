import { ConfigError } from '../core/errors.ts';
import type { TrailingDrawdownConfig } from './trailing-drawdown-rule.ts';
import type { TradingHoursSpec } from './trading-hours-rule.ts';
import { parseWindow } from './trading-hours-rule.ts';

/**
 * Risk limits (`--risk file.json`). Every key is optional; a missing key turns its rule off.
 *
 *   maxPositionPerInstrument  contracts, |net position| per instrument incl. working orders that add to it;
 *                             a number for all, or { "MNQ": 4, "*": 1 } per symbol
 *   maxTotalPosition          contracts, Σ |net position| over all instruments (same counting)
 *   maxOrderSize              contracts per order (number or per symbol); reduce-only exits are exempt
 *   maxOpenOrders             working orders on the account; exits and bracket children are exempt
 *   maxTradesPerDay           round trips opened per trading session (account calendar, CME: 17:00 CT)
 *   maxDailyLoss              currency; realized + unrealized since the session start; breach: flatten,
 *                             cancel, deny everything until the next session, then resume
 *   reduceOnlyAtDailyLoss     currency (< maxDailyLoss); from this session loss on only exits pass (REDUCING)
 *   trailingDrawdown          { amount: currency, mode: "intraday" | "eod", lockAtStartingBalance?: boolean
 *                             (default true) }; breach: flatten and halt for the rest of the run
 *   tradingHours              ["08:30-15:00", ...] in exchange time (CME: America/Chicago), or
 *                             { "MNQ": ["08:30-15:00"], "*": [...] }; outside, only exits pass
 *   priceBandTicks            ticks; limit/stop prices farther than this from the last price are denied
 *   comment                   free text, ignored
 */
export interface RiskConfig {
  readonly maxPositionPerInstrument?: number | Readonly<Record<string, number>>;
  readonly maxTotalPosition?: number;
  readonly maxOrderSize?: number | Readonly<Record<string, number>>;
  readonly maxOpenOrders?: number;
  readonly maxTradesPerDay?: number;
  readonly maxDailyLoss?: number;
  readonly reduceOnlyAtDailyLoss?: number;
  readonly trailingDrawdown?: TrailingDrawdownConfig;
  readonly tradingHours?: TradingHoursSpec;
  readonly priceBandTicks?: number;
  readonly comment?: string;
}

type Check = (v: unknown, key: string) => void;

function fail(key: string, what: string, got: unknown, where: string | undefined): never {
  throw new ConfigError(`risk config key '${key}' must be ${what}, got ${JSON.stringify(got)}`, { where: where === undefined ? key : `${where}: ${key}`, hint: 'see README "Risk limits"' });
}

/** Validate a parsed JSON value as a RiskConfig. Unknown keys and wrong types throw a ConfigError naming the key. */
export function parseRiskConfig(raw: unknown, where?: string): RiskConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('risk config must be a JSON object of limits', { where });
  const positiveInt = (v: unknown, key: string) => {
    if (!(typeof v === 'number' && Number.isInteger(v) && v > 0)) fail(key, 'a positive whole number', v, where);
  };
  const nonNegInt = (v: unknown, key: string) => {
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0)) fail(key, 'a whole number >= 0', v, where);
  };
  const positive = (v: unknown, key: string) => {
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) fail(key, 'a positive number (currency)', v, where);
  };
  const perSymbol = (inner: Check): Check => (v, key) => {
    if (typeof v === 'number') return inner(v, key);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(key, 'a number or an object { SYMBOL: number }', v, where);
    for (const [sym, x] of Object.entries(v as object)) inner(x, `${key}.${sym}`);
  };
  const windows = (v: unknown, key: string) => {
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) fail(key, 'an array of "HH:MM-HH:MM" strings', v, where);
    for (const s of v as string[]) parseWindow(s, key);
  };
  const checks: Record<keyof RiskConfig, Check> = {
    maxPositionPerInstrument: perSymbol(nonNegInt),
    maxTotalPosition: nonNegInt,
    maxOrderSize: perSymbol(positiveInt),
    maxOpenOrders: positiveInt,
    maxTradesPerDay: nonNegInt,
    maxDailyLoss: positive,
    reduceOnlyAtDailyLoss: positive,
    priceBandTicks: positiveInt,
    comment: (v, key) => {
      if (typeof v !== 'string') fail(key, 'a string', v, where);
    },
    tradingHours: (v, key) => {
      if (Array.isArray(v)) return windows(v, key);
      if (v === null || typeof v !== 'object') fail(key, 'an array of windows or an object { SYMBOL: [windows] }', v, where);
      for (const [sym, x] of Object.entries(v as object)) windows(x, `${key}.${sym}`);
    },
    trailingDrawdown: (v, key) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(key, 'an object { amount, mode, lockAtStartingBalance? }', v, where);
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!['amount', 'mode', 'lockAtStartingBalance'].includes(k)) fail(`${key}.${k}`, 'absent (unknown key; known: amount, mode, lockAtStartingBalance)', o[k], where);
      positive(o.amount, `${key}.amount`);
      if (o.mode !== 'intraday' && o.mode !== 'eod') fail(`${key}.mode`, '"intraday" or "eod"', o.mode, where);
      if (o.lockAtStartingBalance !== undefined && typeof o.lockAtStartingBalance !== 'boolean') fail(`${key}.lockAtStartingBalance`, 'true or false', o.lockAtStartingBalance, where);
    },
  };
  const obj = raw as Record<string, unknown>;
  for (const [key, v] of Object.entries(obj)) {
    const check = (checks as Record<string, Check | undefined>)[key];
    if (check === undefined) {
      throw new ConfigError(`unknown risk config key '${key}'`, { where: where === undefined ? key : `${where}: ${key}`, hint: `known keys: ${Object.keys(checks).join(', ')}` });
    }
    check(v, key);
  }
  const cfg = obj as RiskConfig;
  if (cfg.reduceOnlyAtDailyLoss !== undefined && (cfg.maxDailyLoss === undefined || cfg.reduceOnlyAtDailyLoss >= cfg.maxDailyLoss)) {
    fail('reduceOnlyAtDailyLoss', 'less than maxDailyLoss (and maxDailyLoss set)', cfg.reduceOnlyAtDailyLoss, where);
  }
  return cfg;
}
