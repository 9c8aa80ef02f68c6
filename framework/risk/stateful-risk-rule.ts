import type { Fill } from '../model/fill.ts';
import type { RiskRule } from './risk-gate.ts';

/**
 * What a breach asks the RiskManager to do:
 * - 'reduce': only exposure-reducing orders pass until the next session (state REDUCING);
 * - 'halt-session': flatten, cancel working orders, deny everything until the next session (HALTED);
 * - 'halt': flatten and deny everything for the rest of the run (HALTED, no resume).
 */
export type BreachAction = 'reduce' | 'halt-session' | 'halt';

export interface RiskBreach {
  readonly rule: string;
  readonly action: BreachAction;
  /** Names the numbers: "daily loss 512.50 >= max 500.00". */
  readonly message: string;
}

/** One observation of the account: exchange time, equity (cash + open PnL, currency), trading day. */
export interface AccountSample {
  readonly tsMs: number;
  readonly equity: number;
  /** Trading day of the account calendar (days since 1970-01-01, DESIGN.md §4). */
  readonly tradingDay: number;
}

/**
 * A rule that watches the account between orders (daily loss, trailing drawdown, trades per day).
 * The RiskManager calls the hooks it finds; a plain RiskRule (e.g. the portfolio's correlated exposure
 * rule) needs none of them.
 */
export interface StatefulRiskRule extends RiskRule {
  /** A new trading session began; `equity` is the account equity at the previous session's last mark. */
  onSessionStart?(sample: AccountSample): void;
  /** Price moved or a fill happened: return a breach to act on, or undefined. */
  observe?(sample: AccountSample): RiskBreach | undefined;
  /** A fill, with the instrument's position after it (signed contracts). */
  onFill?(fill: Fill, positionAfter: number, tradingDay: number): void;
}
