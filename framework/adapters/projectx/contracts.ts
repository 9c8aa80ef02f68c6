/**
 * Symbol -> active ProjectX contract (projectx-api.md §8). `MNQ` searches `MNQ`, `ES` searches the
 * gateway root `EP`, `NQ` searches `ENQ`; an input starting with `CON.` is looked up by id.
 * Selection among search results:
 *  1. an exact (case-insensitive) match on the contract name (`MNQZ25` typed as such);
 *  2. else the results whose root (from the id `CON.F.US.<ROOT>.<M><YY>`, or the name) equals the
 *     searched root, active contracts first, then by name (the front month);
 *  3. else names whose root the search text starts with (the SDK's rule), same ordering.
 * Never "first result": `NQ` text also matches NQG / NQM energy contracts. When `live:true`
 * finds nothing, it retries with `live:false` (Practice accounts, SDK v4.1.2).
 * Results are cached per (symbol, live) for `ttlMs` of the injected clock.
 */
import { ConfigError } from '../../core/errors.ts';
import { LiveClock, type Clock } from '../../core/clock.ts';
import type { Instrument } from '../../model/instrument.ts';
import { gatewayRootOf, splitContractName } from './gateway-symbols.ts';
import { contractToInstrument } from './parse.ts';
import type { ProjectXRestClient } from './rest-client.ts';
import type { VenueContract } from './venue-types.ts';

export interface ResolvedContract {
  readonly contract: VenueContract;
  readonly instrument: Instrument;
}

export interface ContractResolverOptions {
  live?: boolean;
  clock?: Clock;
  /** Cache lifetime; default 1 h (active months roll rarely, but they do roll). */
  ttlMs?: number;
}

type Searcher = Pick<ProjectXRestClient, 'searchContracts' | 'contractById'>;

export class ContractResolver {
  private readonly cache = new Map<string, { atMs: number; value: ResolvedContract }>();
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly live: boolean;

  constructor(
    private readonly client: Searcher,
    opts: ContractResolverOptions = {},
  ) {
    this.clock = opts.clock ?? new LiveClock();
    this.ttlMs = opts.ttlMs ?? 3_600_000;
    this.live = opts.live ?? false;
  }

  /** The active contract and its Instrument; ConfigError when nothing matches. */
  async resolve(symbol: string): Promise<ResolvedContract> {
    const key = `${symbol.toUpperCase()}|${this.live}`;
    const hit = this.cache.get(key);
    const now = this.clock.nowMs();
    if (hit && now - hit.atMs < this.ttlMs) return hit.value;
    const contract = await this.find(symbol.trim());
    if (!contract) {
      throw new ConfigError(`no ProjectX contract for '${symbol}'`, {
        where: 'Contract/search',
        hint: 'use a root like MNQ, ES, NQ or a contract id like CON.F.US.MNQ.Z25',
      });
    }
    const value = { contract, instrument: contractToInstrument(contract) };
    this.cache.set(key, { atMs: now, value });
    return value;
  }

  /** Forget cached resolutions (e.g. after a roll). */
  clear(): void {
    this.cache.clear();
  }

  private async find(symbol: string): Promise<VenueContract | undefined> {
    if (symbol.toUpperCase().startsWith('CON.')) return this.client.contractById(symbol);
    const text = searchTextOf(symbol);
    let found = selectContract(symbol, text, await this.client.searchContracts(text, this.live));
    if (!found && this.live) found = selectContract(symbol, text, await this.client.searchContracts(text, false));
    return found;
  }
}

/** What to type into Contract/search: the gateway root for our symbols, the root of a full name. */
export function searchTextOf(symbol: string): string {
  const s = symbol.toUpperCase();
  const split = splitContractName(s);
  // 'ESZ25' -> 'EP'; but a plain root such as 'MNQ' does not split into a month.
  if (split && /^\d{1,2}$/.test(split.year) && s.length > split.root.length + 1 && gatewayRootOf(split.root) !== split.root) return gatewayRootOf(split.root);
  return gatewayRootOf(s);
}

/** Pick the contract for `symbol` among search results (rules in the file header). */
export function selectContract(symbol: string, searchText: string, contracts: readonly VenueContract[]): VenueContract | undefined {
  if (contracts.length === 0) return undefined;
  const want = symbol.toUpperCase();
  const exact = contracts.find((c) => c.name.toUpperCase() === want || c.name.toUpperCase() === searchText.toUpperCase());
  if (exact) return exact;
  const root = searchText.toUpperCase();
  const order = (a: VenueContract, b: VenueContract): number => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name);
  const sameRoot = contracts.filter((c) => c.root.toUpperCase() === root).sort(order);
  if (sameRoot.length > 0) return sameRoot[0];
  const prefix = contracts.filter((c) => {
    const r = splitContractName(c.name)?.root;
    return r !== undefined && root.startsWith(r.toUpperCase());
  });
  return prefix.sort(order)[0];
}
