import { MAX_BULK_DELETE_IDS } from '@guildscope/contracts';
import type {
  GuildTextBasedChannel,
  Message,
  PartialMessage,
  ReadonlyCollection,
  Snowflake,
} from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';
import type { AuditEntryInfo } from './audit-entry.js';

/** MESSAGE_DELETE_BULK (purge) with the moderator from the MESSAGE_BULK_DELETE audit entry (target = channel). */
export async function onMessageDeleteBulk(
  ctx: BotContext,
  messages: ReadonlyCollection<Snowflake, Message | PartialMessage>,
  channel: GuildTextBasedChannel,
): Promise<void> {
  const at = ctx.now();
  const ids = [...messages.keys()].slice(0, MAX_BULK_DELETE_IDS);
  if (ids.length === 0) return;
  const match = (e: AuditEntryInfo) => e.guildId === channel.guild.id && e.targetId === channel.id;
  const entry = await ctx.audit.bulkDeletes.wait(match, ctx.correlation.holdMs);
  ctx.emit(
    botEvent(
      'MESSAGE_DELETE_BULK',
      channel.guild.id,
      {
        channelId: channel.id,
        messageIds: ids,
        count: ids.length,
        moderatorId: entry?.executorId ?? undefined,
        moderatorUsername: entry?.executorId ? (entry.executorUsername ?? undefined) : undefined,
      },
      at,
      { channelId: channel.id },
    ),
  );
}
