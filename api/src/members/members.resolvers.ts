import { requireGuild } from '../auth/authorize.js';
import type { ApiContext } from '../context.js';
import { NotFoundError } from '../errors/api-errors.js';
import type { GuildRow } from '../guilds/guilds.query.js';
import { joinClassEnumValue } from '../invites/join-class.js';
import { moderationConnection } from '../moderation/moderation.resolvers.js';
import { userRef } from '../shared/user-ref.js';
import { type MemberRow, memberById, membershipHistory } from './members.query.js';

export const membersResolvers = {
  Guild: {
    async member(guild: GuildRow, args: { id: string }, ctx: ApiContext): Promise<MemberRow> {
      requireGuild(ctx.principal, guild.guild_id);
      const row = await memberById(ctx.deps.readDb, guild.guild_id, args.id);
      if (!row) throw new NotFoundError(`No member ${args.id} seen in guild ${guild.guild_id}`);
      return row;
    },
  },
  Member: {
    id: (m: MemberRow) => m.user_id,
    bot: (m: MemberRow) => m.is_bot,
    joinedAt: (m: MemberRow) => m.last_joined_at,
    leftAt: (m: MemberRow) => (m.is_present ? null : m.left_at),
    present: (m: MemberRow) => m.is_present,
    async history(m: MemberRow, _: unknown, ctx: ApiContext) {
      requireGuild(ctx.principal, m.guild_id);
      const rows = await membershipHistory(ctx.deps.readDb, m.guild_id, m.user_id);
      return rows.map((r) => ({
        kind: r.kind.toUpperCase(),
        occurredAt: r.occurred_at,
        joinClass: r.join_class ? joinClassEnumValue(r.join_class) : null,
        inviter: userRef(m.guild_id, r.inviter_id, r.inviter_username),
        inviteCode: r.invite_code,
      }));
    },
    moderation(m: MemberRow, args: { first?: number | null; after?: string | null }, ctx: ApiContext) {
      return moderationConnection(ctx, m.guild_id, { targetId: m.user_id }, args);
    },
  },
};
