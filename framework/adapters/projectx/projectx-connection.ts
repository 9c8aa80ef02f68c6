import type { Clock } from '../../core/clock.ts';
import type { ConnectionConfig } from '../../config/connection-config.ts';
import type { MarketRecorder } from '../../feed/recording.ts';
import { ContractResolver } from './contracts.ts';
import { MarketHubClient } from './market-hub.ts';
import { ProjectXBroker, pickAccount } from './projectx-broker.ts';
import { ProjectXFeed } from './projectx-feed.ts';
import type { BackoffOptions } from './reconnect-policy.ts';
import { ProjectXRestClient, type RestClientOptions } from './rest-client.ts';
import { UserHubClient } from './user-hub.ts';
import type { VenueAccount } from './venue-types.ts';
import type { Instrument } from '../../model/instrument.ts';

export interface ProjectXConnectOptions {
  readonly clock: Clock;
  readonly log?: (line: string) => void;
  readonly reconnect?: BackoffOptions;
  /** Market hub stale watchdog (ms, 0 = off). Default 30 000. */
  readonly staleAfterMs?: number;
  /** Client-side REST limits (default the venue's: 200 / 60 s general). Benchmarks against the local gateway raise them. */
  readonly rateLimits?: RestClientOptions['rateLimits'];
}

/**
 * The ProjectX parts a paper or live preset plugs together: one logged-in REST client, the contracts of
 * the symbols (resolved once), and factories for the feed and the broker. Secrets stay inside the
 * REST client (tokens are fetched by the hubs through it, never logged).
 */
export class ProjectXConnection {
  readonly rest: ProjectXRestClient;
  readonly contracts: readonly { readonly contractId: string; readonly instrument: Instrument }[];
  private readonly cfg: ConnectionConfig;
  private readonly opts: ProjectXConnectOptions;

  private constructor(cfg: ConnectionConfig, rest: ProjectXRestClient, contracts: ProjectXConnection['contracts'], opts: ProjectXConnectOptions) {
    this.cfg = cfg;
    this.rest = rest;
    this.contracts = contracts;
    this.opts = opts;
  }

  /** Log in and resolve every symbol to its active contract (ConfigError when one has none). */
  static async open(cfg: ConnectionConfig, symbols: readonly string[], opts: ProjectXConnectOptions): Promise<ProjectXConnection> {
    const rest = new ProjectXRestClient({ baseUrl: cfg.apiUrl, userName: cfg.userName, apiKey: cfg.apiKey, clock: opts.clock, log: opts.log, rateLimits: opts.rateLimits });
    await rest.login();
    const resolver = new ContractResolver(rest, { clock: opts.clock });
    const contracts: { contractId: string; instrument: Instrument }[] = [];
    for (const s of symbols) {
      const r = await resolver.resolve(s);
      contracts.push({ contractId: r.contract.contractId, instrument: r.instrument });
    }
    return new ProjectXConnection(cfg, rest, contracts, opts);
  }

  /** The account to trade: by name or id, else the first active one that can trade. */
  async account(wanted: string | undefined): Promise<VenueAccount> {
    return pickAccount(await this.rest.searchAccounts(true), wanted ?? this.cfg.account);
  }

  feed(o: { baseTimeframe: string; recorder?: MarketRecorder; timerGraceMs?: number; firstEventWaitMs?: number }): ProjectXFeed {
    const symbolOf = new Map(this.contracts.map((c) => [c.contractId, c.instrument.symbol] as const));
    const hub = new MarketHubClient({
      url: this.cfg.marketHubUrl,
      accessToken: () => this.rest.token(),
      clock: this.opts.clock,
      reconnect: this.opts.reconnect,
      log: this.opts.log,
      symbolOf,
      staleAfterMs: this.opts.staleAfterMs,
    });
    return new ProjectXFeed({
      hub,
      history: this.rest,
      contracts: this.contracts,
      baseTimeframe: o.baseTimeframe,
      clock: this.opts.clock,
      recorder: o.recorder,
      timerGraceMs: o.timerGraceMs,
      firstEventWaitMs: o.firstEventWaitMs,
      log: this.opts.log,
    });
  }

  broker(accountId: number): ProjectXBroker {
    const userHub = new UserHubClient({ url: this.cfg.userHubUrl, accessToken: () => this.rest.token(), clock: this.opts.clock, reconnect: this.opts.reconnect, log: this.opts.log });
    return new ProjectXBroker({ rest: this.rest, userHub, accountId, contracts: this.contracts, clock: this.opts.clock, log: this.opts.log });
  }
}
