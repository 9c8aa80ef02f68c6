/**
 * Child process of cleanup.test.ts: create, run and clean up a 3-instrument suite, then return
 * WITHOUT process.exit. The parent checks this process ends by itself (no handle left open).
 */
import { TradingSuite } from '../../framework/suite/trading-suite.ts';
import { loadStrategy } from '../../framework/suite/load-strategy.ts';
import { syntheticData } from './suite-fixtures.ts';

const { cls, name } = await loadStrategy('pairs-spread');
{
  await using suite = await TradingSuite.create({
    instruments: ['MNQ', 'ES', 'MGC'],
    timeframes: ['1m', '5m'],
    mode: 'backtest',
    data: async (ins) => syntheticData([ins.symbol], 2000)[ins.symbol],
    strategy: { cls, name, params: { ...cls.defaults, lookback: 50 } },
  });
  suite.bus.on('fill', () => {});
  for (const ctx of suite) ctx.bus.on('bar', () => {});
  await suite.run();
  suite.finish({ closeAtEnd: true });
  process.stdout.write(`fills ${suite.orders.fills.length}\n`);
}
process.stdout.write('cleaned up\n');
