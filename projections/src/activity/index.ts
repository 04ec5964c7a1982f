export {
  ACTIVITY_EVENT_TYPES,
  type ActivityProjectionOptions,
  activityProjection,
  createActivityProjection,
} from './activity.projection.js';
export {
  type ActivitySeriesQuery,
  type ActivityTotals,
  activitySeries,
  type GuildOverview,
  guildOverview,
  LEADERBOARD_METRICS,
  type LeaderboardEntry,
  type LeaderboardMetric,
  type LeaderboardQuery,
  leaderboard,
  MAX_LEADERBOARD_LIMIT,
  MAX_SERIES_POINTS,
  type MemberActivity,
  memberActivity,
  SERIES_BUCKETS,
  SERIES_METRICS,
  type SeriesColumns,
  type SeriesMetric,
} from './activity.queries.js';
export {
  applyRetention,
  applyRetentionHorizons,
  DEFAULT_RAW_RETENTION_DAYS,
  type RetentionOptions,
  type RetentionOutcome,
  readRetentionHorizons,
} from './activity.retention.js';
export {
  type CaggGroup,
  MEMBER_DETAIL_CAGGS,
  METRICS_CAGGS,
  type RefreshOutcome,
  refreshPendingWindows,
} from './activity-cagg.refresh.js';
export { InvalidActivityQueryError } from './activity-query.errors.js';
export { RETENTION_EVERY_MS, scheduleRetention } from './retention.schedule.js';
export { SnapshotDataError } from './snapshot-data.reader.js';
export type { SeriesBucket } from './time-range.js';
