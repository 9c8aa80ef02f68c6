import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { instrumentBreakdown } from '../../framework/analytics/instrument-breakdown.ts';
import { pnlByTime } from '../../framework/analytics/pnl-by-time.ts';
import { profitFactor } from '../../framework/analytics/profit-factor.ts';
import { rMultipleStats } from '../../framework/analytics/r-multiple-stats.ts';
import { systemQualityNumber } from '../../framework/analytics/system-quality-number.ts';
import { tradeStats } from '../../framework/analytics/trade-stats.ts';
import { MS_PER_MINUTE } from '../../framework/core/time.ts';
import type { InstrumentInfo, TradeRecord } from '../../framework/model/results.ts';

const close = (actual: number | null, expected: number, msg: string, eps = 1e-9): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) < eps, `${msg}: expected ${expected}, got ${actual}`);
};

let clock = 0;
const trade = (pnl: number, over: Partial<TradeRecord> = {}): TradeRecord => {
  clock += 60 * MS_PER_MINUTE;
  return {
    symbol: 'MNQ', side: 'long', size: 1, entryMs: clock, entryPrice: 100, exitMs: clock + 30 * MS_PER_MINUTE, exitPrice: 100,
    pnl, fees: 1, mae: -10, mfe: 20, riskAmount: null, pnlTicks: 0, ...over,
  };
};

test('profit factor and SQN on net PnL [100, −50, 30, −20]', () => {
  const pnls = [100, -50, 30, -20];
  // PF = Σ wins / |Σ losses| = 130 / 70 = 1.857142857...
  close(profitFactor(pnls), 130 / 70, 'profit factor');
  // mean 15; deviations 85, −65, 15, −35 -> Σd² = 12900, /3 = 4300, std = 65.5743...
  // SQN = √4 × 15 / √4300 = 0.457495...
  close(systemQualityNumber(pnls), (2 * 15) / Math.sqrt(4300), 'SQN');
  const s = tradeStats(pnls.map((p) => trade(p)));
  assert.is(s.tradeCount, 4);
  close(s.winRateFraction, 0.5, 'win rate 2/4');
  close(s.expectancyCurrency, 15, 'expectancy = mean net PnL');
  close(s.payoffRatio, 65 / 35, 'payoff = avg win 65 / |avg loss 35|');
  assert.is(s.largestWinCurrency, 100);
  assert.is(s.largestLossCurrency, -50);
  assert.is(s.maxConsecutiveWins, 1);
  assert.is(s.maxConsecutiveLosses, 1);
  assert.is(s.feesPaidCurrency, 4);
  assert.is(s.avgHoldingMinutes, 30);
  assert.is(s.worstMaeCurrency, -10);
});

test('zero trades: counts 0, ratios null', () => {
  const s = tradeStats([]);
  assert.is(s.tradeCount, 0);
  for (const k of ['winRateFraction', 'profitFactor', 'expectancyCurrency', 'payoffRatio', 'sqn', 'avgWinCurrency', 'avgLossCurrency', 'avgHoldingMinutes', 'avgMaeCurrency'] as const) {
    assert.is(s[k], null, k);
  }
  assert.is(profitFactor([]), null);
  assert.is(systemQualityNumber([]), null);
});

test('one trade: win rate 1, expectancy = its PnL, PF/payoff/SQN undefined (null)', () => {
  const s = tradeStats([trade(50)]);
  assert.is(s.winRateFraction, 1);
  assert.is(s.expectancyCurrency, 50);
  assert.is(s.profitFactor, null, 'no loss: Σwins/0 is unbounded');
  assert.is(s.payoffRatio, null);
  assert.is(s.sqn, null, 'std(ddof=1) of one value is undefined');
});

test('all wins [10, 20, 30]: PF null, SQN = √3 × 20 / 10', () => {
  const s = tradeStats([10, 20, 30].map((p) => trade(p)));
  assert.is(s.winRateFraction, 1);
  assert.is(s.profitFactor, null);
  assert.is(s.payoffRatio, null);
  assert.is(s.avgLossCurrency, null);
  close(s.sqn, Math.sqrt(3) * 2, 'SQN: mean 20, std 10');
  assert.is(s.maxConsecutiveWins, 3);
});

test('all losses [−10, −20]: PF 0, win rate 0, SQN = √2 × −15 / √50 = −3', () => {
  const s = tradeStats([-10, -20].map((p) => trade(p)));
  assert.is(s.winRateFraction, 0);
  assert.is(s.profitFactor, 0);
  assert.is(s.payoffRatio, null);
  close(s.sqn, -3, 'SQN');
  assert.is(s.maxConsecutiveLosses, 2);
});

test('breakeven trades end streaks and count as neither', () => {
  const s = tradeStats([5, 5, 0, 5].map((p) => trade(p)));
  assert.is(s.maxConsecutiveWins, 2);
  assert.is(s.winCount, 3);
  assert.is(s.lossCount, 0);
});

test('R-multiples only where a stop defined the risk', () => {
  const s = rMultipleStats([trade(100, { riskAmount: 50 }), trade(-50, { riskAmount: 50 }), trade(999, { riskAmount: null })]);
  // R = 100/50 = 2 and −50/50 = −1: mean 0.5; expectancy 0.5 × 2 + 0.5 × (−1) = 0.5
  assert.is(s.rTradeCount, 2);
  close(s.avgRMultiple, 0.5, 'avg R');
  close(s.expectancyR, 0.5, 'expectancy R');
  assert.is(s.bestR, 2);
  assert.is(s.worstR, -1);
  assert.is(rMultipleStats([]).avgRMultiple, null);
});

test('per-instrument breakdown keeps instruments without trades', () => {
  const b = instrumentBreakdown([trade(10), trade(-4, { symbol: 'MES' }), trade(6)], ['MNQ', 'MES', 'MGC']);
  assert.equal(b.map((x) => [x.symbol, x.tradeCount, x.netPnlCurrency, x.winRateFraction]), [
    ['MNQ', 2, 16, 1],
    ['MES', 1, -4, 0],
    ['MGC', 0, 0, null],
  ]);
});

test('PnL by exit hour and weekday in exchange time (America/Chicago, DST aware)', () => {
  const ins = [{ symbol: 'MNQ', timeZone: 'America/Chicago' } as InstrumentInfo];
  // 2024-07-01 14:30Z is 09:30 CDT (UTC−5), a Monday; 2024-01-05 15:00Z is 09:00 CST (UTC−6), a Friday.
  const out = pnlByTime(
    [trade(10, { exitMs: Date.UTC(2024, 6, 1, 14, 30) }), trade(-3, { exitMs: Date.UTC(2024, 0, 5, 15, 0) }), trade(1, { symbol: 'XYZ', exitMs: Date.UTC(2024, 0, 5, 15, 0) })],
    ins,
  );
  assert.is(out.byHour[9].pnlCurrency, 7);
  assert.is(out.byHour[9].tradeCount, 2);
  assert.is(out.byHour[15].pnlCurrency, 1, 'unknown symbol falls back to UTC');
  assert.is(out.byWeekday[1].pnlCurrency, 10);
  assert.is(out.byWeekday[1].name, 'Mon');
  assert.is(out.byWeekday[5].pnlCurrency, -2);
});

test.run();
