/**
 * A small .env reader (no package): `KEY=VALUE` lines, `export KEY=VALUE`, `#` comments (whole line,
 * or after an unquoted value preceded by a space), single or double quotes (double quotes understand
 * \n, \t, \", \\), blank lines. Later keys win. Malformed lines are a ConfigError with file:line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/;

export function parseEnvFile(text: string, file = '.env'): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const m = LINE.exec(raw);
    if (!m) throw new ConfigError(`malformed line in env file (expected KEY=VALUE)`, { where: `${file}:${i + 1}`, hint: 'use KEY=VALUE, one per line' });
    out[m[1]] = parseValue(m[2], file, i + 1);
  }
  return out;
}

function parseValue(rest: string, file: string, line: number): string {
  const v = rest.trim();
  const q = v[0];
  if (q === '"' || q === "'") {
    let out = '';
    for (let i = 1; i < v.length; i++) {
      const ch = v[i];
      if (ch === q) return out;
      if (q === '"' && ch === '\\' && i + 1 < v.length) {
        const n = v[++i];
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      } else out += ch;
    }
    throw new ConfigError('unterminated quoted value in env file', { where: `${file}:${line}`, hint: `close the ${q} quote` });
  }
  const hash = v.search(/\s#/);
  return (hash >= 0 ? v.slice(0, hash) : v).trim();
}

/** Read and parse an env file; `{}` when it does not exist. */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseEnvFile(readFileSync(path, 'utf8'), path);
}
