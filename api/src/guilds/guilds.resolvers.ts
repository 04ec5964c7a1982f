import { guildForbidden, requireGuild } from '../auth/authorize.js';
import { guildScope } from '../auth/principal.js';
import type { ApiContext } from '../context.js';
import { type GuildRow, listGuilds } from './guilds.query.js';

/** Resolves `guild(id)`: scope first, then existence, with the same FORBIDDEN for both. */
export async function loadGuildInScope(ctx: ApiContext, id: string): Promise<GuildRow> {
  requireGuild(ctx.principal, id);
  const row = await ctx.loaders.guild.load(id);
  if (!row) throw guildForbidden(id);
  return row;
}

export const guildsResolvers = {
  Query: {
    guilds(_: unknown, args: { includeInactive?: boolean | null }, ctx: ApiContext) {
      return listGuilds(ctx.deps.readDb, guildScope(ctx.principal), args.includeInactive ?? false);
    },
    guild(_: unknown, args: { id: string }, ctx: ApiContext) {
      return loadGuildInScope(ctx, args.id);
    },
  },
  Guild: {
    id: (g: GuildRow) => g.guild_id,
    name: (g: GuildRow) => g.name ?? g.guild_id,
    ownerId: (g: GuildRow) => g.owner_id,
    memberCount: (g: GuildRow) => g.member_count,
    active: (g: GuildRow) => g.is_active,
    status: (g: GuildRow) => g.status.toUpperCase(),
    joinedAt: (g: GuildRow) => g.bot_joined_at,
    updatedAt: (g: GuildRow) => g.updated_at,
  },
};
