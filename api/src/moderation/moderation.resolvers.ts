import { requireGuild } from '../auth/authorize.js';
import type { ApiContext } from '../context.js';
import type { ModerationFilter as FilterArgs, Resolvers } from '../schema/generated/schema-types.js';
import { fromEnumValue, toEnumValue } from '../shared/enum-value.js';
import { pageSize } from '../shared/time-range.js';
import { userRef } from '../shared/user-ref.js';
import { type ModerationFilter, moderationPage } from './moderation-log.query.js';

export const maxModerationPage = 200;

export function toQueryFilter(filter: FilterArgs | null | undefined): ModerationFilter {
  return {
    actions: filter?.actions?.map(fromEnumValue) ?? null,
    moderatorId: filter?.moderatorId ?? null,
    targetId: filter?.targetId ?? null,
    from: filter?.from ?? null,
    to: filter?.to ?? null,
    includeSuperseded: filter?.includeSuperseded ?? false,
  };
}

export async function moderationConnection(
  ctx: ApiContext,
  guildId: string,
  filter: ModerationFilter,
  args: { first?: number | null; after?: string | null },
) {
  requireGuild(ctx.principal, guildId);
  const first = pageSize(args.first, 50, maxModerationPage, 'first');
  const page = await moderationPage(ctx.deps.readDb, guildId, filter, first, args.after);
  return { edges: page.edges, nodes: page.edges.map((e) => e.node), pageInfo: page.pageInfo };
}

export const moderationResolvers: Resolvers = {
  Guild: {
    moderationLog(guild, args, ctx) {
      return moderationConnection(ctx, guild.guild_id, toQueryFilter(args.filter), args);
    },
  },
  ModerationEntry: {
    id: (r) => r.entry_id,
    guildId: (r) => r.guild_id,
    action: (r) => toEnumValue(r.action),
    occurredAt: (r) => r.occurred_at,
    target: (r) => userRef(r.guild_id, r.target_user_id, r.target_username),
    moderator: (r) => userRef(r.guild_id, r.moderator_id, r.moderator_username),
    certainty: (r) => (r.deleted_by_certainty != null ? toEnumValue(r.deleted_by_certainty) : null),
    channelId: (r) => r.channel_id,
    messageId: (r) => r.message_id,
    count: (r) => r.message_count,
    auditLogAction: (r) => r.audit_log_action,
    supersededBy: (r) => r.superseded_by ?? null,
    details: (r) => r.details ?? {},
    source: (r) => ({
      streamId: r.stream_id,
      revision: Number(r.revision),
      eventId: r.event_id,
      position: r.position,
    }),
    matchedSource: (r) =>
      r.matched_event_id && r.matched_stream_id && r.matched_revision !== null
        ? {
            streamId: r.matched_stream_id,
            revision: Number(r.matched_revision),
            eventId: r.matched_event_id,
            position: r.matched_position,
          }
        : null,
  },
};
