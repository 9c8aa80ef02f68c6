import { LiveClock } from '../core/clock.ts';
import { ConfigError } from '../core/errors.ts';
import { ProjectXConnection } from '../adapters/projectx/projectx-connection.ts';
import type { RiskGate } from '../risk/risk-gate.ts';
import type { PreparedSession } from './live-session.ts';
import { sessionRecorder, type SessionRequest } from './paper-preset.ts';
import { TradingSuite } from './trading-suite.ts';
import { suiteWarmupTarget } from './warm-up.ts';

export interface LiveRequest extends SessionRequest {
  /** Account name or id; default the connection's, else the first active account that can trade. */
  readonly account?: string;
  /** Must be true (`--confirm-live` or config `confirmLive: true`): real orders go out. */
  readonly confirmLive: boolean;
  /** Required: every order passes these limits. */
  readonly risk: RiskGate;
  /** Printed in the banner and the results (the limits file's content). */
  readonly riskConfig?: Record<string, unknown>;
  /** Client order id prefix (sent as customTag; unique per session). Default `L<start time base36>-`. */
  readonly idPrefix?: string;
}

/**
 * The live preset (DESIGN.md §1): ProjectXFeed + ProjectXBroker + the wall clock. Refuses to build
 * without an explicit confirmation and without risk limits.
 */
export async function createLiveSession(req: LiveRequest): Promise<PreparedSession> {
  if (req.confirmLive !== true) {
    throw new ConfigError('live trading needs an explicit confirmation', { where: '--confirm-live', hint: 'add --confirm-live (or "confirmLive": true in the config) to send real orders; use `pxt paper` to try first' });
  }
  if (req.risk === undefined || req.risk === null) {
    throw new ConfigError('live trading needs risk limits', { where: '--risk', hint: 'give --risk limits.json (max position, daily loss...)' });
  }
  const clock = req.clock ?? new LiveClock();
  const tf = req.baseTimeframe ?? '1m';
  const conn = await ProjectXConnection.open(req.connection, req.symbols, { clock, log: req.log, reconnect: req.reconnect, rateLimits: req.rateLimits });
  const account = await conn.account(req.account);
  if (!account.canTrade) throw new ConfigError(`account ${account.name} cannot trade`, { where: '--account', hint: 'pick an active account that can trade' });
  const recorder = sessionRecorder(req, conn, 'live', clock);
  const feed = conn.feed({ baseTimeframe: tf, recorder, timerGraceMs: req.timerGraceMs, firstEventWaitMs: req.firstEventWaitMs });
  const broker = conn.broker(account.accountId);
  const instruments = conn.contracts.map((c) => c.instrument);
  const idPrefix = req.idPrefix ?? `L${clock.nowMs().toString(36)}-`;
  // Live books start from the account's balance unless the caller chose a figure.
  const startingCash = Number.isFinite(req.startingCash) && req.startingCash > 0 ? req.startingCash : account.balance;
  const suite = new TradingSuite(
    { mode: 'live', feed, broker, clock, baseTimeframe: tf },
    { instruments, strategy: req.strategy, startingCash, risk: req.risk, idPrefix },
  );
  feed.warmup = suiteWarmupTarget(suite, req.log);
  const limits = req.riskConfig !== undefined ? JSON.stringify(req.riskConfig) : '(custom risk gate)';
  return {
    mode: 'live',
    suite,
    strategy: { name: req.strategy.name, params: req.strategy.params },
    startingCash,
    fillModel: { name: 'projectx-venue', description: 'Fills, prices and fees as reported by the ProjectX venue (GatewayUserTrade).', options: {} },
    config: {
      account: account.name,
      accountId: account.accountId,
      simulatedAccount: account.simulated,
      symbols: instruments.map((i) => i.symbol),
      contracts: conn.contracts.map((c) => c.contractId),
      baseTimeframe: tf,
      idPrefix,
      recording: recorder?.path ?? null,
      risk: req.riskConfig ?? null,
      api: new URL(req.connection.apiUrl).host,
    },
    recorder,
    clock,
    banner: [
      `LIVE trading ${req.strategy.name} on account ${account.name} (id ${account.accountId}${account.simulated ? ', simulated' : ''}, balance ${account.balance})`,
      `contracts: ${conn.contracts.map((c) => `${c.instrument.symbol} = ${c.contractId} (tick ${c.instrument.tickSize}, ${c.instrument.tickValue} ${c.instrument.currency}/tick)`).join(', ')}`,
      `risk limits: ${limits}`,
      `orders carry customTag ${idPrefix}<n>; via ${new URL(req.connection.apiUrl).host}`,
      recorder !== undefined ? `recording market events to ${recorder.path}` : 'not recording',
    ],
  };
}
