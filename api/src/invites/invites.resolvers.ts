import { requireGuild } from '../auth/authorize.js';
import type { Resolvers } from '../schema/generated/schema-types.js';
import { pageSize, resolvePeriod } from '../shared/time-range.js';
import { userRef } from '../shared/user-ref.js';
import { activeInvites, inviteGraph, joinClasses, topInviters } from './invites.query.js';
import { joinClassEnumValue } from './join-class.js';

/** What `Guild.invites` resolves to: the guild its fields read. */
export interface InvitesParent {
  readonly guildId: string;
}

export const invitesResolvers: Resolvers = {
  Guild: {
    invites: (guild, _, ctx) => {
      requireGuild(ctx.principal, guild.guild_id);
      return { guildId: guild.guild_id };
    },
  },
  GuildInvites: {
    async topInviters(p, args, ctx) {
      requireGuild(ctx.principal, p.guildId);
      const limit = pageSize(args.limit, 10, 100, 'limit');
      const window = args.period ? resolvePeriod(args.period, ctx.deps.now()) : null;
      const rows = await topInviters(ctx.deps.readDb, p.guildId, limit, window);
      return rows.map((r) => ({
        inviter: userRef(p.guildId, r.inviter_id, r.inviter_username),
        joins: r.joins,
        stillPresent: r.still_present,
        left: r.left_count,
        fake: r.fake,
      }));
    },
    async activeInvites(p, _, ctx) {
      requireGuild(ctx.principal, p.guildId);
      const rows = await activeInvites(ctx.deps.readDb, p.guildId, ctx.deps.now());
      return rows.map((r) => ({
        code: r.code,
        channelId: r.channel_id,
        inviter: userRef(p.guildId, r.inviter_id, r.inviter_username),
        uses: r.uses,
        maxUses: r.max_uses ?? 0,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        temporary: r.temporary ?? false,
      }));
    },
    async joinClasses(p, args, ctx) {
      requireGuild(ctx.principal, p.guildId);
      const window = args.period ? resolvePeriod(args.period, ctx.deps.now()) : null;
      const rows = await joinClasses(ctx.deps.readDb, p.guildId, window);
      return rows.map((r) => ({ joinClass: joinClassEnumValue(r.join_class), count: r.count }));
    },
    async graph(p, args, ctx) {
      requireGuild(ctx.principal, p.guildId);
      const limit = pageSize(args.limit, 500, 2000, 'limit');
      const { edges, nodes } = await inviteGraph(ctx.deps.readDb, p.guildId, limit);
      const invited = new Map<string, number>();
      for (const e of edges) invited.set(e.source_user_id, (invited.get(e.source_user_id) ?? 0) + 1);
      return {
        nodes: nodes.map((n) => ({
          id: n.user_id,
          username: n.username,
          invited: invited.get(n.user_id) ?? 0,
          present: n.present,
        })),
        edges: edges.map((e) => ({
          from: e.source_user_id,
          to: e.target_user_id,
          inviteCode: e.invite_code,
          joinedAt: e.joined_at,
          left: !e.still_present,
          fake: e.is_fake,
        })),
      };
    },
  },
};
