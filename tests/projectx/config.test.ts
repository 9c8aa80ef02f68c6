import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../framework/core/errors.ts';
import { describeConnection, loadConnectionConfig, LOCAL_GATEWAY_URL } from '../../framework/config/connection-config.ts';
import { parseEnvFile } from '../../framework/config/env-file.ts';
import { redact } from '../../framework/config/redact.ts';

const dir = mkdtempSync(join(tmpdir(), 'pxt-config-'));
const NOFILE = join(dir, 'missing.env');

test('env file: quotes, comments, export, escapes', () => {
  const env = parseEnvFile(['# comment', '', 'A=1', 'export B = two words ', 'C="x # not a comment"', "D='single \\n raw'", 'E="line\\nbreak"', 'F=val # trailing', 'G='].join('\n'));
  assert.equal(env, { A: '1', B: 'two words', C: 'x # not a comment', D: 'single \\n raw', E: 'line\nbreak', F: 'val', G: '' });
  try {
    parseEnvFile('A=1\nnot a line', 'x.env');
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.is((e as ConfigError).where, 'x.env:2');
  }
});

test('defaults: local gateway with demo credentials', () => {
  const c = loadConnectionConfig({ env: {}, envFile: NOFILE });
  assert.is(c.apiUrl, LOCAL_GATEWAY_URL);
  assert.is(c.marketHubUrl, 'http://127.0.0.1:8787/hubs/market');
  assert.is(c.userHubUrl, 'http://127.0.0.1:8787/hubs/user');
  assert.is(c.userName, 'demo');
  assert.is(c.apiKey, 'demo-key');
  assert.ok(c.local);
});

test('precedence: flags > config file > .env > environment', () => {
  const envFile = join(dir, '.env');
  writeFileSync(envFile, 'PROJECTX_USERNAME=from-dotenv\nPROJECTX_API_KEY=dotenv-key\nPROJECTX_ACCOUNT=dotenv-acct\n');
  const cfgFile = join(dir, 'cfg.json');
  writeFileSync(cfgFile, JSON.stringify({ projectx: { apiUrl: 'https://api.topstepx.com', account: 'file-acct' } }));
  const env = { PROJECTX_API_URL: 'https://api.example.com', PROJECTX_USERNAME: 'from-env', PROJECTX_API_KEY: 'env-key', PROJECTX_USER_HUB_URL: 'https://hub.example.com/hubs/user' };
  const c = loadConnectionConfig({ env, envFile, configFile: cfgFile, flags: { account: 'flag-acct' } });
  assert.is(c.apiUrl, 'https://api.topstepx.com');
  assert.is(c.marketHubUrl, 'https://rtc.topstepx.com/hubs/market');
  assert.is(c.userHubUrl, 'https://hub.example.com/hubs/user');
  assert.is(c.userName, 'from-dotenv');
  assert.is(c.apiKey, 'dotenv-key');
  assert.is(c.account, 'flag-acct');
  assert.not.ok(c.local);
  const onlyEnv = loadConnectionConfig({ env, envFile: NOFILE });
  assert.is(onlyEnv.apiUrl, 'https://api.example.com');
  assert.is(onlyEnv.apiKey, 'env-key');
});

test('a remote API without a key is a ConfigError naming the variable', () => {
  try {
    loadConnectionConfig({ env: { PROJECTX_API_URL: 'https://api.topstepx.com', PROJECTX_USERNAME: 'me' }, envFile: NOFILE });
    assert.unreachable();
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.ok((e as ConfigError).message.includes('PROJECTX_API_KEY'));
    assert.is((e as ConfigError).where, 'PROJECTX_API_KEY');
  }
});

test('a local gateway on another port still gets demo credentials and same-origin hubs', () => {
  const c = loadConnectionConfig({ env: {}, envFile: NOFILE, flags: { apiUrl: 'http://127.0.0.1:40123/' } });
  assert.is(c.marketHubUrl, 'http://127.0.0.1:40123/hubs/market');
  assert.is(c.apiKey, 'demo-key');
});

test('describeConnection never shows the key; redact masks keys and tokens', () => {
  const c = loadConnectionConfig({ env: { PROJECTX_API_URL: 'https://api.topstepx.com', PROJECTX_USERNAME: 'me', PROJECTX_API_KEY: 'sk-live-abcdef' }, envFile: NOFILE });
  const d = describeConnection(c);
  assert.not.ok(d.includes('sk-live-abcdef'));
  assert.ok(d.includes('https://api.topstepx.com') && d.includes('me'));
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJlX3g';
  const text = `key sk-live-abcdef url wss://h/hubs/market?access_token=abc.def&x=1 auth Bearer ${jwt} body {"token":"zzz"} raw ${jwt}`;
  const r = redact(text, [c.apiKey]);
  for (const s of ['sk-live-abcdef', 'abc.def', jwt, 'zzz']) assert.not.ok(r.includes(s), r);
  assert.ok(r.includes('x=1'));
});

test('cleanup', () => {
  rmSync(dir, { recursive: true, force: true });
});

test.run();
