import { setTimeout as sleep } from 'node:timers/promises';
import { MODULE_CONFIG_STREAM_PREFIX } from '@guildscope/contracts';
import { comparePositions, type EventStore, type LogPosition } from '../event-store/event-store.port.js';
import type { ConfigChangeSignal } from './config-change.signal.js';

/**
 * Watches the log for module-config events on behalf of every change feed of a process, so that N
 * connected bots cost one scan of what is appended, not N.
 *
 * Why: a feed finds the changes made by other processes by reading the log filtered on `module-config-`
 * after its cursor. A prefix filter cannot use an index of the log, so each read scans every event
 * appended since the previous one: with one feed per bot connection, the gateway scanned each bot event
 * once per connected bot. With the watch, one loop scans; a feed whose cursor is past the last
 * module-config event the watch saw moves its cursor to where the watch has scanned without reading.
 *
 * Only while at least one feed waits does the watch scan: at each in-process config change (`signal`)
 * and every `pollIntervalMs` (changes made by other processes).
 */
export class ModuleConfigWatch {
  private started = false;
  /** The log head when the watch started (null: the log was empty): it knows nothing about the events up to it. */
  private start: LogPosition | null = null;
  /** Every event at or before this position has been scanned. */
  private scannedTo: LogPosition | null = null;
  /** The last module-config event the scans found (null: none since `start`). */
  private lastChange: LogPosition | null = null;
  private readonly waiters = new Set<() => void>();
  private looping = false;

  constructor(
    private readonly eventStore: EventStore,
    private readonly options: { readonly signal?: ConfigChangeSignal; readonly pollIntervalMs?: number } = {},
  ) {}

  /**
   * Where a feed whose cursor is `cursor` may move without reading: the scanned position, when the watch
   * knows that no module-config event lies between them; undefined when the feed must read the log.
   */
  skipTo(cursor: LogPosition | undefined): LogPosition | undefined {
    if (cursor === undefined || !this.started || !this.scannedTo) return undefined;
    if (this.start && comparePositions(cursor, this.start) < 0) return undefined;
    if (this.lastChange && comparePositions(this.lastChange, cursor) > 0) return undefined;
    return comparePositions(this.scannedTo, cursor) > 0 ? this.scannedTo : cursor;
  }

  /**
   * Resolves after the next scan (or when `cancel` is called). The first call starts the watch at the
   * current head.
   */
  next(): { promise: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const waiter = (): void => {
      this.waiters.delete(waiter);
      wake();
    };
    this.waiters.add(waiter);
    if (!this.looping) void this.loop();
    return { promise, cancel: waiter };
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      // The woken feeds wait again at once (or stop): after each pause, scan for whoever waits.
      while (this.waiters.size > 0) {
        try {
          await this.scan();
        } catch {
          // The store is unreachable: start again later; meanwhile the feeds read (and report) it themselves.
          this.started = false;
        }
        for (const waiter of [...this.waiters]) waiter();
        const interval = this.options.pollIntervalMs ?? 100;
        await (this.options.signal?.wait(interval) ?? sleep(interval));
      }
    } finally {
      this.looping = false;
    }
  }

  /** Reads the module-config events appended since the last scan and moves `scannedTo` to the head. */
  private async scan(): Promise<void> {
    const head = await this.eventStore.headPosition();
    if (!this.started) {
      // Starting: everything up to the head is the feeds' business (they read it themselves).
      this.started = true;
      this.start = head;
      this.scannedTo = head;
      this.lastChange = null;
      return;
    }
    for await (const recorded of this.eventStore.readAll({
      ...(this.scannedTo ? { after: this.scannedTo } : {}),
      filter: { streamPrefixes: [MODULE_CONFIG_STREAM_PREFIX] },
    })) {
      if (!this.lastChange || comparePositions(recorded.position, this.lastChange) > 0)
        this.lastChange = recorded.position;
    }
    if (head && (!this.scannedTo || comparePositions(head, this.scannedTo) > 0)) this.scannedTo = head;
  }
}
