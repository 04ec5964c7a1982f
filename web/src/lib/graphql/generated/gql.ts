/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Events($id: ID!, $fromRevision: Int, $fromTime: DateTime, $types: [String!], $first: Int, $after: String) {\n    guild(id: $id) {\n      id\n      events(fromRevision: $fromRevision, fromTime: $fromTime, types: $types, first: $first, after: $after) {\n        nodes {\n          streamId\n          revision\n          position\n          id\n          type\n          data\n          metadata\n          createdAt\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.EventsDocument,
    "\n  query Invites($id: ID!, $period: PeriodInput, $limit: Int) {\n    guild(id: $id) {\n      id\n      invites {\n        topInviters(limit: $limit, period: $period) {\n          inviter {\n            id\n            username\n            avatar\n          }\n          joins\n          stillPresent\n          left\n          fake\n        }\n        joinClasses(period: $period) {\n          joinClass\n          count\n        }\n        activeInvites {\n          code\n          channelId\n          uses\n          maxUses\n          createdAt\n          expiresAt\n          temporary\n          inviter {\n            id\n            username\n            avatar\n          }\n        }\n      }\n    }\n  }\n": typeof types.InvitesDocument,
    "\n  query Leaderboard($id: ID!, $metric: LeaderboardMetric!, $period: PeriodInput!, $limit: Int) {\n    guild(id: $id) {\n      id\n      leaderboard(metric: $metric, period: $period, limit: $limit) {\n        rank\n        value\n        messages\n        voiceMinutes\n        reactions\n        score\n        member {\n          id\n          username\n          avatar\n        }\n      }\n    }\n  }\n": typeof types.LeaderboardDocument,
    "\n  query Member($id: ID!, $memberId: ID!) {\n    guild(id: $id) {\n      id\n      member(id: $memberId) {\n        id\n        username\n        avatar\n        bot\n        joinedAt\n        leftAt\n        present\n        presence\n        stats {\n          messages\n          voiceMinutes\n          reactions\n          score\n          firstSeen\n          lastSeen\n        }\n        history {\n          kind\n          occurredAt\n          joinClass\n          inviteCode\n          inviter {\n            id\n            username\n            avatar\n          }\n        }\n        moderation(first: 50) {\n          ...ModerationPageFields\n        }\n      }\n    }\n  }\n": typeof types.MemberDocument,
    "\n  fragment ModerationEntryFields on ModerationEntry {\n    id\n    guildId\n    action\n    occurredAt\n    reason\n    certainty\n    channelId\n    count\n    supersededBy\n    target {\n      id\n      username\n      avatar\n    }\n    moderator {\n      id\n      username\n      avatar\n    }\n    source {\n      streamId\n      revision\n      eventId\n    }\n  }\n": typeof types.ModerationEntryFieldsFragmentDoc,
    "\n  fragment ModerationPageFields on ModerationConnection {\n    nodes {\n      ...ModerationEntryFields\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": typeof types.ModerationPageFieldsFragmentDoc,
    "\n  query ModerationLog($id: ID!, $filter: ModerationFilter, $first: Int, $after: String) {\n    guild(id: $id) {\n      id\n      moderationLog(filter: $filter, first: $first, after: $after) {\n        ...ModerationPageFields\n      }\n    }\n  }\n": typeof types.ModerationLogDocument,
    "\n  subscription ModerationEntryAdded($guildId: ID!, $actions: [ModerationAction!]) {\n    moderationEntryAdded(guildId: $guildId, actions: $actions) {\n      ...ModerationEntryFields\n    }\n  }\n": typeof types.ModerationEntryAddedDocument,
    "\n  subscription ModerationEntryUpdated($guildId: ID!) {\n    moderationEntryUpdated(guildId: $guildId) {\n      ...ModerationEntryFields\n    }\n  }\n": typeof types.ModerationEntryUpdatedDocument,
    "\n  fragment ModuleFields on ModuleConfiguration {\n    guildId\n    module\n    enabled\n    config\n    version\n  }\n": typeof types.ModuleFieldsFragmentDoc,
    "\n  query Modules($id: ID!) {\n    guild(id: $id) {\n      id\n      modules {\n        ...ModuleFields\n      }\n    }\n  }\n": typeof types.ModulesDocument,
    "\n  mutation EnableModule($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON) {\n    enableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {\n      ...ModuleFields\n    }\n  }\n": typeof types.EnableModuleDocument,
    "\n  mutation UpdateModuleConfig($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON!) {\n    updateModuleConfig(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {\n      ...ModuleFields\n    }\n  }\n": typeof types.UpdateModuleConfigDocument,
    "\n  mutation DisableModule($guildId: ID!, $module: String!, $expectedVersion: Int!) {\n    disableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion) {\n      ...ModuleFields\n    }\n  }\n": typeof types.DisableModuleDocument,
    "\n  subscription ModuleChanged($guildId: ID!) {\n    moduleChanged(guildId: $guildId) {\n      ...ModuleFields\n    }\n  }\n": typeof types.ModuleChangedDocument,
    "\n  fragment Comparison on MetricComparison {\n    current\n    previous\n    change\n    changeRatio\n  }\n": typeof types.ComparisonFragmentDoc,
    "\n  query Overview($id: ID!, $period: PeriodInput!) {\n    guild(id: $id) {\n      id\n      overview(period: $period) {\n        period {\n          from\n          to\n        }\n        previousPeriod {\n          from\n          to\n        }\n        messages {\n          ...Comparison\n        }\n        voiceMinutes {\n          ...Comparison\n        }\n        reactions {\n          ...Comparison\n        }\n        joins {\n          ...Comparison\n        }\n        leaves {\n          ...Comparison\n        }\n        activeMembers {\n          ...Comparison\n        }\n      }\n    }\n  }\n": typeof types.OverviewDocument,
    "\n  query ActivitySeries(\n    $id: ID!\n    $metric: ActivityMetric!\n    $bucket: Bucket!\n    $range: TimeRangeInput!\n    $channelId: ID\n    $memberId: ID\n  ) {\n    guild(id: $id) {\n      id\n      activitySeries(metric: $metric, bucket: $bucket, range: $range, channelId: $channelId, memberId: $memberId) {\n        metric\n        bucket\n        range {\n          from\n          to\n        }\n        columns\n        total\n        distinctMembers\n      }\n    }\n  }\n": typeof types.ActivitySeriesDocument,
    "\n  query MemberGrowth($id: ID!, $range: TimeRangeInput!, $bucket: Bucket) {\n    guild(id: $id) {\n      id\n      memberGrowth(range: $range, bucket: $bucket) {\n        bucket\n        range {\n          from\n          to\n        }\n        columns\n        totalJoins\n        totalLeaves\n      }\n    }\n  }\n": typeof types.MemberGrowthDocument,
    "\n  subscription ActivityTick($guildId: ID!) {\n    activityTick(guildId: $guildId) {\n      guildId\n      periodStart\n      timestamp\n      messages\n      voiceMinutes\n      reactions\n      activeMembers\n    }\n  }\n": typeof types.ActivityTickDocument,
    "\n  subscription MemberFlow($guildId: ID!) {\n    memberFlow(guildId: $guildId) {\n      guildId\n      kind\n      occurredAt\n      member {\n        id\n        username\n        avatar\n      }\n    }\n  }\n": typeof types.MemberFlowDocument,
    "\n  subscription ReadModelChanged($guildId: ID!, $readModels: [ReadModel!]) {\n    readModelChanged(guildId: $guildId, readModels: $readModels) {\n      guildId\n      readModel\n      position\n    }\n  }\n": typeof types.ReadModelChangedDocument,
    "\n  query Viewer {\n    viewer {\n      tokenId\n      role\n      allGuilds\n      guildIds\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment GuildSummary on Guild {\n    id\n    name\n    icon\n    memberCount\n    active\n    status\n  }\n": typeof types.GuildSummaryFragmentDoc,
    "\n  query Guilds($includeInactive: Boolean) {\n    guilds(includeInactive: $includeInactive) {\n      ...GuildSummary\n    }\n  }\n": typeof types.GuildsDocument,
    "\n  query GuildHeader($id: ID!) {\n    guild(id: $id) {\n      ...GuildSummary\n    }\n  }\n": typeof types.GuildHeaderDocument,
};
const documents: Documents = {
    "\n  query Events($id: ID!, $fromRevision: Int, $fromTime: DateTime, $types: [String!], $first: Int, $after: String) {\n    guild(id: $id) {\n      id\n      events(fromRevision: $fromRevision, fromTime: $fromTime, types: $types, first: $first, after: $after) {\n        nodes {\n          streamId\n          revision\n          position\n          id\n          type\n          data\n          metadata\n          createdAt\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.EventsDocument,
    "\n  query Invites($id: ID!, $period: PeriodInput, $limit: Int) {\n    guild(id: $id) {\n      id\n      invites {\n        topInviters(limit: $limit, period: $period) {\n          inviter {\n            id\n            username\n            avatar\n          }\n          joins\n          stillPresent\n          left\n          fake\n        }\n        joinClasses(period: $period) {\n          joinClass\n          count\n        }\n        activeInvites {\n          code\n          channelId\n          uses\n          maxUses\n          createdAt\n          expiresAt\n          temporary\n          inviter {\n            id\n            username\n            avatar\n          }\n        }\n      }\n    }\n  }\n": types.InvitesDocument,
    "\n  query Leaderboard($id: ID!, $metric: LeaderboardMetric!, $period: PeriodInput!, $limit: Int) {\n    guild(id: $id) {\n      id\n      leaderboard(metric: $metric, period: $period, limit: $limit) {\n        rank\n        value\n        messages\n        voiceMinutes\n        reactions\n        score\n        member {\n          id\n          username\n          avatar\n        }\n      }\n    }\n  }\n": types.LeaderboardDocument,
    "\n  query Member($id: ID!, $memberId: ID!) {\n    guild(id: $id) {\n      id\n      member(id: $memberId) {\n        id\n        username\n        avatar\n        bot\n        joinedAt\n        leftAt\n        present\n        presence\n        stats {\n          messages\n          voiceMinutes\n          reactions\n          score\n          firstSeen\n          lastSeen\n        }\n        history {\n          kind\n          occurredAt\n          joinClass\n          inviteCode\n          inviter {\n            id\n            username\n            avatar\n          }\n        }\n        moderation(first: 50) {\n          ...ModerationPageFields\n        }\n      }\n    }\n  }\n": types.MemberDocument,
    "\n  fragment ModerationEntryFields on ModerationEntry {\n    id\n    guildId\n    action\n    occurredAt\n    reason\n    certainty\n    channelId\n    count\n    supersededBy\n    target {\n      id\n      username\n      avatar\n    }\n    moderator {\n      id\n      username\n      avatar\n    }\n    source {\n      streamId\n      revision\n      eventId\n    }\n  }\n": types.ModerationEntryFieldsFragmentDoc,
    "\n  fragment ModerationPageFields on ModerationConnection {\n    nodes {\n      ...ModerationEntryFields\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": types.ModerationPageFieldsFragmentDoc,
    "\n  query ModerationLog($id: ID!, $filter: ModerationFilter, $first: Int, $after: String) {\n    guild(id: $id) {\n      id\n      moderationLog(filter: $filter, first: $first, after: $after) {\n        ...ModerationPageFields\n      }\n    }\n  }\n": types.ModerationLogDocument,
    "\n  subscription ModerationEntryAdded($guildId: ID!, $actions: [ModerationAction!]) {\n    moderationEntryAdded(guildId: $guildId, actions: $actions) {\n      ...ModerationEntryFields\n    }\n  }\n": types.ModerationEntryAddedDocument,
    "\n  subscription ModerationEntryUpdated($guildId: ID!) {\n    moderationEntryUpdated(guildId: $guildId) {\n      ...ModerationEntryFields\n    }\n  }\n": types.ModerationEntryUpdatedDocument,
    "\n  fragment ModuleFields on ModuleConfiguration {\n    guildId\n    module\n    enabled\n    config\n    version\n  }\n": types.ModuleFieldsFragmentDoc,
    "\n  query Modules($id: ID!) {\n    guild(id: $id) {\n      id\n      modules {\n        ...ModuleFields\n      }\n    }\n  }\n": types.ModulesDocument,
    "\n  mutation EnableModule($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON) {\n    enableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {\n      ...ModuleFields\n    }\n  }\n": types.EnableModuleDocument,
    "\n  mutation UpdateModuleConfig($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON!) {\n    updateModuleConfig(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {\n      ...ModuleFields\n    }\n  }\n": types.UpdateModuleConfigDocument,
    "\n  mutation DisableModule($guildId: ID!, $module: String!, $expectedVersion: Int!) {\n    disableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion) {\n      ...ModuleFields\n    }\n  }\n": types.DisableModuleDocument,
    "\n  subscription ModuleChanged($guildId: ID!) {\n    moduleChanged(guildId: $guildId) {\n      ...ModuleFields\n    }\n  }\n": types.ModuleChangedDocument,
    "\n  fragment Comparison on MetricComparison {\n    current\n    previous\n    change\n    changeRatio\n  }\n": types.ComparisonFragmentDoc,
    "\n  query Overview($id: ID!, $period: PeriodInput!) {\n    guild(id: $id) {\n      id\n      overview(period: $period) {\n        period {\n          from\n          to\n        }\n        previousPeriod {\n          from\n          to\n        }\n        messages {\n          ...Comparison\n        }\n        voiceMinutes {\n          ...Comparison\n        }\n        reactions {\n          ...Comparison\n        }\n        joins {\n          ...Comparison\n        }\n        leaves {\n          ...Comparison\n        }\n        activeMembers {\n          ...Comparison\n        }\n      }\n    }\n  }\n": types.OverviewDocument,
    "\n  query ActivitySeries(\n    $id: ID!\n    $metric: ActivityMetric!\n    $bucket: Bucket!\n    $range: TimeRangeInput!\n    $channelId: ID\n    $memberId: ID\n  ) {\n    guild(id: $id) {\n      id\n      activitySeries(metric: $metric, bucket: $bucket, range: $range, channelId: $channelId, memberId: $memberId) {\n        metric\n        bucket\n        range {\n          from\n          to\n        }\n        columns\n        total\n        distinctMembers\n      }\n    }\n  }\n": types.ActivitySeriesDocument,
    "\n  query MemberGrowth($id: ID!, $range: TimeRangeInput!, $bucket: Bucket) {\n    guild(id: $id) {\n      id\n      memberGrowth(range: $range, bucket: $bucket) {\n        bucket\n        range {\n          from\n          to\n        }\n        columns\n        totalJoins\n        totalLeaves\n      }\n    }\n  }\n": types.MemberGrowthDocument,
    "\n  subscription ActivityTick($guildId: ID!) {\n    activityTick(guildId: $guildId) {\n      guildId\n      periodStart\n      timestamp\n      messages\n      voiceMinutes\n      reactions\n      activeMembers\n    }\n  }\n": types.ActivityTickDocument,
    "\n  subscription MemberFlow($guildId: ID!) {\n    memberFlow(guildId: $guildId) {\n      guildId\n      kind\n      occurredAt\n      member {\n        id\n        username\n        avatar\n      }\n    }\n  }\n": types.MemberFlowDocument,
    "\n  subscription ReadModelChanged($guildId: ID!, $readModels: [ReadModel!]) {\n    readModelChanged(guildId: $guildId, readModels: $readModels) {\n      guildId\n      readModel\n      position\n    }\n  }\n": types.ReadModelChangedDocument,
    "\n  query Viewer {\n    viewer {\n      tokenId\n      role\n      allGuilds\n      guildIds\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment GuildSummary on Guild {\n    id\n    name\n    icon\n    memberCount\n    active\n    status\n  }\n": types.GuildSummaryFragmentDoc,
    "\n  query Guilds($includeInactive: Boolean) {\n    guilds(includeInactive: $includeInactive) {\n      ...GuildSummary\n    }\n  }\n": types.GuildsDocument,
    "\n  query GuildHeader($id: ID!) {\n    guild(id: $id) {\n      ...GuildSummary\n    }\n  }\n": types.GuildHeaderDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Events($id: ID!, $fromRevision: Int, $fromTime: DateTime, $types: [String!], $first: Int, $after: String) {\n    guild(id: $id) {\n      id\n      events(fromRevision: $fromRevision, fromTime: $fromTime, types: $types, first: $first, after: $after) {\n        nodes {\n          streamId\n          revision\n          position\n          id\n          type\n          data\n          metadata\n          createdAt\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Events($id: ID!, $fromRevision: Int, $fromTime: DateTime, $types: [String!], $first: Int, $after: String) {\n    guild(id: $id) {\n      id\n      events(fromRevision: $fromRevision, fromTime: $fromTime, types: $types, first: $first, after: $after) {\n        nodes {\n          streamId\n          revision\n          position\n          id\n          type\n          data\n          metadata\n          createdAt\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invites($id: ID!, $period: PeriodInput, $limit: Int) {\n    guild(id: $id) {\n      id\n      invites {\n        topInviters(limit: $limit, period: $period) {\n          inviter {\n            id\n            username\n            avatar\n          }\n          joins\n          stillPresent\n          left\n          fake\n        }\n        joinClasses(period: $period) {\n          joinClass\n          count\n        }\n        activeInvites {\n          code\n          channelId\n          uses\n          maxUses\n          createdAt\n          expiresAt\n          temporary\n          inviter {\n            id\n            username\n            avatar\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Invites($id: ID!, $period: PeriodInput, $limit: Int) {\n    guild(id: $id) {\n      id\n      invites {\n        topInviters(limit: $limit, period: $period) {\n          inviter {\n            id\n            username\n            avatar\n          }\n          joins\n          stillPresent\n          left\n          fake\n        }\n        joinClasses(period: $period) {\n          joinClass\n          count\n        }\n        activeInvites {\n          code\n          channelId\n          uses\n          maxUses\n          createdAt\n          expiresAt\n          temporary\n          inviter {\n            id\n            username\n            avatar\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Leaderboard($id: ID!, $metric: LeaderboardMetric!, $period: PeriodInput!, $limit: Int) {\n    guild(id: $id) {\n      id\n      leaderboard(metric: $metric, period: $period, limit: $limit) {\n        rank\n        value\n        messages\n        voiceMinutes\n        reactions\n        score\n        member {\n          id\n          username\n          avatar\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Leaderboard($id: ID!, $metric: LeaderboardMetric!, $period: PeriodInput!, $limit: Int) {\n    guild(id: $id) {\n      id\n      leaderboard(metric: $metric, period: $period, limit: $limit) {\n        rank\n        value\n        messages\n        voiceMinutes\n        reactions\n        score\n        member {\n          id\n          username\n          avatar\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Member($id: ID!, $memberId: ID!) {\n    guild(id: $id) {\n      id\n      member(id: $memberId) {\n        id\n        username\n        avatar\n        bot\n        joinedAt\n        leftAt\n        present\n        presence\n        stats {\n          messages\n          voiceMinutes\n          reactions\n          score\n          firstSeen\n          lastSeen\n        }\n        history {\n          kind\n          occurredAt\n          joinClass\n          inviteCode\n          inviter {\n            id\n            username\n            avatar\n          }\n        }\n        moderation(first: 50) {\n          ...ModerationPageFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Member($id: ID!, $memberId: ID!) {\n    guild(id: $id) {\n      id\n      member(id: $memberId) {\n        id\n        username\n        avatar\n        bot\n        joinedAt\n        leftAt\n        present\n        presence\n        stats {\n          messages\n          voiceMinutes\n          reactions\n          score\n          firstSeen\n          lastSeen\n        }\n        history {\n          kind\n          occurredAt\n          joinClass\n          inviteCode\n          inviter {\n            id\n            username\n            avatar\n          }\n        }\n        moderation(first: 50) {\n          ...ModerationPageFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModerationEntryFields on ModerationEntry {\n    id\n    guildId\n    action\n    occurredAt\n    reason\n    certainty\n    channelId\n    count\n    supersededBy\n    target {\n      id\n      username\n      avatar\n    }\n    moderator {\n      id\n      username\n      avatar\n    }\n    source {\n      streamId\n      revision\n      eventId\n    }\n  }\n"): (typeof documents)["\n  fragment ModerationEntryFields on ModerationEntry {\n    id\n    guildId\n    action\n    occurredAt\n    reason\n    certainty\n    channelId\n    count\n    supersededBy\n    target {\n      id\n      username\n      avatar\n    }\n    moderator {\n      id\n      username\n      avatar\n    }\n    source {\n      streamId\n      revision\n      eventId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModerationPageFields on ModerationConnection {\n    nodes {\n      ...ModerationEntryFields\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"): (typeof documents)["\n  fragment ModerationPageFields on ModerationConnection {\n    nodes {\n      ...ModerationEntryFields\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationLog($id: ID!, $filter: ModerationFilter, $first: Int, $after: String) {\n    guild(id: $id) {\n      id\n      moderationLog(filter: $filter, first: $first, after: $after) {\n        ...ModerationPageFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModerationLog($id: ID!, $filter: ModerationFilter, $first: Int, $after: String) {\n    guild(id: $id) {\n      id\n      moderationLog(filter: $filter, first: $first, after: $after) {\n        ...ModerationPageFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ModerationEntryAdded($guildId: ID!, $actions: [ModerationAction!]) {\n    moderationEntryAdded(guildId: $guildId, actions: $actions) {\n      ...ModerationEntryFields\n    }\n  }\n"): (typeof documents)["\n  subscription ModerationEntryAdded($guildId: ID!, $actions: [ModerationAction!]) {\n    moderationEntryAdded(guildId: $guildId, actions: $actions) {\n      ...ModerationEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ModerationEntryUpdated($guildId: ID!) {\n    moderationEntryUpdated(guildId: $guildId) {\n      ...ModerationEntryFields\n    }\n  }\n"): (typeof documents)["\n  subscription ModerationEntryUpdated($guildId: ID!) {\n    moderationEntryUpdated(guildId: $guildId) {\n      ...ModerationEntryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModuleFields on ModuleConfiguration {\n    guildId\n    module\n    enabled\n    config\n    version\n  }\n"): (typeof documents)["\n  fragment ModuleFields on ModuleConfiguration {\n    guildId\n    module\n    enabled\n    config\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Modules($id: ID!) {\n    guild(id: $id) {\n      id\n      modules {\n        ...ModuleFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Modules($id: ID!) {\n    guild(id: $id) {\n      id\n      modules {\n        ...ModuleFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableModule($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON) {\n    enableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {\n      ...ModuleFields\n    }\n  }\n"): (typeof documents)["\n  mutation EnableModule($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON) {\n    enableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {\n      ...ModuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateModuleConfig($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON!) {\n    updateModuleConfig(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {\n      ...ModuleFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateModuleConfig($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON!) {\n    updateModuleConfig(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {\n      ...ModuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableModule($guildId: ID!, $module: String!, $expectedVersion: Int!) {\n    disableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion) {\n      ...ModuleFields\n    }\n  }\n"): (typeof documents)["\n  mutation DisableModule($guildId: ID!, $module: String!, $expectedVersion: Int!) {\n    disableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion) {\n      ...ModuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ModuleChanged($guildId: ID!) {\n    moduleChanged(guildId: $guildId) {\n      ...ModuleFields\n    }\n  }\n"): (typeof documents)["\n  subscription ModuleChanged($guildId: ID!) {\n    moduleChanged(guildId: $guildId) {\n      ...ModuleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Comparison on MetricComparison {\n    current\n    previous\n    change\n    changeRatio\n  }\n"): (typeof documents)["\n  fragment Comparison on MetricComparison {\n    current\n    previous\n    change\n    changeRatio\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Overview($id: ID!, $period: PeriodInput!) {\n    guild(id: $id) {\n      id\n      overview(period: $period) {\n        period {\n          from\n          to\n        }\n        previousPeriod {\n          from\n          to\n        }\n        messages {\n          ...Comparison\n        }\n        voiceMinutes {\n          ...Comparison\n        }\n        reactions {\n          ...Comparison\n        }\n        joins {\n          ...Comparison\n        }\n        leaves {\n          ...Comparison\n        }\n        activeMembers {\n          ...Comparison\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Overview($id: ID!, $period: PeriodInput!) {\n    guild(id: $id) {\n      id\n      overview(period: $period) {\n        period {\n          from\n          to\n        }\n        previousPeriod {\n          from\n          to\n        }\n        messages {\n          ...Comparison\n        }\n        voiceMinutes {\n          ...Comparison\n        }\n        reactions {\n          ...Comparison\n        }\n        joins {\n          ...Comparison\n        }\n        leaves {\n          ...Comparison\n        }\n        activeMembers {\n          ...Comparison\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActivitySeries(\n    $id: ID!\n    $metric: ActivityMetric!\n    $bucket: Bucket!\n    $range: TimeRangeInput!\n    $channelId: ID\n    $memberId: ID\n  ) {\n    guild(id: $id) {\n      id\n      activitySeries(metric: $metric, bucket: $bucket, range: $range, channelId: $channelId, memberId: $memberId) {\n        metric\n        bucket\n        range {\n          from\n          to\n        }\n        columns\n        total\n        distinctMembers\n      }\n    }\n  }\n"): (typeof documents)["\n  query ActivitySeries(\n    $id: ID!\n    $metric: ActivityMetric!\n    $bucket: Bucket!\n    $range: TimeRangeInput!\n    $channelId: ID\n    $memberId: ID\n  ) {\n    guild(id: $id) {\n      id\n      activitySeries(metric: $metric, bucket: $bucket, range: $range, channelId: $channelId, memberId: $memberId) {\n        metric\n        bucket\n        range {\n          from\n          to\n        }\n        columns\n        total\n        distinctMembers\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberGrowth($id: ID!, $range: TimeRangeInput!, $bucket: Bucket) {\n    guild(id: $id) {\n      id\n      memberGrowth(range: $range, bucket: $bucket) {\n        bucket\n        range {\n          from\n          to\n        }\n        columns\n        totalJoins\n        totalLeaves\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemberGrowth($id: ID!, $range: TimeRangeInput!, $bucket: Bucket) {\n    guild(id: $id) {\n      id\n      memberGrowth(range: $range, bucket: $bucket) {\n        bucket\n        range {\n          from\n          to\n        }\n        columns\n        totalJoins\n        totalLeaves\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ActivityTick($guildId: ID!) {\n    activityTick(guildId: $guildId) {\n      guildId\n      periodStart\n      timestamp\n      messages\n      voiceMinutes\n      reactions\n      activeMembers\n    }\n  }\n"): (typeof documents)["\n  subscription ActivityTick($guildId: ID!) {\n    activityTick(guildId: $guildId) {\n      guildId\n      periodStart\n      timestamp\n      messages\n      voiceMinutes\n      reactions\n      activeMembers\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MemberFlow($guildId: ID!) {\n    memberFlow(guildId: $guildId) {\n      guildId\n      kind\n      occurredAt\n      member {\n        id\n        username\n        avatar\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MemberFlow($guildId: ID!) {\n    memberFlow(guildId: $guildId) {\n      guildId\n      kind\n      occurredAt\n      member {\n        id\n        username\n        avatar\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ReadModelChanged($guildId: ID!, $readModels: [ReadModel!]) {\n    readModelChanged(guildId: $guildId, readModels: $readModels) {\n      guildId\n      readModel\n      position\n    }\n  }\n"): (typeof documents)["\n  subscription ReadModelChanged($guildId: ID!, $readModels: [ReadModel!]) {\n    readModelChanged(guildId: $guildId, readModels: $readModels) {\n      guildId\n      readModel\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      tokenId\n      role\n      allGuilds\n      guildIds\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      tokenId\n      role\n      allGuilds\n      guildIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GuildSummary on Guild {\n    id\n    name\n    icon\n    memberCount\n    active\n    status\n  }\n"): (typeof documents)["\n  fragment GuildSummary on Guild {\n    id\n    name\n    icon\n    memberCount\n    active\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Guilds($includeInactive: Boolean) {\n    guilds(includeInactive: $includeInactive) {\n      ...GuildSummary\n    }\n  }\n"): (typeof documents)["\n  query Guilds($includeInactive: Boolean) {\n    guilds(includeInactive: $includeInactive) {\n      ...GuildSummary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GuildHeader($id: ID!) {\n    guild(id: $id) {\n      ...GuildSummary\n    }\n  }\n"): (typeof documents)["\n  query GuildHeader($id: ID!) {\n    guild(id: $id) {\n      ...GuildSummary\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;