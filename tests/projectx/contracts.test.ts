import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BacktestClock } from '../../framework/core/clock.ts';
import { ConfigError } from '../../framework/core/errors.ts';
import { ContractResolver, searchTextOf, selectContract } from '../../framework/adapters/projectx/contracts.ts';
import { parseContract } from '../../framework/adapters/projectx/parse.ts';
import type { VenueContract } from '../../framework/adapters/projectx/venue-types.ts';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../framework/adapters/projectx/fixtures/contract-search.json'), 'utf8'));
const docsNq: VenueContract[] = fixture.contracts.map(parseContract);
const c = (id: string, name: string, active = true, tickSize = 0.25, tickValue = 12.5): VenueContract => parseContract({ id, name, description: name, tickSize, tickValue, activeContract: active });

function stub(byText: Record<string, { live?: VenueContract[]; sim?: VenueContract[] }>) {
  const calls: string[] = [];
  return {
    calls,
    client: {
      async searchContracts(text: string, live: boolean) {
        calls.push(`${text}:${live}`);
        const e = byText[text];
        return (live ? e?.live : e?.sim) ?? [];
      },
      async contractById(id: string) {
        calls.push(`id:${id}`);
        return id === 'CON.F.US.MNQ.Z25' ? c(id, 'MNQZ25', true, 0.25, 0.5) : undefined;
      },
    },
  };
}

test('search text uses the gateway root', () => {
  assert.is(searchTextOf('ES'), 'EP');
  assert.is(searchTextOf('nq'), 'ENQ');
  assert.is(searchTextOf('MNQ'), 'MNQ');
  assert.is(searchTextOf('ESZ25'), 'EP');
});

test('docs NQ example: the ENQ root wins over NQG/NQM text matches', () => {
  assert.is(selectContract('NQ', 'ENQ', docsNq)!.contractId, 'CON.F.US.ENQ.H25');
  assert.is(selectContract('MNQ', 'MNQ', docsNq)!.contractId, 'CON.F.US.MNQ.H25');
  assert.is(selectContract('MNQH25', 'MNQH25', docsNq)!.name, 'MNQH25');
  assert.is(selectContract('RTY', 'RTY', docsNq), undefined);
});

test('root grouping prefers the active contract, then name order', () => {
  const list = [c('CON.F.US.EP.Z25', 'EPZ25', false), c('CON.F.US.EP.H26', 'EPH26'), c('CON.F.US.EP.M26', 'EPM26')];
  assert.is(selectContract('ES', 'EP', list)!.name, 'EPH26');
});

test('resolver: ES -> EP contract as an ES instrument with venue ticks', async () => {
  const s = stub({ EP: { sim: [c('CON.F.US.EP.H25', 'EPH25')] } });
  const r = new ContractResolver(s.client, { clock: new BacktestClock(0) });
  const { contract, instrument } = await r.resolve('ES');
  assert.is(contract.contractId, 'CON.F.US.EP.H25');
  assert.is(instrument.symbol, 'ES');
  assert.is(instrument.tickValue, 12.5);
  assert.is(instrument.gatewayRoot, 'EP');
  assert.equal(s.calls, ['EP:false']);
});

test('resolver: live:true finding nothing falls back to live:false', async () => {
  const s = stub({ MNQ: { sim: [c('CON.F.US.MNQ.Z25', 'MNQZ25', true, 0.25, 0.5)] } });
  const r = new ContractResolver(s.client, { live: true, clock: new BacktestClock(0) });
  assert.is((await r.resolve('MNQ')).contract.contractId, 'CON.F.US.MNQ.Z25');
  assert.equal(s.calls, ['MNQ:true', 'MNQ:false']);
});

test('resolver: cache is clock-driven with a TTL', async () => {
  const s = stub({ MNQ: { sim: [c('CON.F.US.MNQ.Z25', 'MNQZ25')] } });
  const clock = new BacktestClock(0);
  const r = new ContractResolver(s.client, { clock, ttlMs: 1000 });
  await r.resolve('MNQ');
  clock.advance(999);
  await r.resolve('mnq');
  assert.is(s.calls.length, 1);
  clock.advance(1000);
  await r.resolve('MNQ');
  assert.is(s.calls.length, 2);
});

test('resolver: contract ids go to searchById; unknown symbols are a ConfigError', async () => {
  const s = stub({});
  const r = new ContractResolver(s.client, { clock: new BacktestClock(0) });
  assert.is((await r.resolve('CON.F.US.MNQ.Z25')).instrument.symbol, 'MNQ');
  try {
    await r.resolve('ZZZ');
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof ConfigError);
  }
});

test.run();
