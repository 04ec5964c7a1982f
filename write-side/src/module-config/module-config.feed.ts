import {
  MODULE_CONFIG_STREAM_PREFIX,
  type ModuleChangeMessage,
  type ModuleConfigEvent,
} from '@guildscope/contracts';
import {
  comparePositions,
  type EventStore,
  formatPosition,
  type LogPosition,
  type RecordedEvent,
} from '../event-store/event-store.port.js';
import type { ModuleConfigWatch } from './module-config.watch.js';

/** One change of the feed: the seed's `ModuleChangeEvent` (with `position`) and where it is in the log. */
export interface ModuleConfigChange {
  /** The `module:change` message, `position` included. */
  readonly change: ModuleChangeMessage;
  readonly logPosition: LogPosition;
  /** Version of the guild's config aggregate after this change. */
  readonly version: number;
}

export interface ModuleConfigFeedOptions {
  /** Exclusive: deliver changes strictly after this position (a snapshot's or a bot's last ack). Default: from the start. */
  readonly after?: LogPosition;
  /** Only changes of these guilds (read at every change, so a mutable Set may grow). Default: every guild. */
  readonly guildIds?: { has(guildId: string): boolean };
  /**
   * The process's shared watch of the log (see ModuleConfigWatch): the feed waits for its scans (woken at
   * once by in-process changes, else every poll) and, once caught up, reads the log only when the watch
   * has seen a module-config event after its cursor.
   */
  readonly watch: ModuleConfigWatch;
  /** Events read per query. Default 500. */
  readonly pageSize?: number;
}

/**
 * A catch-up feed of module-config changes from a global position: history first, then live, in log
 * order, never skipping or repeating. Iterate with `for await`; `stop()` ends the loop.
 *
 * It reads the log filtered on `module-config-` with its own cursor, and after a read that found nothing
 * more it moves the cursor to the log head read before that query. Once caught up it reads only when the
 * shared watch has seen a module-config event past its cursor, and otherwise moves its cursor to where the
 * watch has scanned: N feeds cost one scan of what is appended, however many bot events separate two
 * config changes.
 */
export class ModuleConfigFeed implements AsyncIterable<ModuleConfigChange> {
  private stopped = false;
  private cancelWait: (() => void) | undefined;
  private iterating = false;

  constructor(
    private readonly eventStore: EventStore,
    private readonly options: ModuleConfigFeedOptions,
  ) {}

  stop(): void {
    this.stopped = true;
    this.cancelWait?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ModuleConfigChange> {
    if (this.iterating) throw new Error('A module-config feed can be iterated only once');
    this.iterating = true;
    const pageSize = this.options.pageSize ?? 500;
    const guilds = this.options.guildIds;
    const watch = this.options.watch;
    let cursor = this.options.after;
    while (!this.stopped) {
      const skip = watch.skipTo(cursor);
      if (skip) {
        // Nothing for us between the cursor and where the watch has scanned: wait for its next scan.
        cursor = skip;
        const next = watch.next();
        this.cancelWait = next.cancel;
        if (this.stopped) next.cancel();
        await next.promise;
        this.cancelWait = undefined;
        continue;
      }
      const head = await this.eventStore.headPosition();
      let read = 0;
      for await (const recorded of this.eventStore.readAll({
        after: cursor,
        filter: { streamPrefixes: [MODULE_CONFIG_STREAM_PREFIX] },
        maxCount: pageSize,
      })) {
        read++;
        cursor = recorded.position;
        const change = toModuleConfigChange(recorded);
        if (!guilds || guilds.has(change.change.guildId)) yield change;
        if (this.stopped) return;
      }
      if (read === pageSize) continue;
      if (head && (!cursor || comparePositions(head, cursor) > 0)) cursor = head;
      const wait = watch.next();
      this.cancelWait = wait.cancel;
      if (this.stopped) wait.cancel();
      await wait.promise;
      this.cancelWait = undefined;
    }
  }
}

/** Maps a stored module-config event to the `module:change` message the bots receive. */
export function toModuleConfigChange(recorded: RecordedEvent): ModuleConfigChange {
  const event = { type: recorded.type, data: recorded.data } as ModuleConfigEvent;
  const position = formatPosition(recorded.position);
  const base = {
    guildId: event.data.guildId,
    moduleId: event.data.moduleId,
    timestamp: Date.parse(event.data.at),
    position,
  };
  let change: ModuleChangeMessage;
  switch (event.type) {
    case 'ModuleEnabled':
      change = { ...base, action: 'enabled', config: event.data.config } as typeof change;
      break;
    case 'ModuleConfigUpdated':
      change = { ...base, action: 'config_updated', config: event.data.config } as typeof change;
      break;
    case 'ModuleDisabled':
      change = { ...base, action: 'disabled' } as typeof change;
      break;
    case 'ModuleReset':
      change = { ...base, action: 'reset' } as typeof change;
      break;
    default: {
      const unhandled: never = event;
      throw new TypeError(
        `Unknown event ${JSON.stringify((unhandled as { type: unknown }).type)} in ${recorded.streamId}`,
      );
    }
  }
  return { change, logPosition: recorded.position, version: recorded.revision + 1 };
}
