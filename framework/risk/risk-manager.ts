import type { Bar } from '../model/market-data.ts';
import type { Fill } from '../model/fill.ts';
import type { Instrument } from '../model/instrument.ts';
import type { ModifyOrder, Order, SubmitOrder } from '../model/order.ts';
import type { RiskRecord } from '../model/results.ts';
import { SessionCalendar, UTC_DAY_SESSION } from '../model/session-calendar.ts';
import { RISK_OK, type RiskDecision, type RiskGate, type RiskRule, type RiskView } from './risk-gate.ts';
import type { AccountSample, RiskBreach, StatefulRiskRule } from './stateful-risk-rule.ts';
import { fmtSigned, reducesExposure, signedSize } from './exposure.ts';
import type { RiskConfig } from './risk-config.ts';
import { MaxPositionRule } from './max-position-rule.ts';
import { MaxTotalPositionRule } from './max-total-position-rule.ts';
import { MaxOrderSizeRule } from './max-order-size-rule.ts';
import { MaxOpenOrdersRule } from './max-open-orders-rule.ts';
import { MaxTradesPerDayRule } from './max-trades-per-day-rule.ts';
import { DailyLossRule } from './daily-loss-rule.ts';
import { TrailingDrawdownRule } from './trailing-drawdown-rule.ts';
import { TradingHoursRule } from './trading-hours-rule.ts';
import { PriceBandRule } from './price-band-rule.ts';

/**
 * ACTIVE: every rule decides. REDUCING: only orders that reduce exposure pass (reduce-only, or against
 * the position and not larger than it). HALTED: every order and every modify that could add risk is
 * denied, except the flatten the manager issues itself.
 */
export type RiskState = 'ACTIVE' | 'REDUCING' | 'HALTED';

/**
 * The part of a TradingSuite the manager watches and acts on (TradingSuite satisfies it structurally;
 * declared here so risk/ does not import suite/).
 */
export interface RiskHost {
  readonly clock: { nowMs(): number };
  readonly account: { equity(): number };
  readonly orders: {
    flattenAll(reason?: string): void;
    flatten(symbol: string, reason?: string): unknown;
    workingOrders(symbol?: string): readonly Order[];
    positionOf(symbol: string): number;
  };
  readonly bus: { on(topic: 'fill', handler: (p: { fill: Fill; order: Order }) => void): () => void };
  contexts(): readonly { readonly instrument: Instrument; readonly bus: { on(topic: 'bar', handler: (b: Bar) => void): () => void } }[];
}

/**
 * The risk manager (issue 5): a RiskGate built from RiskRule objects, run in order (first denial wins)
 * behind a state gate. Between orders it watches the account (attach): on every bar close and fill it
 * rolls the trading session (account calendar: the first instrument's session) and lets stateful rules
 * observe equity; a breach flattens, cancels and changes state. HALTED from a daily loss resumes at the
 * next session; from the trailing drawdown or the kill switch it lasts the rest of the run. Every state
 * change is a RiskRecord {kind:'state'} (states()); every denial reaches the results via the OrderManager.
 * Denials are values: nothing here throws into the strategy.
 */
export class RiskManager implements RiskGate {
  readonly rules: readonly RiskRule[];
  private stateNow: RiskState = 'ACTIVE';
  private stateRule = '';
  private stateReason = '';
  /** The current REDUCING/HALTED state ends when the session rolls. */
  private resumeNextSession = false;
  private readonly records: RiskRecord[] = [];
  private calendar: SessionCalendar | undefined;
  private day = Number.NaN;
  private lastEquity = Number.NaN;
  private lastTsMs = Number.NaN;
  /** True while the manager's own flatten passes the gate. */
  private bypass = false;
  private host: RiskHost | undefined;
  private readonly unsubs: (() => void)[] = [];

  constructor(rules: readonly RiskRule[], opts: { calendar?: SessionCalendar } = {}) {
    this.rules = rules;
    this.calendar = opts.calendar;
  }

