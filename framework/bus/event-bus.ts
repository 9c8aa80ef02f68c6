/**
 * A typed, synchronous event bus (DESIGN.md §2 bus/). Topics map to payload types; `publish` calls
 * handlers in priority order (higher first, then subscription order) on the caller's stack. A handler
 * that throws does not stop the others or the run: the error is reported to `onHandlerError`
 * (default: collected in `errors` and written to stderr once per topic).
 * Publishing to a topic with no handler costs one map lookup, so the hot path can publish freely;
 * a per-event publisher (a bar per instrument) takes a `channel` once and pays one length check.
 */
export type Handler<T> = (payload: T) => void;

interface Entry<T> {
  readonly handler: Handler<T>;
  readonly priority: number;
  readonly seq: number;
}

export interface HandlerError {
  readonly topic: string;
  readonly error: unknown;
}

/** One topic of a bus, bound once: publishing skips the topic lookup. */
export interface Channel<T> {
  publish(payload: T): void;
  readonly hasHandlers: boolean;
}

/**
 * A Channel as a class, not an object literal with a getter: every literal built with a getter got
 * its own hidden class, so `channel.publish(bar)` in the per-bar path was a generic property lookup
 * (an inline-cache miss, ~80 instructions a bar) instead of a direct, inlinable call.
 */
class TopicChannel<T> implements Channel<T> {
  constructor(
    private readonly list: readonly Entry<unknown>[],
    private readonly deliver: (payload: T) => void,
  ) {}

  publish(payload: T): void {
    if (this.list.length !== 0) this.deliver(payload);
  }

  get hasHandlers(): boolean {
    return this.list.length !== 0;
  }
}

export class EventBus<Topics extends { [K in keyof Topics]: unknown }> {
  private readonly handlers = new Map<keyof Topics, Entry<unknown>[]>();
  private seq = 0;
  readonly errors: HandlerError[] = [];
  private readonly reported = new Set<string>();
  onHandlerError: (e: HandlerError) => void = (e) => {
    if (this.errors.length < 1000) this.errors.push(e);
    if (!this.reported.has(e.topic)) {
      this.reported.add(e.topic);
      const msg = e.error instanceof Error ? e.error.message : String(e.error);
      process.stderr.write(`warning: ${this.name} handler for '${e.topic}' threw: ${msg} (isolated; the run goes on)\n`);
    }
  };

  constructor(readonly name = 'bus') {}

  /** Subscribe; returns the unsubscribe function. */
  on<K extends keyof Topics>(topic: K, handler: Handler<Topics[K]>, priority = 0): () => void {
    const list = this.listOf(topic);
    const entry: Entry<unknown> = { handler: handler as Handler<unknown>, priority, seq: this.seq++ };
    list.push(entry);
    list.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    return () => {
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
    };
  }

  hasHandlers<K extends keyof Topics>(topic: K): boolean {
    return (this.handlers.get(topic)?.length ?? 0) > 0;
  }

  /** A topic's publisher, bound once. Handlers added or removed later are seen (the list is shared). */
  channel<K extends keyof Topics>(topic: K): Channel<Topics[K]> {
    const list = this.listOf(topic);
    return new TopicChannel<Topics[K]>(list, (payload) => this.deliver(topic, list, payload));
  }

  publish<K extends keyof Topics>(topic: K, payload: Topics[K]): void {
    const list = this.handlers.get(topic);
    if (list === undefined || list.length === 0) return;
    this.deliver(topic, list, payload);
  }

  /** A topic's handler list: created once and only ever changed in place (channels hold it). */
  private listOf(topic: keyof Topics): Entry<unknown>[] {
    let list = this.handlers.get(topic);
    if (list === undefined) this.handlers.set(topic, (list = []));
    return list;
  }

  private deliver(topic: keyof Topics, list: readonly Entry<unknown>[], payload: unknown): void {
    for (let i = 0; i < list.length; i++) {
      try {
        list[i].handler(payload);
      } catch (error) {
        this.onHandlerError({ topic: String(topic), error });
      }
    }
  }

  /** Drop every handler. */
  clear(): void {
    for (const list of this.handlers.values()) list.length = 0;
  }
}
