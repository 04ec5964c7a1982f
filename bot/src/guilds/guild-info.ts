import type { Guild } from 'discord.js';

/** The contracts' guild description (sync and create). */
export function guildInfo(g: Guild) {
  return {
    id: g.id,
    name: g.name,
    icon: g.icon,
    ownerId: g.ownerId,
    memberCount: g.memberCount,
    features: [...g.features].map(String),
    premiumTier: g.premiumTier,
    premiumSubscriptionCount: g.premiumSubscriptionCount ?? 0,
  };
}
