/**
 * Fault switches tests flip at run time. Endpoint names are like `Order/place` (case-insensitive,
 * with or without the `/api/` prefix) or '*' for any REST call.
 */
export interface InjectedFailure {
  status: 429 | 500;
  retryAfterSeconds: number;
}

export class GatewayFaults {
  /** Added latency per REST call, ms. */
  delayMs = 0;
  private failures: Array<{ endpoint: string; status: 429 | 500; remaining: number; retryAfterSeconds: number }> = [];

  constructor(
    private readonly hooks: {
      dropConnections(): void;
      expireTokens(): void;
      pauseMarket(): void;
      resumeMarket(): void;
      setRejectOrders(v: boolean | string): void;
      getRejectOrders(): boolean | string;
    },
  ) {}

  /** Close every hub socket abruptly (clients see a dropped connection and reconnect). */
  dropConnections(): void {
    this.hooks.dropConnections();
  }

  /** All current tokens become invalid: REST gives 401, hub upgrades are refused. */
  expireTokens(): void {
    this.hooks.expireTokens();
  }

  pauseMarket(): void {
    this.hooks.pauseMarket();
  }

  resumeMarket(): void {
    this.hooks.resumeMarket();
  }

  /** true: every placed order is rejected; a string: rejected with that reason. */
  get rejectOrders(): boolean | string {
    return this.hooks.getRejectOrders();
  }
  set rejectOrders(v: boolean | string) {
    this.hooks.setRejectOrders(v);
  }

  /** The next `count` calls to `endpoint` fail with `status` (429 carries Retry-After). */
  failNext(endpoint: string, status: 429 | 500, count = 1, retryAfterSeconds = 1): void {
    this.failures.push({ endpoint: normalizeEndpoint(endpoint), status, remaining: count, retryAfterSeconds });
  }

  /** Consumes one injected failure for this endpoint, if any. */
  take(endpoint: string): InjectedFailure | undefined {
    const name = normalizeEndpoint(endpoint);
    const f = this.failures.find((x) => x.remaining > 0 && (x.endpoint === '*' || x.endpoint === name));
    if (f === undefined) return undefined;
    f.remaining -= 1;
    this.failures = this.failures.filter((x) => x.remaining > 0);
    return { status: f.status, retryAfterSeconds: f.retryAfterSeconds };
  }
}

export function normalizeEndpoint(e: string): string {
  return e.trim().replace(/^\/+/, '').replace(/^api\//i, '').toLowerCase();
}
