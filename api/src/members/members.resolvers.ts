import { NotFoundError } from '@guildscope/contracts';
import { requireGuild } from '../auth/authorize.js';
import { joinClassEnumValue } from '../invites/join-class.js';
import { moderationConnection } from '../moderation/moderation.resolvers.js';
import type { Resolvers } from '../schema/generated/schema-types.js';
import { toEnumValue } from '../shared/enum-value.js';
import { userRef } from '../shared/user-ref.js';
import { type MemberRow, memberById, membershipHistory, namedUser } from './members.query.js';

/** The later of two instants (either may be unknown). */
const latest = (a: Date | null, b: Date | null) => (a === null ? b : b === null || a >= b ? a : b);

/**
 * The time of the member's last leave, when it is gone and that leave is its last departure: a leave
 * before a later join or member list naming it was followed by a return the bot did not see, so the
 * member left again at an unknown time.
 */
function leftAt(m: MemberRow): Date | null {
  if (m.presence !== 'left' || m.left_at === null) return null;
  const lastSeenIn = latest(m.last_joined_at, m.listed_at);
  return lastSeenIn === null || m.left_at >= lastSeenIn ? m.left_at : null;
}

export const membersResolvers: Resolvers = {
  Guild: {
    async member(guild, args, ctx) {
      requireGuild(ctx.principal, guild.guild_id);
      const row =
        (await memberById(ctx.deps.readDb, guild.guild_id, args.id)) ??
        (await namedUser(ctx.deps.readDb, guild.guild_id, args.id));
      if (!row) throw new NotFoundError(`No event of guild ${guild.guild_id} names user ${args.id}`);
      return row;
    },
  },
  Member: {
    id: (m) => m.user_id,
    bot: (m) => m.is_bot,
    joinedAt: (m) => latest(m.last_joined_at, m.listed_joined_at),
    leftAt,
    present: (m) => m.is_present,
    presence: (m) => toEnumValue(m.presence),
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
