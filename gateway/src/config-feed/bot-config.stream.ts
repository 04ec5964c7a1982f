import {
  type ModuleConfigsSnapshot,
  moduleAckSchema,
  type ServerToClientEvents,
} from '@guildscope/contracts';
import {
  comparePositions,
  formatPosition,
  GetModuleConfigs,
  type LogPosition,
  type ModuleConfigFeed,
  parsePosition,
  type WriteSide,
} from '@guildscope/write-side';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../http/gateway.metrics.js';

type ConfigEvent = 'module:config-snapshot' | 'module:change';

/** What the stream needs from the socket (a Socket.IO server socket fits). */
export interface ConfigStreamSocket {
  emit<E extends ConfigEvent>(event: E, ...payload: Parameters<ServerToClientEvents[E]>): unknown;
  readonly connected: boolean;
  disconnect?(close?: boolean): unknown;
}

/**
 * Streams module configuration to one bot connection: a `module:config-snapshot` of its guilds (unless
 * it resumes from `configPosition`), then every change of its guilds as `module:change`, history first
 * (what happened while it was offline), then live. At most `maxUnacked` changes are in flight: beyond
 * that the stream waits for `module:ack`, so a slow or stuck bot does not pile up messages.
 */
export class BotConfigStream {
  private feed: ModuleConfigFeed | undefined;
  private stopped = false;
  /** Positions sent and not yet acked, oldest first. */
  private readonly unacked: LogPosition[] = [];
  private lastAcked: LogPosition | undefined;
  private windowWaiter: (() => void) | undefined;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      writeSide: WriteSide;
      socket: ConfigStreamSocket;
      /** The connection's guilds; may grow (guilds:add), read at every change. */
      guildIds: Set<string>;
      logger: Logger;
      metrics: GatewayMetrics;
      maxUnacked: number;
    },
  ) {}

  /** Starts streaming; with `resumeAfter` (the bot's last acked position) no snapshot is sent. */
  start(resumeAfter: LogPosition | undefined): void {
    this.done = this.run(resumeAfter).catch((err: unknown) => {
      if (this.stopped) return;
      this.deps.logger.error({ err }, 'config stream failed; disconnecting the bot so that it resumes');
      this.deps.socket.disconnect?.(true);
    });
  }

  /** The bot applied every change up to `position`. Returns an error message when the ack is not valid. */
  ack(payload: unknown): string | undefined {
    const parsed = moduleAckSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return issue?.code === 'invalid_format'
        ? `module:ack: ${issue.message}`
        : 'module:ack expects { position: "<position from module:change>" }';
    }
    const position = parsePosition(parsed.data.position);
    if (!this.lastAcked || comparePositions(position, this.lastAcked) > 0) this.lastAcked = position;
    while (this.unacked.length > 0 && comparePositions(this.unacked[0] as LogPosition, position) <= 0)
      this.unacked.shift();
    if (this.unacked.length < this.deps.maxUnacked) this.openWindow();
    return undefined;
  }

  /** Last position the bot acked on this connection (for logs). */
  get acked(): string | undefined {
    return this.lastAcked === undefined ? undefined : formatPosition(this.lastAcked);
  }

  /** Snapshot of guilds added to a running connection (`guilds:add`); their changes follow on the feed. */
  async addGuilds(guildIds: readonly string[]): Promise<ModuleConfigsSnapshot> {
    // Add first, then read: a change the feed skipped before the add is at or before the snapshot's head.
    for (const id of guildIds) this.deps.guildIds.add(id);
    return this.deps.writeSide.queryBus.execute(new GetModuleConfigs(guildIds));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.feed?.stop();
    this.openWindow();
    await this.done;
  }

  private async run(resumeAfter: LogPosition | undefined): Promise<void> {
    const { writeSide, socket, guildIds, logger, metrics } = this.deps;
    let after = resumeAfter;
    if (after) {
      const head = await writeSide.eventStore.headPosition();
      if (!head || comparePositions(after, head) > 0) {
        // The bot knows a position this store never reached (store replaced or restored from backup):
        // its config may be wrong, so give it a fresh snapshot instead of waiting for that position.
        logger.warn(
          { configPosition: formatPosition(after), head: head ? formatPosition(head) : null },
          'configPosition is ahead of the log; sending a snapshot',
        );
        after = undefined;
      }
    }
    if (!after) {
      const snapshot = await writeSide.queryBus.execute(new GetModuleConfigs([...guildIds]));
      if (this.stopped) return;
      socket.emit('module:config-snapshot', snapshot);
      after = snapshot.position === null ? undefined : parsePosition(snapshot.position);
      logger.debug({ position: snapshot.position, guilds: snapshot.guilds.length }, 'config snapshot sent');
    }
    this.feed = writeSide.configChanges({ after, guildIds });
    if (this.stopped) this.feed.stop();
    for await (const { change, logPosition } of this.feed) {
      while (this.unacked.length >= this.deps.maxUnacked && !this.stopped) {
        await new Promise<void>((resolve) => {
          this.windowWaiter = resolve;
        });
      }
      if (this.stopped || !socket.connected) break;
      this.unacked.push(logPosition);
      socket.emit('module:change', change);
      metrics.configChangesSent.inc();
    }
  }

  private openWindow(): void {
    const waiter = this.windowWaiter;
    this.windowWaiter = undefined;
    waiter?.();
  }
}