  /** Build the rules a RiskConfig turns on, in a fixed order (cheap stateless checks first). */
  static fromConfig(cfg: RiskConfig, opts: { calendar?: SessionCalendar } = {}): RiskManager {
    const rules: RiskRule[] = [];
    if (cfg.tradingHours !== undefined) rules.push(new TradingHoursRule(cfg.tradingHours));
    if (cfg.maxOrderSize !== undefined) rules.push(new MaxOrderSizeRule(cfg.maxOrderSize));
    if (cfg.priceBandTicks !== undefined) rules.push(new PriceBandRule(cfg.priceBandTicks));
    if (cfg.maxPositionPerInstrument !== undefined) rules.push(new MaxPositionRule(cfg.maxPositionPerInstrument));
    if (cfg.maxTotalPosition !== undefined) rules.push(new MaxTotalPositionRule(cfg.maxTotalPosition));
    if (cfg.maxOpenOrders !== undefined) rules.push(new MaxOpenOrdersRule(cfg.maxOpenOrders));
    if (cfg.maxTradesPerDay !== undefined) rules.push(new MaxTradesPerDayRule(cfg.maxTradesPerDay));
    if (cfg.maxDailyLoss !== undefined) rules.push(new DailyLossRule(cfg.maxDailyLoss, cfg.reduceOnlyAtDailyLoss));
    if (cfg.trailingDrawdown !== undefined) rules.push(new TrailingDrawdownRule(cfg.trailingDrawdown));
    return new RiskManager(rules, opts);
  }

  get state(): RiskState {
    return this.stateNow;
  }

  /** State changes so far (results.risk, merged with the denials by the results builder). */
  states(): readonly RiskRecord[] {
    return this.records;
  }

  // ------------------------------------------------------------------ the gate

  checkSubmit(cmd: SubmitOrder, view: RiskView): RiskDecision {
    if (this.bypass) return RISK_OK;
    const now = view.nowMs();
    this.sample(now, view.equity(), view.instrument(cmd.symbol));
    const pos = view.positionOf(cmd.symbol);
    const gate = this.stateGate(cmd, pos);
    if (gate !== undefined) return gate;
    for (const r of this.rules) {
      const d = r.check(cmd, view);
      if (!d.ok) return d;
    }
    return RISK_OK;
  }

  /**
   * A modify is checked as what it adds: a size increase as an order of the extra contracts on the
   * same side, new prices against the rules that read prices. HALTED and REDUCING pass only modifies
   * of reduce-only orders and size decreases.
   */
  checkModify(change: ModifyOrder, view: RiskView): RiskDecision {
    if (this.bypass) return RISK_OK;
    const o = view.orderOf?.(change.clientOrderId);
    if (o === undefined) return RISK_OK;
    this.sample(view.nowMs(), view.equity(), view.instrument(o.symbol));
    const extra = change.size === undefined ? 0 : change.size - o.size;
    if (o.reduceOnly || (extra <= 0 && change.limitPrice === undefined && change.stopPrice === undefined)) return RISK_OK;
    const cmd: SubmitOrder = {
      clientOrderId: o.clientOrderId,
      symbol: o.symbol,
      side: o.side,
      type: o.type,
      size: Math.max(extra, 0),
      limitPrice: change.limitPrice,
      stopPrice: change.stopPrice,
      parentClientOrderId: o.parentClientOrderId,
    };
    if (this.stateNow !== 'ACTIVE') {
      const gate = this.stateGate(cmd, view.positionOf(o.symbol));
      if (gate !== undefined && extra > 0) return gate;
      if (this.stateNow === 'HALTED') return gate ?? RISK_OK;
    }
    for (const r of this.rules) {
      if (extra <= 0 && r.name !== 'price-band') continue;
      const d = r.check(cmd, view);
      if (!d.ok) return d;
    }
    return RISK_OK;
  }

  private stateGate(cmd: SubmitOrder, pos: number): RiskDecision | undefined {
    if (this.stateNow === 'ACTIVE') return undefined;
    const until = this.resumeNextSession ? 'until the next session' : 'for the rest of the run';
    if (this.stateNow === 'HALTED') {
      return { ok: false, rule: this.stateRule, message: `HALTED ${until} (${this.stateReason}): ${cmd.symbol} order ${fmtSigned(signedSize(cmd.side, cmd.size))} denied` };
    }
    if (reducesExposure(cmd, pos)) return undefined;
    return {
      ok: false,
      rule: this.stateRule,
      message: `REDUCING ${until} (${this.stateReason}): only exposure-reducing orders pass; ${cmd.symbol} position ${pos}, order ${fmtSigned(signedSize(cmd.side, cmd.size))}`,
    };
  }

  // ------------------------------------------------------------------ watching the account

  /**
   * Watch a suite between orders: each instrument's closed bars and every fill re-sample equity
   * (session roll, daily loss, drawdown). Returns a detach function.
   */
  attach(host: RiskHost): () => void {
    this.host = host;
    const ctxs = host.contexts();
    if (this.calendar === undefined && ctxs.length > 0) this.calendar = new SessionCalendar(ctxs[0].instrument.session);
    for (const ctx of ctxs) this.unsubs.push(ctx.bus.on('bar', () => this.sample(host.clock.nowMs(), host.account.equity())));
    this.unsubs.push(host.bus.on('fill', (p) => this.onFill(p.fill)));
    return () => {
      for (const u of this.unsubs.splice(0)) u();
      this.host = undefined;
    };
  }

