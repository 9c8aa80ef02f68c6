/**
 * A tiny scriptable HTTP server on 127.0.0.1:<ephemeral> for REST client tests. Each route handler
 * gets the parsed JSON body and headers and returns {status, body, headers}, or 'hang' to never
 * answer (timeout tests). Every request is recorded.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}
export type Handler = (body: any, headers: IncomingHttpHeaders) => FakeReply | 'hang'; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Recorded {
  path: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  auth: string | undefined;
}

export interface FakeServer {
  url: string;
  routes: Map<string, Handler>;
  requests: Recorded[];
  count(path: string): number;
  close(): Promise<void>;
}

export async function startFakeServer(routes: Record<string, Handler> = {}): Promise<FakeServer> {
  const map = new Map(Object.entries(routes));
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      let body: unknown = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      requests.push({ path, body, auth: req.headers.authorization });
      const h = map.get(path);
      if (!h) {
        res.writeHead(404).end('no route');
        return;
      }
      const reply = h(body, req.headers);
      if (reply === 'hang') return;
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...(reply.headers ?? {}) }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    routes: map,
    requests,
    count: (p) => requests.filter((r) => r.path === p).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ok = (extra: Record<string, unknown> = {}): FakeReply => ({ body: { success: true, errorCode: 0, errorMessage: null, ...extra } });
