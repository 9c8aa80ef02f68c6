import type { WebSocket } from 'ws';

/** SignalR record separator: every JSON message ends with 0x1E, several may share one frame. */
export const RS = '\x1e';
const PING_RECORD = `{"type":6}${RS}`;
/** Stop batching into one frame beyond this many chars; the rest goes in the next frame. */
const MAX_FRAME_CHARS = 256 * 1024;

/** A hub method failed in an expected way: the caller gets an error completion, the socket stays up. */
export class HubMethodError extends Error {}

export type HubMethod = (conn: HubConnection, args: unknown[]) => unknown;

/**
 * One client connection speaking the SignalR JSON hub protocol (version 1) over a WebSocket.
 * Outgoing records are appended to a pending string and written once per event-loop turn, so a burst
 * of events to a slow client becomes a few large frames instead of thousands of small ones.
 */
export class HubConnection {
  handshakeDone = false;
  private inbuf = '';
  private pending = '';
  private scheduled = false;
  private closed = false;
  /** Per-connection data the hub's methods keep (subscriptions). */
  readonly subscriptions = new Set<string>();

  constructor(
    readonly id: string,
    readonly userName: string,
    private readonly ws: WebSocket,
    private readonly hub: SignalRHub,
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Bytes queued in the socket plus chars still pending here: producers back off when this grows. */
  backlog(): number {
    return this.ws.bufferedAmount + this.pending.length;
  }

  /** Queue one record (JSON text without the separator). */
  send(record: string): void {
    if (this.closed) return;
    this.pending += record + RS;
    if (this.pending.length >= MAX_FRAME_CHARS) {
      this.flush();
      return;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushCb);
    }
  }

  sendRaw(text: string): void {
    if (!this.closed) this.ws.send(text);
  }

  private readonly flushCb = (): void => {
    this.scheduled = false;
    this.flush();
  };

  flush(): void {
    if (this.pending.length === 0 || this.closed) return;
    const text = this.pending;
    this.pending = '';
    this.ws.send(text);
  }

  onData(chunk: string): void {
    this.inbuf += chunk;
    let sep: number;
    while (!this.closed && (sep = this.inbuf.indexOf(RS)) >= 0) {
      const rec = this.inbuf.slice(0, sep);
      this.inbuf = this.inbuf.slice(sep + 1);
      this.hub.onRecord(this, rec);
    }
  }

  /** Graceful close: a Close record (type 7), then the socket. */
  close(error?: string): void {
    if (this.closed) return;
    this.flush();
    this.ws.send(`${JSON.stringify(error === undefined ? { type: 7 } : { type: 7, error, allowReconnect: true })}${RS}`);
    this.closed = true;
    this.ws.close(1000);
  }

  /** Abrupt drop, as a network failure would look to the client. */
  terminate(): void {
    this.closed = true;
    this.pending = '';
    this.ws.terminate();
  }

  markClosed(): void {
    this.closed = true;
  }
}

/**
 * The server side of one hub (/hubs/market or /hubs/user): handshake, record parsing, invocations with
 * and without invocationId, pings both ways (server pings every 15 s; client pings need no answer),
 * close. Methods are registered by name; an unknown method gives an error completion.
 */
export class SignalRHub {
  readonly connections = new Set<HubConnection>();
  private readonly methods = new Map<string, HubMethod>();
  private readonly subs = new Map<string, Set<HubConnection>>();
  private readonly pingTimer: NodeJS.Timeout;
  private nextId = 1;
  onDisconnect: (conn: HubConnection) => void = () => {};

  constructor(readonly name: string, pingIntervalMs = 15_000) {
    this.pingTimer = setInterval(() => {
      for (const c of this.connections) if (c.handshakeDone) c.sendRaw(PING_RECORD);
    }, pingIntervalMs);
    this.pingTimer.unref();
  }

  method(name: string, fn: HubMethod): this {
    this.methods.set(name.toLowerCase(), fn);
    return this;
  }

