import { requireGuild } from '../auth/authorize.js';
import type { ApiContext } from '../context.js';
import type { GuildRow } from '../guilds/guilds.query.js';
import { pageSize } from '../shared/time-range.js';
import { userRef } from '../shared/user-ref.js';
import { type ModerationFilter, type ModerationRow, moderationPage } from './moderation-log.query.js';

export const maxModerationPage = 200;

interface FilterArgs {
  readonly actions?: readonly string[] | null;
  readonly moderatorId?: string | null;
  readonly targetId?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  readonly includeSuperseded?: boolean | null;
}

export function toQueryFilter(filter: FilterArgs | null | undefined): ModerationFilter {
  return {
    actions: filter?.actions?.map((a) => a.toLowerCase()) ?? null,
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

export const moderationResolvers = {
  Guild: {
    moderationLog(
      guild: GuildRow,
      args: { filter?: FilterArgs | null; first?: number | null; after?: string | null },
      ctx: ApiContext,
    ) {
      return moderationConnection(ctx, guild.guild_id, toQueryFilter(args.filter), args);
    },
  },
  ModerationEntry: {
    id: (r: ModerationRow) => r.entry_id,
    guildId: (r: ModerationRow) => r.guild_id,
    action: (r: ModerationRow) => r.action.toUpperCase(),
    occurredAt: (r: ModerationRow) => r.occurred_at,
    target: (r: ModerationRow) => userRef(r.guild_id, r.target_user_id, r.target_username),
    moderator: (r: ModerationRow) => userRef(r.guild_id, r.moderator_id, r.moderator_username),
    certainty: (r: ModerationRow) => r.deleted_by_certainty?.toUpperCase() ?? null,
    channelId: (r: ModerationRow) => r.channel_id,
    messageId: (r: ModerationRow) => r.message_id,
    count: (r: ModerationRow) => r.message_count,
    auditLogAction: (r: ModerationRow) => r.audit_log_action,
    supersededBy: (r: ModerationRow) => r.superseded_by ?? null,
    details: (r: ModerationRow) => r.details ?? {},
    source: (r: ModerationRow) => ({
      streamId: r.stream_id,
      revision: Number(r.revision),
      eventId: r.event_id,
      position: r.position,
    }),
    matchedSource: (r: ModerationRow) =>
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
