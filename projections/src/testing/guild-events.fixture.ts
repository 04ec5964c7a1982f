import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BotEvent, guildStream, snowflakeFromTimestamp } from '@guildscope/contracts';
import { type EventStore, SqliteEventStore } from '@guildscope/write-side';

/** A real SQLite event store in a temp directory; `close()` removes it. */
export async function openTempEventStore(): Promise<{
  store: SqliteEventStore;
  dir: string;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'gs-projections-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db') });
  return {
    store,
    dir,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface AppendOptions {
  readonly botId?: string;
  readonly shardId?: number;
}

/** Appends bot events the way the gateway does: `guild-<guildId>`, type, the DTO as data, metadata. */
export async function appendBotEvents(
  store: EventStore,
  events: readonly BotEvent[],
  options: AppendOptions = {},
) {
  for (const dto of events) {
    await store.append(guildStream(dto.guildId), [
      {
        id: dto.id,
        type: dto.type,
        data: dto,
        metadata: {
          eventId: dto.id,
          botId: options.botId ?? 'bot-1',
          shardId: options.shardId ?? 0,
          occurredAt: dto.timestamp,
          receivedAt: dto.timestamp + 5,
          schemaVersion: 1,
        },
      },
    ]);
  }
}

/** Base time of the fixtures: 2026-03-01T12:00:00Z. */
export const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A snowflake for a user whose account was created at `createdAt` (`n` keeps ids distinct). */
export function userId(n: number, createdAt = T0 - 400 * DAY): string {
  return snowflakeFromTimestamp(createdAt, n);
}

export const GUILD_A = snowflakeFromTimestamp(T0 - 1000 * DAY, 1);
export const GUILD_B = snowflakeFromTimestamp(T0 - 1000 * DAY, 2);
export const CHANNEL = snowflakeFromTimestamp(T0 - 900 * DAY, 3);

type Of<T extends BotEvent['type']> = Extract<BotEvent, { type: T }>;

/** Builds valid BotEventDtos (fresh UUIDs; the guild and time are arguments). */
export const botEvent = {
  ban(
    guildId: string,
    at: number,
    target: string,
    moderatorId: string | null,
    reason?: string,
  ): Of<'GUILD_BAN_ADD'> {
    return {
      id: randomUUID(),
      type: 'GUILD_BAN_ADD',
      guildId,
      userId: target,
      timestamp: at,
      data: {
        targetUserId: target,
        targetUsername: `user-${target.slice(-4)}`,
        moderatorId,
        ...(moderatorId ? { moderatorUsername: `mod-${moderatorId.slice(-4)}` } : {}),
        ...(reason ? { reason } : {}),
      },
    };
  },
  unban(guildId: string, at: number, target: string, moderatorId: string | null): Of<'GUILD_BAN_REMOVE'> {
    return {
      id: randomUUID(),
      type: 'GUILD_BAN_REMOVE',
      guildId,
      userId: target,
      timestamp: at,
      data: { targetUserId: target, targetUsername: `user-${target.slice(-4)}`, moderatorId },
    };
  },
  join(
    guildId: string,
    at: number,
    user: string,
    invite: Of<'GUILD_MEMBER_ADD'>['data']['invite'] = { class: 'unknown' },
    username = `user-${user.slice(-4)}`,
  ): Of<'GUILD_MEMBER_ADD'> {
    return {
      id: randomUUID(),
      type: 'GUILD_MEMBER_ADD',
      guildId,
      userId: user,
      timestamp: at,
      data: {
        userId: user,
        username,
        avatar: null,
        bot: invite.class === 'bot',
        joinedAt: new Date(at).toISOString(),
        accountCreatedAt: new Date(Number((BigInt(user) >> 22n) + 1_420_070_400_000n)).toISOString(),
        invite,
      },
    };
  },
  leave(
    guildId: string,
    at: number,
    user: string,
    options: { kickedBy?: string; roles?: string[]; username?: string } = {},
  ): Of<'GUILD_MEMBER_REMOVE'> {
    return {
      id: randomUUID(),
      type: 'GUILD_MEMBER_REMOVE',
      guildId,
      userId: user,
      timestamp: at,
      data: {
        userId: user,
        username: options.username ?? `user-${user.slice(-4)}`,
        wasKicked: options.kickedBy !== undefined,
        ...(options.kickedBy
          ? { moderatorId: options.kickedBy, moderatorUsername: `mod-${options.kickedBy.slice(-4)}` }
          : {}),
        joinedAt: null,
        roles: options.roles ?? [],
      },
    };
  },
  audit(
    guildId: string,
    at: number,
    action: Of<'GUILD_AUDIT_LOG_ENTRY_CREATE'>['data']['action'],
    executorId: string,
    targetId?: string,
    extra: Partial<Of<'GUILD_AUDIT_LOG_ENTRY_CREATE'>['data']> = {},
  ): Of<'GUILD_AUDIT_LOG_ENTRY_CREATE'> {
    return {
      id: randomUUID(),
      type: 'GUILD_AUDIT_LOG_ENTRY_CREATE',
      guildId,
      timestamp: at,
      data: {
        entryId: snowflakeFromTimestamp(at, Math.floor(Math.random() * 4096)),
        action,
        actionType: 20,
        executorId,
        executorUsername: `mod-${executorId.slice(-4)}`,
        ...(targetId ? { targetId, targetType: 'user' as const } : {}),
        ...extra,
      },
    };
  },
  messageDelete(
    guildId: string,
    at: number,
    author: string,
    deletedBy?: { userId: string; certainty: 'certain' | 'likely' },
  ): Of<'MESSAGE_DELETE'> {
    return {
      id: randomUUID(),
      type: 'MESSAGE_DELETE',
      guildId,
      channelId: CHANNEL,
      timestamp: at,
      data: {
        messageId: snowflakeFromTimestamp(at - 1000),
        channelId: CHANNEL,
        authorId: author,
        authorUsername: `user-${author.slice(-4)}`,
        hasAttachments: false,
        attachmentCount: 0,
        ...(deletedBy
          ? {
              deletedBy: {
                userId: deletedBy.userId,
                username: `mod-${deletedBy.userId.slice(-4)}`,
                certainty: deletedBy.certainty,
              },
            }
          : {}),
        deletedByCertainty: deletedBy?.certainty ?? 'unknown',
      },
    };
  },
  bulkDelete(guildId: string, at: number, count: number, moderatorId?: string): Of<'MESSAGE_DELETE_BULK'> {
    const messageIds = Array.from({ length: count }, (_, i) => snowflakeFromTimestamp(at - 10_000, i));
    return {
      id: randomUUID(),
      type: 'MESSAGE_DELETE_BULK',
      guildId,
      channelId: CHANNEL,
      timestamp: at,
      data: { channelId: CHANNEL, messageIds, count, ...(moderatorId ? { moderatorId } : {}) },
    };
  },
  discordAutomod(guildId: string, at: number, user: string): Of<'AUTO_MODERATION_ACTION_EXECUTION'> {
    return {
      id: randomUUID(),
      type: 'AUTO_MODERATION_ACTION_EXECUTION',
      guildId,
      timestamp: at,
      data: {
        ruleId: snowflakeFromTimestamp(T0 - 100 * DAY),
        ruleName: 'no slurs',
        ruleTriggerType: 'keyword',
        action: { type: 'block_message' },
        userId: user,
        channelId: CHANNEL,
        matchedKeyword: 'badword',
      },
    };
  },
  botAutomod(guildId: string, at: number, user: string): Of<'BOT_AUTOMOD_ACTION'> {
    return {
      id: randomUUID(),
      type: 'BOT_AUTOMOD_ACTION',
      guildId,
      timestamp: at,
      data: {
        ruleId: 'no-invites',
        ruleType: 'invite_links',
        userId: user,
        username: `user-${user.slice(-4)}`,
        channelId: CHANNEL,
        actions: ['delete'],
        reason: 'invite link posted',
      },
    };
  },
  inviteCreate(
    guildId: string,
    at: number,
    code: string,
    inviterId: string,
    maxUses = 0,
  ): Of<'INVITE_CREATE'> {
    return {
      id: randomUUID(),
      type: 'INVITE_CREATE',
      guildId,
      timestamp: at,
      data: {
        code,
        channelId: CHANNEL,
        inviterId,
        inviterUsername: `user-${inviterId.slice(-4)}`,
        maxUses,
        maxAge: 0,
        temporary: false,
        createdAt: new Date(at).toISOString(),
      },
    };
  },
  /** The invite list the bot found at `at` (uses per code; `complete: false` for a truncated list). */
  inviteSync(
    guildId: string,
    at: number,
    invites: readonly { code: string; inviterId: string; uses: number }[],
    complete = true,
  ): Of<'INVITE_SYNC'> {
    return {
      id: randomUUID(),
      type: 'INVITE_SYNC',
      guildId,
      timestamp: at,
      data: {
        invites: invites.map((i) => ({
          code: i.code,
          channelId: CHANNEL,
          inviterId: i.inviterId,
          inviterUsername: `user-${i.inviterId.slice(-4)}`,
          uses: i.uses,
          maxUses: 0,
          maxAge: 0,
          temporary: false,
          createdAt: new Date(at - 30 * DAY).toISOString(),
          expiresAt: null,
        })),
        complete,
        vanity: null,
      },
    };
  },
  inviteDelete(guildId: string, at: number, code: string): Of<'INVITE_DELETE'> {
    return {
      id: randomUUID(),
      type: 'INVITE_DELETE',
      guildId,
      timestamp: at,
      data: { code, channelId: CHANNEL },
    };
  },
  guildCreate(guildId: string, at: number, name: string): Of<'GUILD_CREATE'> {
    return {
      id: randomUUID(),
      type: 'GUILD_CREATE',
      guildId,
      timestamp: at,
      data: { ...guildInfo(guildId, name), joinedAt: new Date(at).toISOString() },
    };
  },
  guildSync(guildId: string, at: number, name: string, syncId: string, guildCount: number): Of<'GUILD_SYNC'> {
    return {
      id: randomUUID(),
      type: 'GUILD_SYNC',
      guildId,
      timestamp: at,
      data: { syncId, guildCount, guild: guildInfo(guildId, name) },
    };
  },
  guildUpdate(
    guildId: string,
    at: number,
    changes: Of<'GUILD_UPDATE'>['data']['changes'],
  ): Of<'GUILD_UPDATE'> {
    return { id: randomUUID(), type: 'GUILD_UPDATE', guildId, timestamp: at, data: { id: guildId, changes } };
  },
  guildDelete(guildId: string, at: number, unavailable: boolean): Of<'GUILD_DELETE'> {
    return {
      id: randomUUID(),
      type: 'GUILD_DELETE',
      guildId,
      timestamp: at,
      data: { id: guildId, unavailable },
    };
  },
};

function guildInfo(id: string, name: string) {
  return {
    id,
    name,
    icon: null,
    ownerId: userId(4000),
    memberCount: 10,
    features: ['COMMUNITY'],
    premiumTier: 1,
    premiumSubscriptionCount: 2,
  };
}
