import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../framework/core/errors.ts';
import { resolveInstrument } from '../../framework/model/instrument-registry.ts';
import { parseRiskConfig } from '../../framework/risk/risk-config.ts';
import { RiskManager } from '../../framework/risk/risk-manager.ts';
import { sizeForRisk } from '../../framework/risk/size-for-risk.ts';
import { installKillSwitchSignal } from '../../framework/risk/kill-switch-signal.ts';
import { loadRiskOption } from '../../framework/cli/risk-option.ts';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

test('a full config parses and builds one rule per key', () => {
  const cfg = parseRiskConfig({
    maxPositionPerInstrument: { MNQ: 4, '*': 1 },
    maxTotalPosition: 6,
    maxOrderSize: 2,
    maxOpenOrders: 10,
    maxTradesPerDay: 5,
    maxDailyLoss: 500,
    reduceOnlyAtDailyLoss: 300,
    trailingDrawdown: { amount: 2000, mode: 'eod', lockAtStartingBalance: true },
    tradingHours: { MNQ: ['08:30-15:00'], '*': ['17:00-16:00'] },
    priceBandTicks: 40,
    comment: 'combine 50K',
  });
  assert.equal(RiskManager.fromConfig(cfg).rules.map((r) => r.name), [
    'trading-hours',
    'max-order-size',
    'price-band',
    'max-position',
    'max-total-position',
    'max-open-orders',
    'max-trades-per-day',
    'daily-loss',
    'trailing-drawdown',
  ]);
});

test('unknown keys and wrong types are ConfigErrors naming the key', () => {
  assert.match(configError(() => parseRiskConfig({ maxPosition: 2 })).message, "unknown risk config key 'maxPosition'");
  assert.match(configError(() => parseRiskConfig({ maxOrderSize: '2' })).message, "'maxOrderSize' must be");
  assert.match(configError(() => parseRiskConfig({ maxPositionPerInstrument: { MNQ: -1 } })).message, "'maxPositionPerInstrument.MNQ'");
  assert.match(configError(() => parseRiskConfig({ maxDailyLoss: 0 })).message, "'maxDailyLoss'");
  assert.match(configError(() => parseRiskConfig({ trailingDrawdown: { amount: 100, mode: 'weekly' } })).message, "'trailingDrawdown.mode'");
  assert.match(configError(() => parseRiskConfig({ trailingDrawdown: { amount: 100, mode: 'eod', trail: 1 } })).message, "'trailingDrawdown.trail'");
  assert.match(configError(() => parseRiskConfig({ tradingHours: ['8:30 to 15:00'] })).message, "'8:30 to 15:00'");
  assert.match(configError(() => parseRiskConfig({ maxDailyLoss: 100, reduceOnlyAtDailyLoss: 100 })).message, "'reduceOnlyAtDailyLoss'");
  assert.match(configError(() => parseRiskConfig([1])).message, 'JSON object');
});

test('loadRiskOption reads a file and returns gate, config, states and attach', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pxt-risk-'));
  try {
    const p = join(dir, 'risk.json');
    writeFileSync(p, JSON.stringify({ maxOrderSize: 3 }));
    const r = loadRiskOption(p)!;
    assert.equal(r.config, { maxOrderSize: 3 });
    assert.equal(r.states(), []);
    assert.type(r.attach, 'function');
    assert.is(r.gate, r.manager);
    assert.is(loadRiskOption(undefined), undefined);
    writeFileSync(p, '{"maxOrderSize": 3,');
    assert.match(configError(() => loadRiskOption(p)).message, 'not valid JSON');
    writeFileSync(p, '{"nope": 1}');
    assert.is(configError(() => loadRiskOption(p)).where, `${p}: nope`);
    assert.match(configError(() => loadRiskOption(join(dir, 'missing.json'))).message, 'not found');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sizeForRisk: contracts from risk per trade and stop distance', () => {
  const mnq = resolveInstrument('MNQ'); // $0.50 a tick
  assert.is(sizeForRisk({ equity: 50_000, riskPercent: 0.5, stopTicks: 40, instrument: mnq }), 12, '$250 / $20');
  assert.is(sizeForRisk({ equity: 50_000, riskCurrency: 100, stopTicks: 40, instrument: mnq }), 5);
  assert.is(sizeForRisk({ equity: 50_000, riskCurrency: 100, stopTicks: 40, instrument: mnq, feesPerContract: 1.24 }), 4);
  assert.is(sizeForRisk({ equity: 50_000, riskCurrency: 10, stopTicks: 40, instrument: mnq }), 0, 'stop too wide for the budget');
  assert.is(sizeForRisk({ equity: 50_000, riskPercent: 1, stopTicks: 8, instrument: mnq, maxContracts: 10 }), 10);
  configError(() => sizeForRisk({ equity: 50_000, riskPercent: 1, stopTicks: 0, instrument: mnq }));
  configError(() => sizeForRisk({ equity: 50_000, stopTicks: 8, instrument: mnq }));
});

test('installKillSwitchSignal wires SIGUSR2 to killSwitch and uninstalls', () => {
  const calls: string[] = [];
  const before = process.listenerCount('SIGUSR2');
  const uninstall = installKillSwitchSignal({ killSwitch: (r?: string) => void calls.push(r ?? '') });
  assert.is(process.listenerCount('SIGUSR2'), before + 1);
  process.emit('SIGUSR2', 'SIGUSR2');
  assert.equal(calls, ['SIGUSR2 received']);
  uninstall();
  assert.is(process.listenerCount('SIGUSR2'), before);
});

test('REDUCING by hand: exits pass, entries are denied; resume() lifts it', () => {
  const m = RiskManager.fromConfig({});
  const mnq = resolveInstrument('MNQ');
  let pos = 2;
  const view = {
    nowMs: () => Date.UTC(2025, 0, 6, 15),
    instrument: () => mnq,
    positionOf: () => pos,
    totalAbsPosition: () => Math.abs(pos),
    openOrderCount: () => 0,
    pendingExposure: () => 0,
    lastPrice: () => 21000,
    equity: () => 100_000,
  };
  const cmd = (side: 'buy' | 'sell', size: number) => ({ clientOrderId: 'x', symbol: 'MNQ', side, type: 'market' as const, size });
  m.reduceOnly('manual review');
  assert.is(m.state, 'REDUCING');
  assert.equal(m.checkSubmit(cmd('sell', 2), view), { ok: true });
  const d = m.checkSubmit(cmd('buy', 1), view);
  assert.is(d.ok, false);
  assert.is(m.checkSubmit(cmd('sell', 3), view).ok, false, 'flipping is not reducing');
  pos = 0;
  assert.is(m.checkSubmit(cmd('sell', 1), view).ok, false, 'flat: everything adds exposure');
  m.resume();
  assert.is(m.checkSubmit(cmd('buy', 1), view).ok, true);
  assert.equal(m.states().map((s) => s.message), ['ACTIVE -> REDUCING: manual review', 'REDUCING -> ACTIVE: resumed by hand']);
});

test.run();
