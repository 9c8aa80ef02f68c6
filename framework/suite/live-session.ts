import type { Clock } from '../core/clock.ts';
import { isoUtc } from '../core/time.ts';
import type { MarketRecorder } from '../feed/recording.ts';
import type { ResultsFile, RiskRecord, RunInfo } from '../model/results.ts';
import { writeFileAtomic } from '../store/atomic-write.ts';
import type { StrategyParams } from '../strategy/strategy.ts';
import { buildResults } from './results-builder.ts';
import type { TradingSuite } from './trading-suite.ts';
import { startStrategies } from './warm-up.ts';

/** What a paper or live preset hands to a session: the composed suite and what to say about it. */
export interface PreparedSession {
  readonly mode: 'paper' | 'live';
  readonly suite: TradingSuite;
  readonly strategy: { readonly name: string; readonly params: StrategyParams };
  readonly startingCash: number;
  readonly fillModel: RunInfo['fillModel'];
  /** Recorded under run.config (account, contracts, idPrefix, recording path...). Never secrets. */
  readonly config: Record<string, unknown>;
  readonly recorder?: MarketRecorder;
  readonly clock: Clock;
  /** Lines to print before trading (account, contracts, limits). Never secrets. */
  readonly banner: readonly string[];
}

export interface LiveSessionOptions {
  /** Results file, rewritten atomically every `writeEveryMs` and at stop. */
  readonly outPath?: string;
  /** Default 5000; 0 = only at stop. */
  readonly writeEveryMs?: number;
  readonly log?: (line: string) => void;
  /** The risk manager's state changes (REDUCING, HALTED...) to list in the results with its denials. */
  readonly riskStates?: () => readonly RiskRecord[];
}

export interface StopOptions {
  /** Cancel working orders and close positions at market before finishing. */
  readonly flatten?: boolean;
  /** How long to wait for the flattening fills, real ms. Default 10 000. */
  readonly settleMs?: number;
}

/**
 * Runs a paper or live suite until stopped: starts strategies, warm-up and the feed, writes the same
 * results file as a backtest as it goes (mode 'paper'/'live', atomically, so a crash leaves the last
 * complete snapshot), and on stop flattens only if asked, finishes the books and writes the final file.
 */
export class LiveSession {
  readonly prepared: PreparedSession;
  private readonly opts: LiveSessionOptions;
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedWallMs = Number.NaN;
  private stopping: Promise<ResultsFile> | undefined;
  private readonly log: (line: string) => void;

  constructor(prepared: PreparedSession, opts: LiveSessionOptions = {}) {
    this.prepared = prepared;
    this.opts = opts;
    this.log = opts.log ?? (() => undefined);
  }

  get suite(): TradingSuite {
    return this.prepared.suite;
  }

  /** Connect, warm up and go live; resolves once events flow. */
  async start(): Promise<void> {
    this.startedWallMs = Date.now();
    startStrategies(this.suite);
    await this.suite.run();
    const every = this.opts.writeEveryMs ?? 5000;
    if (this.opts.outPath !== undefined && every > 0) {
      this.timer = setInterval(() => {
        try {
          this.write();
        } catch (err) {
          this.log(`warning: could not write results: ${err instanceof Error ? err.message : String(err)}`);
        }
      }, every);
      this.timer.unref?.();
    }
  }

  /** The results file as of now (the session keeps running). */
  snapshot(): ResultsFile {
    const p = this.prepared;
    const wallSeconds = Number.isNaN(this.startedWallMs) ? 0 : (Date.now() - this.startedWallMs) / 1000;
    let bars = 0;
    for (const c of this.suite.contexts()) bars += this.suite.account.barCount(c.symbol);
    return buildResults(this.suite, {
      run: {
        mode: p.mode,
        strategy: p.strategy.name,
        params: p.strategy.params,
        config: {
          startingCash: p.startingCash,
          commissionPerContract: typeof p.fillModel.options.commissionPerContract === 'number' ? p.fillModel.options.commissionPerContract : 0,
          slippageTicks: typeof p.fillModel.options.slippageTicks === 'number' ? p.fillModel.options.slippageTicks : 0,
          closeAtEnd: false,
          ...p.config,
        },
        fillModel: p.fillModel,
        timing: {
          startedAt: Number.isNaN(this.startedWallMs) ? undefined : isoUtc(this.startedWallMs),
          wallSeconds: Math.round(wallSeconds * 1000) / 1000,
          barsPerSec: wallSeconds > 0 ? Math.round(bars / wallSeconds) : 0,
        },
      },
      riskStates: this.opts.riskStates?.(),
    });
  }

  /** Write the current snapshot (atomically). */
  write(results: ResultsFile = this.snapshot()): void {
    if (this.opts.outPath === undefined) return;
    writeFileAtomic(this.opts.outPath, `${JSON.stringify(results, null, 1)}\n`);
  }

  /** Stop cleanly (idempotent): flatten if asked, finish, write the final file, release everything. */
  stop(opts: StopOptions = {}): Promise<ResultsFile> {
    if (this.stopping === undefined) this.stopping = this.doStop(opts);
    return this.stopping;
  }

  private async doStop(opts: StopOptions): Promise<ResultsFile> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    const suite = this.suite;
    if (opts.flatten) {
      suite.orders.flattenAll('flatten on exit');
      const deadline = Date.now() + (opts.settleMs ?? 10_000);
      while (Date.now() < deadline && (suite.orders.positions.totalAbsPosition() !== 0 || suite.orders.workingOrders().length > 0)) {
        await new Promise((r) => setTimeout(r, 20));
      }
      if (suite.orders.positions.totalAbsPosition() !== 0) this.log('warning: positions still open after flattening; check the account');
    }
    suite.finish({ closeAtEnd: false });
    const results = this.snapshot();
    this.write(results);
    await suite.cleanup();
    return results;
  }
}
