/**
 * In-process fan-out of one kind of live item, keyed by guild. Each subscriber gets its own bounded
 * queue as an async iterator (what graphql-js `subscribe` consumes); `return()` (client unsubscribed or
 * disconnected) removes it at once. A subscriber too slow to drain `maxQueue` items loses the oldest
 * ones rather than growing memory without bound.
 */
export class GuildTopic<T> {
  private readonly subscribers = new Map<string, Set<Subscriber<T>>>();
  private readonly subscribeWaiters = new Map<string, (() => void)[]>();

  constructor(
    readonly name: string,
    private readonly maxQueue = 1000,
    private readonly onDeliver?: (count: number) => void,
    /** Called when a guild's last subscriber leaves (per-guild state can be dropped). */
    private readonly onGuildEmpty?: (guildId: string) => void,
  ) {}

  /** Number of live subscribers (all guilds). */
  get size(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  /** Guilds with at least one subscriber. */
  guildIds(): string[] {
    return [...this.subscribers.keys()];
  }

  hasSubscribers(guildId: string): boolean {
    return (this.subscribers.get(guildId)?.size ?? 0) > 0;
  }

  publish(guildId: string, item: T): void {
    const set = this.subscribers.get(guildId);
    if (!set) return;
    for (const sub of set) sub.push(item);
    this.onDeliver?.(set.size);
  }

  subscribe(guildId: string, accept: (item: T) => boolean = () => true): AsyncIterableIterator<T> {
    let set = this.subscribers.get(guildId);
    if (!set) {
      set = new Set();
      this.subscribers.set(guildId, set);
    }
    const sub = new Subscriber<T>(accept, this.maxQueue, () => {
      set.delete(sub);
      if (set.size === 0 && this.subscribers.get(guildId) === set) {
        this.subscribers.delete(guildId);
        this.onGuildEmpty?.(guildId);
      }
    });
    set.add(sub);
    const waiters = this.subscribeWaiters.get(guildId);
    if (waiters) {
      this.subscribeWaiters.delete(guildId);
      for (const w of waiters) w();
    }
    return sub;
  }

  /** Resolves once the guild has at least one subscriber (tests and benchmarks await it instead of sleeping). */
  whenSubscribed(guildId: string): Promise<void> {
    if (this.hasSubscribers(guildId)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.subscribeWaiters.get(guildId) ?? [];
      list.push(resolve);
      this.subscribeWaiters.set(guildId, list);
    });
  }

  /** Ends every subscription (server shutdown). */
  closeAll(): void {
    for (const set of [...this.subscribers.values()]) for (const sub of [...set]) void sub.return();
  }
}

class Subscriber<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | null = null;
  private done = false;

  constructor(
    private readonly accept: (item: T) => boolean,
    private readonly maxQueue: number,
    private readonly detach: () => void,
  ) {}

  push(item: T): void {
    if (this.done || !this.accept(item)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (this.queue.length >= this.maxQueue) this.queue.shift();
    this.queue.push(item);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.queue.length = 0;
      this.detach();
      if (this.waiting) {
        this.waiting({ value: undefined, done: true });
        this.waiting = null;
      }
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
