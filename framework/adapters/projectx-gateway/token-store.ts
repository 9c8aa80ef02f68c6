import { randomBytes } from 'node:crypto';

const TOKEN_LIFETIME_MS = 24 * 3_600_000;

/**
 * Session tokens: opaque random strings (not JWTs; clients must not parse them), valid 24 h by the
 * injectable clock (shared doc §2.3). Tokens never leave this map except in the login/validate
 * response body.
 */
export class TokenStore {
  private readonly tokens = new Map<string, { userName: string; expiresMs: number }>();

  constructor(private readonly nowMs: () => number) {}

  issue(userName: string): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { userName, expiresMs: this.nowMs() + TOKEN_LIFETIME_MS });
    return token;
  }

  /** The user of a valid token, else undefined (unknown, revoked or expired). */
  userOf(token: string | undefined): string | undefined {
    if (token === undefined || token === '') return undefined;
    const t = this.tokens.get(token);
    if (t === undefined) return undefined;
    if (this.nowMs() >= t.expiresMs) {
      this.tokens.delete(token);
      return undefined;
    }
    return t.userName;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  /** Every token issued so far becomes invalid (fault switch). */
  expireAll(): void {
    this.tokens.clear();
  }
}
