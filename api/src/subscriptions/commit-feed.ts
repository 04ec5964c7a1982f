import type { Logger } from 'pino';
import { type ModerationRow, moderationEntriesByIds } from '../moderation/moderation-log.query.js';
import type { ModuleConfigPort, ModuleConfigView } from '../modules/module-config.port.js';
import type { ReadDb } from '../read-db.js';
import type { ApiMetrics } from '../server/api-metrics.js';
import { GuildTopic } from './guild-topic.js';
import { type ActivityTickView, activityTicks, type MemberFlowView, memberFlowEvents } from './live.query.js';
import { type ReadModelChangeView, readModelChanges } from './read-model-change.js';

/** Channels the projection runner notifies after each commit (projections/src/runner/notifications.ts). */
export const liveChannels = {
  moderationAdded: 'moderation_entry_added',
  moderationUpdated: 'moderation_entry_updated',
  memberJoined: 'member_joined',
  memberLeft: 'member_left',
  activityTick: 'activity_tick',
  /** Once per committed batch of every projection: `{ projection, guildIds, lastPosition, events }`. */
  projectionCommit: 'guildscope_projection',
} as const;

/** Name of the projection that writes activity snapshots (projections/src/activity). */
const activityProjectionName = 'activity';

interface EntryNotice {
  guildId: string;
  entryId: string;
}
interface MemberNotice {
  guildId: string;
  userId: string;
  occurredAt: string;
  eventId: string;
}
interface TickNotice {
  guildId: string;
  periodStart?: string;
}
interface CommitNotice {
  projection?: unknown;
  guildIds?: unknown;
  lastPosition?: unknown;
}

/**
 * Turns projection commit notifications (ReadDb.listen: in-process on PGlite, LISTEN/NOTIFY on a server)
 * and the write side's module change feed into per-guild live topics. Nothing polls: a notification
 * arrives, the rows it names are read ONCE (only when someone subscribes to that guild) and pushed to
 * every subscriber. Notifications that arrive in the same tick are read in one query.
 */
export class CommitFeed {
  readonly moderation: GuildTopic<ModerationRow>;
  readonly moderationUpdates: GuildTopic<ModerationRow>;
  readonly memberFlow: GuildTopic<MemberFlowView>;
  readonly activity: GuildTopic<ActivityTickView>;
  readonly modules: GuildTopic<ModuleConfigView>;
  /** Every committed projection batch, per guild it touched (pages re-query what they show). */
  readonly readModels: GuildTopic<ReadModelChangeView>;
  private readonly unlisten: (() => Promise<void>)[] = [];
  private unsubscribeModules: (() => void) | null = null;
  private readonly pending = new Map<string, unknown[]>();
  /** Newest snapshot period delivered per guild, so each snapshot is pushed once. */
  private readonly lastTick = new Map<string, number>();
  private flushScheduled = false;

  constructor(
    private readonly db: ReadDb,
    private readonly logger: Logger,
    metrics?: ApiMetrics,
  ) {
    const count = (topic: string) => (n: number) => metrics?.deliveries.inc({ topic }, n);
    this.moderation = new GuildTopic('moderation', 1000, count('moderation'));
    this.moderationUpdates = new GuildTopic('moderationUpdates', 1000, count('moderationUpdates'));
    this.memberFlow = new GuildTopic('memberFlow', 1000, count('memberFlow'));
    this.activity = new GuildTopic('activity', 1000, count('activity'), (guildId) =>
      this.lastTick.delete(guildId),
    );
    this.modules = new GuildTopic('modules', 1000, count('modules'));
    this.readModels = new GuildTopic('readModels', 1000, count('readModels'));
  }

  async start(modules: ModuleConfigPort | null): Promise<void> {
    for (const channel of Object.values(liveChannels)) {
      this.unlisten.push(await this.db.listen(channel, (payload) => this.receive(channel, payload)));
    }
    if (modules) {
      this.unsubscribeModules = modules.onChange((change) => {
        if (!this.modules.hasSubscribers(change.guildId)) return;
        modules.get(change.guildId, change.module).then(
          (view) => this.modules.publish(change.guildId, view),
          (error: unknown) =>
            this.logger.error({ err: error, change }, 'could not read a changed module config'),
        );
      });
    }
  }

