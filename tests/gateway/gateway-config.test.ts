import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frontMonthCode } from '../../framework/adapters/projectx-gateway/front-month.ts';
import { resolveGatewayConfig } from '../../framework/adapters/projectx-gateway/gateway-config.ts';
import { loadReplayFile } from '../../framework/cli/gateway-command.ts';

test('front month: quarterly rolls from the 10th of the expiry month, monthly is next month', () => {
  assert.is(frontMonthCode('quarterly', Date.UTC(2025, 10, 3)), 'Z25');
  assert.is(frontMonthCode('quarterly', Date.UTC(2025, 11, 5)), 'Z25');
  assert.is(frontMonthCode('quarterly', Date.UTC(2025, 11, 12)), 'H26');
  assert.is(frontMonthCode('quarterly', Date.UTC(2026, 0, 20)), 'H26');
  assert.is(frontMonthCode('monthly', Date.UTC(2025, 11, 1)), 'F26');
  assert.is(frontMonthCode('monthly', Date.UTC(2025, 4, 1)), 'M25');
});

test('default config: demo user, one practice account, registry markets with roots and fees', () => {
  const c = resolveGatewayConfig(undefined, Date.UTC(2025, 10, 3));
  assert.equal(c.users, [{ userName: 'demo', apiKey: 'demo-key' }]);
  assert.is(c.accounts[0].name, 'PRAC-DEMO-1');
  assert.is(c.accounts[0].balance, 50_000);
  const nq = c.markets.find((m) => m.symbol === 'NQ')!;
  assert.equal([nq.contractId, nq.name, nq.symbolId, nq.feePerSide], ['CON.F.US.ENQ.Z25', 'ENQZ25', 'F.US.ENQ', 1.4]);
  assert.is(c.markets.find((m) => m.symbol === 'MNQ')!.feePerSide, 0.37);
  assert.is(c.markets.find((m) => m.symbol === 'MGC')!.contractId, 'CON.F.US.MGC.Z25');
});

test('config file overrides: custom market and fee, replaceMarkets', () => {
  const c = resolveGatewayConfig({ replaceMarkets: true, markets: [{ symbol: 'ES', feePerSide: 2 }, { symbol: 'XYZ', tickSize: 0.5, tickValue: 5, startPrice: 40 }] }, Date.UTC(2025, 10, 3));
  assert.equal(c.markets.map((m) => [m.contractId, m.feePerSide]), [['CON.F.US.EP.Z25', 2], ['CON.F.US.XYZ.Z25', 1.4]]);
  assert.throws(() => resolveGatewayConfig({ markets: [{ symbol: 'BAD' }] }, 0), /tickSize/);
});

test('loadReplayFile reads a CSV and infers the timeframe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-'));
  try {
    const f = join(dir, 'MES-5m.csv');
    writeFileSync(f, 'timestamp,open,high,low,close,volume\n2024-03-04T14:30:00Z,5000,5001,4999.5,5000.25,10\n2024-03-04T14:35:00Z,5000.25,5001,4999.5,5000.5,12\n2024-03-04T14:40:00Z,5000.5,5001,4999.5,5000.5,12\n');
    const r = loadReplayFile(f);
    assert.is(r.symbol, 'MES');
    assert.is(r.columns.length, 3);
    assert.is(r.columns.timeframe, '5m');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
