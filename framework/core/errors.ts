/**
 * Typed errors. Expected outcomes (a risk denial, a broker rejection) are events, not these;
 * these are for bad input (ConfigError, DataError) and broken invariants.
 * Every error carries a stable `code` and, where it helps, `where` and `hint` so the CLI can print
 * `error: <what> (<where>) — <how to fix>`.
 */
export class FrameworkError extends Error {
  readonly code: string;
  readonly where: string | undefined;
  readonly hint: string | undefined;
  constructor(code: string, message: string, opts: { where?: string; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.where = opts.where;
    this.hint = opts.hint;
  }
}

/** Bad configuration, flags or params. CLI exit code 2. */
export class ConfigError extends FrameworkError {
  constructor(message: string, opts: { where?: string; hint?: string } = {}) {
    super('CONFIG', message, opts);
  }
}

/** Corrupt or unusable market data; names the file and line. CLI exit code 2. */
export class DataError extends FrameworkError {
  readonly file: string | undefined;
  readonly line: number | undefined;
  constructor(message: string, opts: { file?: string; line?: number; hint?: string } = {}) {
    const where = opts.file === undefined ? undefined : opts.line === undefined ? opts.file : `${opts.file}:${opts.line}`;
    super('DATA', message, { where, hint: opts.hint });
    this.file = opts.file;
    this.line = opts.line;
  }
}

/** A REST call that came back with an HTTP error or `success: false`. */
export class ApiError extends FrameworkError {
  readonly status: number;
  readonly errorCode: number | undefined;
  readonly errorName: string | undefined;
  readonly endpoint: string;
  constructor(message: string, opts: { endpoint: string; status: number; errorCode?: number; errorName?: string; hint?: string; retryAfterMs?: number }) {
    super('API', message, { where: opts.endpoint, hint: opts.hint });
    this.status = opts.status;
    this.errorCode = opts.errorCode;
    this.errorName = opts.errorName;
    this.endpoint = opts.endpoint;
    this.retryAfterMs = opts.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}

/** A network connection that failed or dropped. */
export class ConnectionError extends FrameworkError {
  constructor(message: string, opts: { where?: string; hint?: string; cause?: unknown } = {}) {
    super('CONNECTION', message, opts);
  }
}

/** Thrown only where a caller asked for a throwing API; normally a rejection is an event. */
export class OrderRejectedError extends FrameworkError {
  readonly reason: string;
  constructor(reason: string, opts: { where?: string } = {}) {
    super('ORDER_REJECTED', `order rejected: ${reason}`, opts);
    this.reason = reason;
  }
}

/** Thrown only where a caller asked for a throwing API; normally a denial is an event. */
export class RiskDeniedError extends FrameworkError {
  readonly rule: string;
  constructor(rule: string, message: string) {
    super('RISK_DENIED', message, { where: `risk rule ${rule}` });
    this.rule = rule;
  }
}

/** An order state transition the lifecycle does not allow: a bug, never an expected outcome. */
export class InvalidOrderTransitionError extends FrameworkError {
  constructor(orderId: string, from: string, to: string) {
    super('INVALID_ORDER_TRANSITION', `order ${orderId}: illegal transition ${from} -> ${to}`);
  }
}

/** A "can't happen" state inside the framework. */
export class InvariantError extends FrameworkError {
  constructor(message: string) {
    super('INVARIANT', message);
  }
}