  private receive(channel: string, payload: string): void {
    let notice: { guildId?: unknown };
    try {
      notice = JSON.parse(payload) as { guildId?: unknown };
    } catch {
      this.logger.warn(
        { channel, payload: payload.slice(0, 200) },
        'ignored a notification that is not JSON',
      );
      return;
    }
    if (channel === liveChannels.projectionCommit) {
      const commit = notice as CommitNotice;
      // Nothing to read: the change itself is the news, pushed as the commit arrives.
      for (const change of readModelChanges(commit, () => this.readModels.guildIds()) ?? [])
        this.readModels.publish(change.guildId, change);
      // An activity batch committed: one tick notice per watched guild it touched.
      if (commit.projection !== activityProjectionName) return;
      const guilds = Array.isArray(commit.guildIds)
        ? (commit.guildIds as unknown[]).filter((g): g is string => typeof g === 'string')
        : this.activity.guildIds();
      for (const guildId of guilds) this.receive(liveChannels.activityTick, JSON.stringify({ guildId }));
      return;
    }
    if (typeof notice.guildId !== 'string') return;
    const topic = this.topicOf(channel);
    if (!topic?.hasSubscribers(notice.guildId)) return;
    const list = this.pending.get(channel) ?? [];
    list.push(notice);
    this.pending.set(channel, list);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  private topicOf(channel: string): GuildTopic<unknown> | null {
    switch (channel) {
      case liveChannels.moderationAdded:
        return this.moderation as GuildTopic<unknown>;
      case liveChannels.moderationUpdated:
        return this.moderationUpdates as GuildTopic<unknown>;
      case liveChannels.memberJoined:
      case liveChannels.memberLeft:
        return this.memberFlow as GuildTopic<unknown>;
      case liveChannels.activityTick:
        return this.activity as GuildTopic<unknown>;
      default:
        return null;
    }
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batches = [...this.pending.entries()];
    this.pending.clear();
    for (const [channel, notices] of batches) {
      try {
        await this.deliver(channel, notices);
      } catch (error) {
        // A failed read loses these live items for the subscribers (they can re-query); the feed goes on.
        this.logger.error({ err: error, channel, count: notices.length }, 'could not deliver live updates');
      }
    }
  }

  private async deliver(channel: string, notices: unknown[]): Promise<void> {
    switch (channel) {
      case liveChannels.moderationAdded:
      case liveChannels.moderationUpdated: {
        const topic = channel === liveChannels.moderationAdded ? this.moderation : this.moderationUpdates;
        const ids = (notices as EntryNotice[])
          .filter((n) => typeof n.entryId === 'string')
          .map((n) => n.entryId);
        for (const row of await moderationEntriesByIds(this.db, ids)) topic.publish(row.guild_id, row);
        return;
      }
      case liveChannels.memberJoined:
      case liveChannels.memberLeft: {
        const kind = channel === liveChannels.memberJoined ? 'join' : 'leave';
        const list = (notices as MemberNotice[]).filter((n) => typeof n.userId === 'string');
        for (const view of await memberFlowEvents(this.db, kind, list))
          this.memberFlow.publish(view.guildId, view);
        return;
      }
      case liveChannels.activityTick: {
        const guildIds = [...new Set((notices as TickNotice[]).map((n) => n.guildId))];
        const since = guildIds.map((g) => this.lastTick.get(g) ?? null);
        for (const tick of await activityTicks(this.db, guildIds, since)) {
          const last = this.lastTick.get(tick.guildId);
          if (last !== undefined && tick.periodStart.getTime() <= last) continue;
          this.lastTick.set(tick.guildId, tick.periodStart.getTime());
          this.activity.publish(tick.guildId, tick);
        }
        return;
      }
      default:
        return;
    }
  }

  /** Ends every live subscription (shutdown). */
  closeAll(): void {
    this.moderation.closeAll();
    this.moderationUpdates.closeAll();
    this.memberFlow.closeAll();
    this.activity.closeAll();
    this.modules.closeAll();
    this.readModels.closeAll();
  }

  async stop(): Promise<void> {
    this.closeAll();
    this.unsubscribeModules?.();
    await Promise.all(this.unlisten.splice(0).map((f) => f()));
  }
}