  accept(ws: WebSocket, userName: string): HubConnection {
    const conn = new HubConnection(`${this.name}-${this.nextId++}`, userName, ws, this);
    this.connections.add(conn);
    ws.on('message', (data, isBinary) => {
      conn.onData(isBinary || typeof data !== 'string' ? data.toString() : data);
    });
    const gone = (): void => {
      if (!this.connections.delete(conn)) return;
      conn.markClosed();
      for (const key of [...conn.subscriptions]) this.unsubscribe(conn, key);
      this.onDisconnect(conn);
    };
    ws.on('close', gone);
    ws.on('error', gone);
    return conn;
  }

  onRecord(conn: HubConnection, text: string): void {
    if (!conn.handshakeDone) {
      let req: { protocol?: unknown; version?: unknown };
      try {
        req = JSON.parse(text);
      } catch {
        conn.sendRaw(`{"error":"Invalid handshake"}${RS}`);
        conn.terminate();
        return;
      }
      if (req.protocol !== 'json') {
        conn.sendRaw(`${JSON.stringify({ error: `The protocol '${String(req.protocol)}' is not supported.` })}${RS}`);
        conn.terminate();
        return;
      }
      conn.handshakeDone = true;
      conn.sendRaw(`{}${RS}`);
      return;
    }
    let msg: { type?: number; invocationId?: string; target?: string; arguments?: unknown[] };
    try {
      msg = JSON.parse(text);
    } catch {
      conn.close('Invalid message');
      return;
    }
    switch (msg.type) {
      case 1:
        this.invoke(conn, msg.invocationId, msg.target ?? '', Array.isArray(msg.arguments) ? msg.arguments : []);
        return;
      case 4: // StreamInvocation: no streaming methods here.
        if (msg.invocationId !== undefined) this.complete(conn, msg.invocationId, undefined, 'Streaming is not supported.');
        return;
      case 6: // client ping: keep-alive only
        return;
      case 7:
        conn.terminate();
        return;
      default:
        return; // CancelInvocation, StreamItem, Ack/Sequence: ignored
    }
  }

  private invoke(conn: HubConnection, invocationId: string | undefined, target: string, args: unknown[]): void {
    const fn = this.methods.get(target.toLowerCase());
    if (fn === undefined) {
      if (invocationId !== undefined) this.complete(conn, invocationId, undefined, `Unknown hub method '${target}'`);
      return;
    }
    let result: unknown;
    try {
      result = fn(conn, args);
    } catch (e) {
      const message = e instanceof HubMethodError ? e.message : `An unexpected error occurred invoking '${target}' on the server.`;
      if (invocationId !== undefined) this.complete(conn, invocationId, undefined, message);
      return;
    }
    if (invocationId !== undefined) this.complete(conn, invocationId, result, undefined);
  }

  private complete(conn: HubConnection, invocationId: string, result: unknown, error: string | undefined): void {
    const msg: Record<string, unknown> = { type: 3, invocationId };
    if (error !== undefined) msg.error = error;
    else if (result !== undefined) msg.result = result;
    conn.send(JSON.stringify(msg));
  }

  subscribe(conn: HubConnection, key: string): void {
    conn.subscriptions.add(key);
    let set = this.subs.get(key);
    if (set === undefined) this.subs.set(key, (set = new Set()));
    set.add(conn);
  }

  unsubscribe(conn: HubConnection, key: string): void {
    conn.subscriptions.delete(key);
    const set = this.subs.get(key);
    if (set === undefined) return;
    set.delete(conn);
    if (set.size === 0) this.subs.delete(key);
  }

  subscribers(key: string): ReadonlySet<HubConnection> | undefined {
    return this.subs.get(key);
  }

  /** Send one record to each connection subscribed to `key`. */
  broadcast(key: string, record: string): void {
    const set = this.subs.get(key);
    if (set !== undefined) for (const c of set) c.send(record);
  }

  dropAll(): void {
    for (const c of [...this.connections]) c.terminate();
  }

  close(): void {
    clearInterval(this.pingTimer);
    for (const c of [...this.connections]) c.close();
  }
}