  private onFill(fill: Fill): void {
    const host = this.host!;
    const after = host.orders.positionOf(fill.symbol);
    const day = this.tradingDay(fill.tsMs);
    for (const r of this.rules as StatefulRiskRule[]) r.onFill?.(fill, after, day);
    this.sample(fill.tsMs, host.account.equity());
    // HALTED: a fill that raced the cancels (live) leaves a position: close it again.
    if (this.stateNow === 'HALTED' && after !== 0) {
      const flattening = host.orders.workingOrders(fill.symbol).some((o) => o.reduceOnly && o.type === 'market');
      if (!flattening) this.withBypass(() => host.orders.flatten(fill.symbol, `risk: ${this.stateRule}`));
    }
  }

  private tradingDay(tsMs: number): number {
    if (this.calendar === undefined) this.calendar = new SessionCalendar(UTC_DAY_SESSION);
    return this.calendar.tradingDay(tsMs);
  }

  /** Roll the session if it changed, then let the stateful rules observe equity; act on breaches. */
  private sample(tsMs: number, equity: number, ins?: Instrument): void {
    if (Number.isNaN(equity)) return;
    if (this.calendar === undefined && ins !== undefined) this.calendar = new SessionCalendar(ins.session);
    const day = this.tradingDay(tsMs);
    if (day !== this.day) {
      const start: AccountSample = { tsMs, equity: Number.isNaN(this.lastEquity) ? equity : this.lastEquity, tradingDay: day };
      const first = Number.isNaN(this.day);
      this.day = day;
      for (const r of this.rules as StatefulRiskRule[]) r.onSessionStart?.(start);
      if (!first && this.stateNow !== 'ACTIVE' && this.resumeNextSession) this.setState('ACTIVE', this.stateRule, `new session ${this.calendar!.tradingDate(tsMs)}: trading resumes`, tsMs, false);
    }
    this.lastEquity = equity;
    this.lastTsMs = tsMs;
    const s: AccountSample = { tsMs, equity, tradingDay: day };
    for (const r of this.rules as StatefulRiskRule[]) {
      const b = r.observe?.(s);
      if (b !== undefined) this.applyBreach(b, tsMs);
    }
  }

  private applyBreach(b: RiskBreach, tsMs: number): void {
    if (b.action === 'reduce') {
      if (this.stateNow === 'ACTIVE') this.setState('REDUCING', b.rule, b.message, tsMs, true);
      return;
    }
    const permanent = b.action === 'halt';
    // A session halt never softens a permanent one; a permanent one upgrades a session halt.
    if (this.stateNow !== 'HALTED' || (permanent && this.resumeNextSession)) this.setState('HALTED', b.rule, b.message, tsMs, !permanent);
    this.flattenEverything(b.rule);
  }

  private flattenEverything(rule: string): void {
    const host = this.host;
    if (host === undefined) return;
    this.withBypass(() => host.orders.flattenAll(`risk: ${rule}`));
  }

  private withBypass(fn: () => void): void {
    const prev = this.bypass;
    this.bypass = true;
    try {
      fn();
    } finally {
      this.bypass = prev;
    }
  }

  private setState(to: RiskState, rule: string, reason: string, tsMs: number, resumeNextSession: boolean): void {
    const from = this.stateNow;
    this.stateNow = to;
    this.stateRule = rule;
    this.stateReason = reason;
    this.resumeNextSession = resumeNextSession;
    this.records.push({ tsMs, kind: 'state', rule, message: `${from} -> ${to}: ${reason}`, symbol: null, clientOrderId: null });
  }

  private nowMs(): number {
    return this.host?.clock.nowMs() ?? (Number.isNaN(this.lastTsMs) ? 0 : this.lastTsMs);
  }

  // ------------------------------------------------------------------ manual controls

  /** Flatten every position, cancel every working order and halt for the rest of the run. */
  killSwitch(reason = 'kill switch'): void {
    this.applyBreach({ rule: 'kill-switch', action: 'halt', message: reason }, this.nowMs());
  }

  /** Only exposure-reducing orders pass until `resume()` (or the next session when `untilNextSession`). */
  reduceOnly(reason: string, untilNextSession = false): void {
    if (this.stateNow === 'HALTED') return;
    this.setState('REDUCING', 'manual', reason, this.nowMs(), untilNextSession);
  }

  /** Back to ACTIVE by hand (after a manual REDUCING, or to lift a halt deliberately). */
  resume(reason = 'resumed by hand'): void {
    if (this.stateNow !== 'ACTIVE') this.setState('ACTIVE', 'manual', reason, this.nowMs(), false);
  }
}
