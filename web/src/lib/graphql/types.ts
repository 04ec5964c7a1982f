/** TypeScript shapes of the API answers the dashboard reads (hand-written from api/schema/schema.graphql). */

import type { ActivityMetric } from '../chart/series.js';
import type { ModerationAction } from '../moderation/moderation-filter.js';
import type { Bucket, PeriodPreset } from '../period/period.js';

export type { ActivityMetric, Bucket, ModerationAction, PeriodPreset };
export type Role = 'ADMIN' | 'VIEWER' | 'AUDITOR';
export type LeaderboardMetric = 'MESSAGES' | 'VOICE_MINUTES' | 'REACTIONS' | 'ACTIVITY_SCORE';
export type JoinClass = 'INVITE' | 'VANITY' | 'UNKNOWN' | 'BOT' | 'NO_PERMISSION';

export interface Viewer {
  tokenId: string;
  role: Role;
  allGuilds: boolean;
  guildIds: string[];
}

export interface GuildSummary {
  id: string;
  name: string;
  icon: string | null;
  memberCount: number | null;
  active: boolean;
  status: 'ACTIVE' | 'UNAVAILABLE' | 'REMOVED' | 'ABSENT';
}

export interface UserRef {
  id: string;
  username: string | null;
  avatar: string | null;
}

export interface TimeRange {
  from: string;
  to: string;
}

export interface MetricComparison {
  current: number;
  previous: number;
  change: number;
  changeRatio: number | null;
}

export interface GuildOverview {
  period: TimeRange;
  previousPeriod: TimeRange;
  messages: MetricComparison;
  voiceMinutes: MetricComparison;
  reactions: MetricComparison;
  joins: MetricComparison;
  leaves: MetricComparison;
  activeMembers: MetricComparison;
}

export interface ActivitySeries {
  metric: ActivityMetric;
  bucket: Bucket;
  range: TimeRange;
  columns: number[][];
  total: number;
}

export interface MemberGrowthSeries {
  bucket: Bucket;
  range: TimeRange;
  columns: number[][];
  totalJoins: number;
  totalLeaves: number;
}

export interface ActivityTick {
  guildId: string;
  periodStart: string;
  timestamp: number;
  messages: number;
  voiceMinutes: number;
  reactions: number;
  activeMembers: number;
}

export interface MemberFlowEvent {
  guildId: string;
  kind: 'JOIN' | 'LEAVE';
  occurredAt: string;
  member: UserRef;
}

export interface LeaderboardEntry {
  rank: number;
  member: UserRef;
  value: number;
  messages: number;
  voiceMinutes: number;
  reactions: number;
  score: number;
}

export interface EventRef {
  streamId: string;
  revision: number;
  eventId: string;
}

export interface ModerationEntry {
  id: string;
  guildId: string;
  action: ModerationAction;
  occurredAt: string;
  target: UserRef | null;
  moderator: UserRef | null;
  reason: string | null;
  certainty: 'CERTAIN' | 'LIKELY' | 'UNKNOWN' | null;
  channelId: string | null;
  count: number | null;
  source: EventRef;
  /** Set when a later entry absorbed this one (a ban's member removal): drop it from the table. */
  supersededBy?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ModerationConnection {
  nodes: ModerationEntry[];
  pageInfo: PageInfo;
}

export interface InviterStats {
  inviter: UserRef;
  joins: number;
  stillPresent: number;
  left: number;
  fake: number;
}

export interface Invite {
  code: string;
  channelId: string | null;
  inviter: UserRef | null;
  uses: number;
  maxUses: number;
  createdAt: string | null;
  expiresAt: string | null;
  temporary: boolean;
}

export interface GuildInvites {
  topInviters: InviterStats[];
  activeInvites: Invite[];
  joinClasses: { joinClass: JoinClass; count: number }[];
}

export interface MembershipChange {
  kind: 'JOIN' | 'LEAVE';
  occurredAt: string;
  joinClass: JoinClass | null;
  inviter: UserRef | null;
  inviteCode: string | null;
}

export interface MemberProfile {
  id: string;
  username: string | null;
  avatar: string | null;
  bot: boolean | null;
  joinedAt: string | null;
  leftAt: string | null;
  present: boolean;
  stats: {
    messages: number;
    voiceMinutes: number;
    reactions: number;
    score: number;
    firstSeen: string | null;
    lastSeen: string | null;
  };
  history: MembershipChange[];
  moderation: ModerationConnection;
}

export interface ModuleConfiguration {
  guildId: string;
  module: string;
  enabled: boolean;
  config: unknown;
  version: number;
}

export interface StoredEvent {
  streamId: string;
  revision: number;
  position: string;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  createdAt: string;
}

export interface EventConnection {
  nodes: StoredEvent[];
  pageInfo: PageInfo;
}
