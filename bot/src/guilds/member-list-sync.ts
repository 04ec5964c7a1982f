import { randomUUID } from 'node:crypto';
import {
  MAX_EVENT_BYTES,
  MAX_SYNCED_MEMBERS,
  MAX_USERNAME_LENGTH,
  type SyncedMember,
} from '@guildscope/contracts';
import type { Guild, GuildMember } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent, defined } from '../bot-event.builder.js';
import { loadMemberList } from './member-cache.js';

/** JSON bytes of members one chunk may carry: half the event limit leaves room for the envelope. */
const CHUNK_BYTES = MAX_EVENT_BYTES / 2;

/** The contracts' description of a member as Discord lists it. */
export function syncedMember(member: GuildMember): SyncedMember {
  const user = member.user;
  return defined({
    userId: member.id,
    username: user.username.slice(0, MAX_USERNAME_LENGTH),
    globalName: user.globalName ? user.globalName.slice(0, MAX_USERNAME_LENGTH) : null,
    discriminator: user.discriminator || undefined,
    avatar: user.avatar,
    bot: user.bot,
    joinedAt: member.joinedAt ? member.joinedAt.toISOString() : null,
    roles: [...member.roles.cache.keys()].filter((id) => id !== member.guild.id),
  });
}

/**
 * Splits a member list into chunks of at most `maxMembers` members and `maxBytes` bytes of JSON each (a
 * member with many roles is large). Always at least one chunk: an empty list is still a complete list.
 */
export function chunkMembers(
  members: readonly SyncedMember[],
  maxMembers = MAX_SYNCED_MEMBERS,
  maxBytes = CHUNK_BYTES,
): SyncedMember[][] {
  const chunks: SyncedMember[][] = [[]];
  // JSON of a chunk: its members, a comma after each but the last, and the two brackets.
  let bytes = 1;
  for (const member of members) {
    const size = Buffer.byteLength(JSON.stringify(member)) + 1;
    const current = chunks.at(-1) as SyncedMember[];
    if (current.length > 0 && (current.length >= maxMembers || bytes + size > maxBytes)) {
      chunks.push([member]);
      bytes = 1 + size;
    } else {
      current.push(member);
      bytes += size;
    }
  }
  return chunks;
}

/**
 * Loads the guild's member list and reports it as GUILD_MEMBERS_SYNC: one event per chunk, sharing a
 * sync id, timed when the load started (a join or leave after that wins over the list in the read
 * models). Members who were there before the bot, or came and went while it was offline, are known
 * only through it. Nothing is sent when the list cannot be had (the read models then keep what they knew).
 */
export async function syncMemberList(ctx: BotContext, guild: Guild): Promise<void> {
  const startedAt = ctx.now();
  const members = await loadMemberList(ctx, guild);
  if (!members || !ctx.enabled.GUILD_MEMBERS_SYNC) return;
  const chunks = chunkMembers([...members.values()].map(syncedMember));
  const syncId = randomUUID();
  chunks.forEach((chunk, chunkIndex) => {
    ctx.emit(
      botEvent(
        'GUILD_MEMBERS_SYNC',
        guild.id,
        { syncId, chunkIndex, chunkCount: chunks.length, members: chunk },
        startedAt,
      ),
    );
  });
  ctx.logger.debug(
    { component: 'members', guildId: guild.id, members: members.size, chunks: chunks.length },
    'member list reported',
  );
}

/** Reports the member lists of several guilds, two at a time (ready does not wait for big shards). */
export async function syncMemberLists(ctx: BotContext, guilds: readonly Guild[]): Promise<void> {
  const queue = [...guilds];
  await Promise.all(
    Array.from({ length: Math.min(2, queue.length) }, async () => {
      for (let g = queue.shift(); g; g = queue.shift()) await syncMemberList(ctx, g);
    }),
  );
}
