import { NotFoundError } from '@guildscope/contracts';
import { requireGuild } from '../auth/authorize.js';
import { joinClassEnumValue } from '../invites/join-class.js';
import { moderationConnection } from '../moderation/moderation.resolvers.js';
import type { Resolvers } from '../schema/generated/schema-types.js';
import { toEnumValue } from '../shared/enum-value.js';
import { userRef } from '../shared/user-ref.js';
import { memberById, membershipHistory } from './members.query.js';

export const membersResolvers: Resolvers = {
  Guild: {
    async member(guild, args, ctx) {
      requireGuild(ctx.principal, guild.guild_id);
      const row = await memberById(ctx.deps.readDb, guild.guild_id, args.id);
      if (!row) throw new NotFoundError(`No member ${args.id} seen in guild ${guild.guild_id}`);
      return row;
    },
  },
  Member: {
    id: (m) => m.user_id,
    bot: (m) => m.is_bot,
    joinedAt: (m) => m.last_joined_at,
    leftAt: (m) => (m.is_present ? null : m.left_at),
    present: (m) => m.is_present,
    async history(m, _, ctx) {
      requireGuild(ctx.principal, m.guild_id);
      const rows = await membershipHistory(ctx.deps.readDb, m.guild_id, m.user_id);
      return rows.map((r) => ({
        kind: toEnumValue(r.kind),
        occurredAt: r.occurred_at,
        joinClass: r.join_class ? joinClassEnumValue(r.join_class) : null,
        inviter: userRef(m.guild_id, r.inviter_id, r.inviter_username),
        inviteCode: r.invite_code,
      }));
    },
    moderation(m, args, ctx) {
      return moderationConnection(ctx, m.guild_id, { targetId: m.user_id }, args);
    },
  },
};
