/**
 * Secret hygiene for anything printed or written (DESIGN.md §8): API keys and tokens never appear in
 * logs, errors, results or reports. `redact` masks the given secrets verbatim plus anything that looks
 * like a token: JWTs, `access_token=` query values, `Bearer` credentials, `"apiKey"`/`"token"` JSON fields.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '***'],
  [/(access_token=)[^&\s"']+/gi, '$1***'],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1***'],
  [/("(?:apiKey|api_key|token|newToken|password)"\s*:\s*")[^"]*(")/gi, '$1***$2'],
  [/\b((?:PROJECTX_API_KEY|PROJECT_X_API_KEY)\s*=\s*)\S+/g, '$1***'],
];

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) if (s !== undefined && s.length >= 4) out = out.split(s).join('***');
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}

/** A redactor bound to the secrets of one configuration. */
export function redactorFor(secrets: readonly (string | undefined)[]): (text: string) => string {
  return (text) => redact(text, secrets);
}
