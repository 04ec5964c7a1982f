import { guildForbidden, requireGuild } from '../auth/authorize.js';
import { guildScope } from '../auth/principal.js';
import type { ApiContext } from '../context.js';
import type { Resolvers } from '../schema/generated/schema-types.js';
import { toEnumValue } from '../shared/enum-value.js';
import { type GuildRow, listGuilds } from './guilds.query.js';
import { unannouncedGuild } from './unannounced-guild.js';

/**
 * Resolves `guild(id)`: scope first, then existence (a registry row, or stored events of a guild never
 * announced), with the same FORBIDDEN for both.
 */
export async function loadGuildInScope(ctx: ApiContext, id: string): Promise<GuildRow> {
  requireGuild(ctx.principal, id);
  const row = (await ctx.loaders.guild.load(id)) ?? (await unannouncedGuild(ctx.deps.eventStore, id));
  if (!row) throw guildForbidden(id);
  return row;
}

export const guildsResolvers: Resolvers = {
  Query: {
    guilds(_, args, ctx) {
      return listGuilds(ctx.deps.readDb, guildScope(ctx.principal), args.includeInactive ?? false);
    },
    guild(_, args, ctx) {
      return loadGuildInScope(ctx, args.id);
    },
  },
  Guild: {
    id: (g) => g.guild_id,
    name: (g) => g.name ?? g.guild_id,
    ownerId: (g) => g.owner_id,
    // Follows joins and leaves, so not from the cached registry row; the report itself until the members
    // projection has a count.
    memberCount: async (g, _, ctx) => (await ctx.loaders.memberCount.load(g.guild_id)) ?? g.member_count,
    active: (g) => g.is_active,
    status: (g) => toEnumValue(g.status),
    joinedAt: (g) => g.bot_joined_at,
    updatedAt: (g) => g.updated_at,
  },
};
