import type { Bar, Quote, TradeTick } from '../model/market-data.ts';
import type { Fill } from '../model/fill.ts';
import type { Order } from '../model/order.ts';
import type { RiskDenial } from '../model/events.ts';
import type { TradeRecord } from '../model/results.ts';
import { Strategy } from '../strategy/strategy.ts';
import type { StrategyContext } from '../strategy/strategy-context.ts';

/**
 * Errors thrown by user strategy code, counted per instrument (or 'portfolio'). The policy (issue 6):
 * a strategy that throws in a hook is a bug in the strategy, not in the run. The error is isolated to
 * that call: it is written once per (instrument, hook) to the log, counted, and the run goes on; the
 * same strategy instance keeps receiving events (a transient bug in one bar does not end the day),
 * and no other instrument notices. The counts land in results.run.errors, so a run with errors
 * never looks clean.
 */
export class StrategyErrors {
  private readonly counts = new Map<string, number>();
  private readonly reported = new Set<string>();
  /** The first error seen (tests, --verbose). */
  first: unknown = undefined;

  constructor(
    private readonly strategyName: string,
    private readonly log: (line: string) => void,
  ) {}

  note(where: string, hook: string, error: unknown): void {
    this.counts.set(where, (this.counts.get(where) ?? 0) + 1);
    if (this.first === undefined) this.first = error;
    const key = `${where}\u0000${hook}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const msg = error instanceof Error ? error.message : String(error);
    this.log(`warning: strategy ${this.strategyName} threw in ${hook} on ${where}: ${msg} (isolated: the run and the other instruments go on; counted in results run.errors)`);
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** Counts per instrument / 'portfolio', keys sorted (deterministic). */
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of [...this.counts.keys()].sort()) out[k] = this.counts.get(k)!;
    return out;
  }
}

/** A per-instrument strategy whose hooks cannot throw into the engine (see StrategyErrors). */
export class GuardedStrategy extends Strategy {
  constructor(
    readonly inner: Strategy,
    private readonly symbol: string,
    private readonly errors: StrategyErrors,
  ) {
    super(inner.params);
  }

  override onStart(ctx: StrategyContext): void {
    try {
      this.inner.onStart(ctx);
    } catch (e) {
      this.errors.note(this.symbol, 'onStart', e);
    }
  }

  onBar(bar: Bar, ctx: StrategyContext): void {
    try {
      this.inner.onBar(bar, ctx);
    } catch (e) {
      this.errors.note(this.symbol, 'onBar', e);
    }
  }

  override onQuote(q: Quote, ctx: StrategyContext): void {
    try {
      this.inner.onQuote(q, ctx);
    } catch (e) {
      this.errors.note(this.symbol, 'onQuote', e);
    }
  }

  override onTrade(t: TradeTick, ctx: StrategyContext): void {
    try {
      this.inner.onTrade(t, ctx);
    } catch (e) {
      this.errors.note(this.symbol, 'onTrade', e);
    }
  }

  override onOrder(o: Order, ctx: StrategyContext): void {
    try {
      this.inner.onOrder(o, ctx);
    } catch (e) {
      this.errors.note(this.symbol, 'onOrder', e);
    }
  }

  override onFill(f: Fill, o: Order, ctx: StrategyContext): void {
    try {
      this.inner.onFill(f, o, ctx);
    } catch (e) {
      this.errors.note(this.symbol, 'onFill', e);
    }
  }

  override onTradeClosed(t: TradeRecord, ctx: StrategyContext): void {
    try {
      this.inner.onTradeClosed(t, ctx);
    } catch (e) {
      this.errors.note(this.symbol, 'onTradeClosed', e);
    }
  }

  override onDenied(d: RiskDenial, ctx: StrategyContext): void {
    try {
      this.inner.onDenied(d, ctx);
    } catch (e) {
      this.errors.note(this.symbol, 'onDenied', e);
    }
  }

  override onStop(ctx: StrategyContext): void {
    try {
      this.inner.onStop(ctx);
    } catch (e) {
      this.errors.note(this.symbol, 'onStop', e);
    }
  }
}
