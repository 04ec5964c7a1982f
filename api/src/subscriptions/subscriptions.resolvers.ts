import { requireGuild } from '../auth/authorize.js';
import type { ApiContext } from '../context.js';
import { joinClassEnumValue } from '../invites/join-class.js';
import type { ModerationRow } from '../moderation/moderation-log.query.js';
import type { ModuleConfigView } from '../modules/module-config.port.js';
import type {
  Resolvers,
  SubscriptionModerationEntryAddedArgs,
  SubscriptionReadModelChangedArgs,
} from '../schema/generated/schema-types.js';
import { fromEnumValue, toEnumValue } from '../shared/enum-value.js';
import { userRef } from '../shared/user-ref.js';
import type { CommitFeed } from './commit-feed.js';
import type { GuildTopic } from './guild-topic.js';
import type { ActivityTickView, MemberFlowView } from './live.query.js';
import type { ReadModelChangeView } from './read-model-change.js';

/**
 * Subscribing to one of the guild's live topics: the scope is checked at subscribe time; `only` (from the
 * field's arguments) keeps some of the items.
 */
const guildTopic =
  <T, A extends { guildId: string }>(
    topic: (feed: CommitFeed) => GuildTopic<T>,
    only?: (args: A) => ((item: T) => boolean) | undefined,
  ) =>
  (_: unknown, args: A, ctx: ApiContext) => {
    requireGuild(ctx.principal, args.guildId);
    return topic(ctx.deps.feed).subscribe(args.guildId, only?.(args));
  };

/** Each field: the guild's live topic, and how an item of it reads. */
export const subscriptionsResolvers: Resolvers = {
  Subscription: {
    moderationEntryAdded: {
      subscribe: guildTopic(
        (feed) => feed.moderation,
        (args: SubscriptionModerationEntryAddedArgs) => {
          const actions = args.actions?.length ? new Set(args.actions.map(fromEnumValue)) : null;
          return actions ? (r) => actions.has(r.action) : undefined;
        },
      ),
      resolve: (row: ModerationRow) => row,
    },
    moderationEntryUpdated: {
      subscribe: guildTopic((feed) => feed.moderationUpdates),
      resolve: (row: ModerationRow) => row,
    },
    memberFlow: {
      subscribe: guildTopic((feed) => feed.memberFlow),
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
      subscribe: guildTopic((feed) => feed.activity),
      resolve: (t: ActivityTickView) => ({ ...t, timestamp: t.periodStart.getTime() / 1000 }),
    },
    readModelChanged: {
      subscribe: guildTopic(
        (feed) => feed.readModels,
        (args: SubscriptionReadModelChangedArgs) => {
          const wanted = args.readModels?.length ? new Set(args.readModels) : null;
          return wanted ? (change) => wanted.has(change.readModel) : undefined;
        },
      ),
      resolve: (change: ReadModelChangeView) => change,
    },
    moduleChanged: {
      subscribe: guildTopic((feed) => feed.modules),
      resolve: (v: ModuleConfigView) => v,
    },
  },
};
