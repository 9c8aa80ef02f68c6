import { ConfigError } from '../../core/errors.ts';
import { registeredInstruments } from '../../model/instrument-registry.ts';
import { frontMonthCode, listingCycleOf } from './front-month.ts';

/**
 * Gateway configuration (`pxt gateway --config file.json`). Every key is optional; what is missing
 * comes from the defaults (user `demo` / key `demo-key`, account PRAC-DEMO-1 with 50,000, one market per
 * registered instrument). JSON shape:
 * {
 *   "users":    [{ "userName": "demo", "apiKey": "demo-key" }],
 *   "accounts": [{ "id": 1001, "name": "PRAC-DEMO-1", "balance": 50000, "userName": "demo",
 *                  "canTrade": true, "isVisible": true, "simulated": true }],
 *   "markets":  [{ "symbol": "MNQ", "root": "MNQ", "tickSize": 0.25, "tickValue": 0.5, "startPrice": 21000,
 *                  "feePerSide": 0.37, "description": "Micro E-mini Nasdaq-100", "contractId": "CON.F.US.MNQ.Z25" }],
 *   "replaceMarkets": false,        // true: only the markets listed; false: listed ones override/extend the registry
 *   "historyDays": 2,               // days of 1-minute history behind now
 *   "rateLimits": { "generalPerWindow": 200, "generalWindowSeconds": 60, "barsPerWindow": 50, "barsWindowSeconds": 30 }
 * }
 */
export interface GatewayUserConfig {
  userName: string;
  apiKey: string;
}
export interface GatewayAccountConfig {
  id: number;
  name: string;
  balance: number;
  /** Owner; defaults to the first user. */
  userName?: string;
  canTrade?: boolean;
  isVisible?: boolean;
  simulated?: boolean;
}
export interface GatewayMarketConfig {
  symbol: string;
  /** ProjectX product root (`EP` for ES); defaults to the registry's gatewayRoot or the symbol. */
  root?: string;
  tickSize?: number;
  tickValue?: number;
  description?: string;
  /** Price at the start of the generated history. */
  startPrice?: number;
  /** Commission per contract per side, currency. */
  feePerSide?: number;
  /** Overrides the computed front-month id. */
  contractId?: string;
}
export interface GatewayRateLimits {
  generalPerWindow: number;
  generalWindowSeconds: number;
  barsPerWindow: number;
  barsWindowSeconds: number;
}
export interface GatewayConfig {
  users?: GatewayUserConfig[];
  accounts?: GatewayAccountConfig[];
  markets?: GatewayMarketConfig[];
  replaceMarkets?: boolean;
  historyDays?: number;
  rateLimits?: Partial<GatewayRateLimits>;
}

/** A market with every field resolved. */
export interface GatewayMarket {
  symbol: string;
  root: string;
  contractId: string;
  /** `MNQZ25` */
  name: string;
  symbolId: string;
  description: string;
  tickSize: number;
  tickValue: number;
  startPrice: number;
  feePerSide: number;
}

export interface ResolvedGatewayConfig {
  users: GatewayUserConfig[];
  accounts: Required<GatewayAccountConfig>[];
  markets: GatewayMarket[];
  historyDays: number;
  rateLimits: GatewayRateLimits;
}

export const DEMO_USER: GatewayUserConfig = { userName: 'demo', apiKey: 'demo-key' };

/** Rough late-2025 price levels so the simulated markets look familiar. */
const START_PRICES: Record<string, number> = {
  MNQ: 21000, NQ: 21000, MES: 6000, ES: 6000, M2K: 2200, RTY: 2200, MYM: 44000, YM: 44000,
  MGC: 2600, GC: 2600, MCL: 70, CL: 70, '6E': 1.08, ZN: 110, ZB: 115,
};

/** Micros pay 0.37 per side, minis 1.40 (typical retail all-in rates; configurable per market). */
function defaultFee(symbol: string): number {
  return symbol.startsWith('M') ? 0.37 : 1.4;
}

export function resolveGatewayConfig(config: GatewayConfig | undefined, nowMs: number): ResolvedGatewayConfig {
  const c = config ?? {};
  const users = c.users && c.users.length > 0 ? c.users : [DEMO_USER];
  for (const u of users) {
    if (typeof u.userName !== 'string' || typeof u.apiKey !== 'string') throw new ConfigError('gateway user needs userName and apiKey strings', { where: 'config.users' });
  }
  const accountsIn = c.accounts && c.accounts.length > 0 ? c.accounts : [{ id: 1001, name: 'PRAC-DEMO-1', balance: 50_000 }];
  const accounts = accountsIn.map((a) => {
    if (!Number.isInteger(a.id) || typeof a.name !== 'string' || !Number.isFinite(a.balance)) {
      throw new ConfigError('gateway account needs integer id, name and numeric balance', { where: 'config.accounts' });
    }
    return { id: a.id, name: a.name, balance: a.balance, userName: a.userName ?? users[0].userName, canTrade: a.canTrade ?? true, isVisible: a.isVisible ?? true, simulated: a.simulated ?? true };
  });
  const registry = new Map<string, GatewayMarketConfig>();
  for (const i of registeredInstruments()) registry.set(i.symbol, { symbol: i.symbol, root: i.gatewayRoot, tickSize: i.tickSize, tickValue: i.tickValue, description: i.description });
  const bySymbol = new Map<string, GatewayMarketConfig>(c.replaceMarkets ? [] : registry);
  for (const m of c.markets ?? []) {
    const sym = m.symbol.toUpperCase();
    bySymbol.set(sym, { ...(bySymbol.get(sym) ?? registry.get(sym)), ...m, symbol: sym });
  }
  const markets: GatewayMarket[] = [];
  for (const m of bySymbol.values()) {
    if (!(m.tickSize! > 0) || !(m.tickValue! > 0)) throw new ConfigError(`market ${m.symbol} needs positive tickSize and tickValue`, { where: 'config.markets' });
    const root = m.root ?? m.symbol;
    const code = frontMonthCode(listingCycleOf(m.symbol), nowMs);
    markets.push({
      symbol: m.symbol,
      root,
      contractId: m.contractId ?? `CON.F.US.${root}.${code}`,
      name: `${root}${code}`,
      symbolId: `F.US.${root}`,
      description: m.description ?? m.symbol,
      tickSize: m.tickSize!,
      tickValue: m.tickValue!,
      startPrice: m.startPrice ?? START_PRICES[m.symbol] ?? 100,
      feePerSide: m.feePerSide ?? defaultFee(m.symbol),
    });
  }
  const r = c.rateLimits ?? {};
  return {
    users,
    accounts,
    markets,
    historyDays: c.historyDays ?? 2,
    rateLimits: {
      generalPerWindow: r.generalPerWindow ?? 200,
      generalWindowSeconds: r.generalWindowSeconds ?? 60,
      barsPerWindow: r.barsPerWindow ?? 50,
      barsWindowSeconds: r.barsWindowSeconds ?? 30,
    },
  };
}
