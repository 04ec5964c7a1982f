import { requireGuild } from '../auth/authorize.js';
import { joinClassEnumValue } from '../invites/join-class.js';
import type { ModerationRow } from '../moderation/moderation-log.query.js';
import type { ModuleConfigView } from '../modules/module-config.port.js';
import type { Resolvers } from '../schema/generated/schema-types.js';
import { fromEnumValue, toEnumValue } from '../shared/enum-value.js';
import { userRef } from '../shared/user-ref.js';
import type { ActivityTickView, MemberFlowView } from './live.query.js';
import type { ReadModelChangeView } from './read-model-change.js';

/** Each field: check the scope at subscribe time, then iterate the guild's live topic. */
export const subscriptionsResolvers: Resolvers = {
  Subscription: {
    moderationEntryAdded: {
      subscribe(_, args, ctx) {
        requireGuild(ctx.principal, args.guildId);
        const actions = args.actions?.length ? new Set(args.actions.map(fromEnumValue)) : null;
        return ctx.deps.feed.moderation.subscribe(
          args.guildId,
          actions ? (r) => actions.has(r.action) : undefined,
        );
      },
      resolve: (row: ModerationRow) => row,
    },
    moderationEntryUpdated: {
      subscribe(_, args, ctx) {
        requireGuild(ctx.principal, args.guildId);
        return ctx.deps.feed.moderationUpdates.subscribe(args.guildId);
      },
      resolve: (row: ModerationRow) => row,
    },
    memberFlow: {
      subscribe(_, args, ctx) {
        requireGuild(ctx.principal, args.guildId);
        return ctx.deps.feed.memberFlow.subscribe(args.guildId);
      },
      resolve: (v: MemberFlowView) => ({
        guildId: v.guildId,
        kind: toEnumValue(v.kind),
        member: userRef(v.guildId, v.userId, v.username, v.avatar),
        occurredAt: v.occurredAt,
        joinClass: v.joinClass ? joinClassEnumValue(v.joinClass) : null,
        inviter: userRef(v.guildId, v.inviterId, v.inviterUsername),
      }),
    },
    activityTick: {
      subscribe(_, args, ctx) {
        requireGuild(ctx.principal, args.guildId);
        return ctx.deps.feed.activity.subscribe(args.guildId);
      },
      resolve: (t: ActivityTickView) => ({ ...t, timestamp: t.periodStart.getTime() / 1000 }),
    },
    readModelChanged: {
      subscribe(_, args, ctx) {
        requireGuild(ctx.principal, args.guildId);
        const wanted = args.readModels?.length ? new Set(args.readModels) : null;
        return ctx.deps.feed.readModels.subscribe(
          args.guildId,
          wanted ? (change) => wanted.has(change.readModel) : undefined,
        );
      },
      resolve: (change: ReadModelChangeView) => change,
    },
    moduleChanged: {
      subscribe(_, args, ctx) {
        requireGuild(ctx.principal, args.guildId);
        return ctx.deps.feed.modules.subscribe(args.guildId);
      },
      resolve: (v: ModuleConfigView) => v,
    },
  },
};
