import { randomUUID } from 'node:crypto';
import type { Client } from 'discord.js';
import { seedVoiceSessions } from '../activity/voice-state-update.listener.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';
import { loadInvites } from '../invites/invite-sync.js';
import { guildInfo } from './guild-info.js';
import { syncMemberLists } from './member-list-sync.js';

/**
 * At ready: GUILD_SYNC (one event per guild, sharing a syncId and the guild count), the invite caches,
 * the voice sessions already open (their time counts from now), then each guild's member list.
 */
export async function onReady(ctx: BotContext, client: Client<true>): Promise<void> {
  const at = ctx.now();
  const guilds = [...client.guilds.cache.values()];
  if (ctx.enabled.GUILD_SYNC && guilds.length > 0) {
    const syncId = randomUUID();
    for (const g of guilds) {
      ctx.emit(botEvent('GUILD_SYNC', g.id, { syncId, guildCount: guilds.length, guild: guildInfo(g) }, at));
    }
  }
  for (const g of guilds) seedVoiceSessions(ctx, g, at);
  // Invite caches load in parallel (bounded) so a large shard becomes ready quickly.
  const queue = [...guilds];
  const workers = Array.from({ length: Math.min(8, queue.length) }, async () => {
    for (let g = queue.shift(); g; g = queue.shift()) await loadInvites(ctx, g);
  });
  await Promise.all(workers);
  ctx.logger.info({ component: 'ready', guilds: guilds.length }, 'guilds synced and invite caches loaded');
  void syncMemberLists(ctx, guilds);
}
