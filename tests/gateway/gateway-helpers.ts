import type { RunningGateway } from '../../framework/adapters/projectx-gateway/gateway-server.ts';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** POST /api/<endpoint> with an optional bearer token; parses JSON when there is a body. */
export async function post(gw: RunningGateway, endpoint: string, body: unknown, token?: string): Promise<Reply> {
  const res = await fetch(`${gw.url}/api/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export async function login(gw: RunningGateway): Promise<string> {
  const r = await post(gw, 'Auth/loginKey', { userName: 'demo', apiKey: 'demo-key' });
  if (!r.body?.success) throw new Error('demo login failed');
  return r.body.token as string;
}

export function mnq(gw: RunningGateway): string {
  return gw.config.markets.find((m) => m.symbol === 'MNQ')!.contractId;
}

/** Poll until `fn` returns a value that is not undefined (behaviour, not timing: the deadline is generous). */
export async function waitFor<T>(fn: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
