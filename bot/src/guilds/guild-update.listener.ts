import type { Guild } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';

/** GUILD_UPDATE with only the fields that changed. Nothing is sent when none of them did. */
export function guildChanges(
  oldGuild: Guild,
  newGuild: Guild,
): Record<string, { old: unknown; new: unknown }> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  const add = (key: string, o: unknown, n: unknown) => {
    if (JSON.stringify(o) !== JSON.stringify(n)) changes[key] = { old: o, new: n };
  };
  add('name', oldGuild.name, newGuild.name);
  add('icon', oldGuild.icon, newGuild.icon);
  add('ownerId', oldGuild.ownerId, newGuild.ownerId);
  add('memberCount', oldGuild.memberCount, newGuild.memberCount);
  add('premiumTier', oldGuild.premiumTier, newGuild.premiumTier);
  add(
    'premiumSubscriptionCount',
    oldGuild.premiumSubscriptionCount ?? 0,
    newGuild.premiumSubscriptionCount ?? 0,
  );
  add('features', [...oldGuild.features].map(String), [...newGuild.features].map(String));
  add('vanityUrlCode', oldGuild.vanityURLCode ?? null, newGuild.vanityURLCode ?? null);
  return changes;
}

export function onGuildUpdate(ctx: BotContext, oldGuild: Guild, newGuild: Guild): void {
  const changes = guildChanges(oldGuild, newGuild);
  if (Object.keys(changes).length === 0) return;
  ctx.emit(botEvent('GUILD_UPDATE', newGuild.id, { id: newGuild.id, changes }, ctx.now()));
}
