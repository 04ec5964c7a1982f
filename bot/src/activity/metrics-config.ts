/** Aggregation settings (seed 000, "Configuration globale"). */
export interface MetricsConfig {
  /** How often a METRICS_SNAPSHOT is emitted per active guild (ms). */
  snapshotInterval: number;
  /** How often a MEMBER_ACTIVITY_SNAPSHOT is emitted per active guild (ms). */
  memberActivityInterval: number;
  maxTopMembers: number;
  maxTopChannels: number;
  maxTopEmojis: number;
  trackMessages: boolean;
  trackVoice: boolean;
  trackReactions: boolean;
  trackDetailedMembers: boolean;
  trackInvites: boolean;
  trackModeration: boolean;
}

export const DEFAULT_METRICS_CONFIG: MetricsConfig = {
  snapshotInterval: 60_000,
  memberActivityInterval: 300_000,
  maxTopMembers: 20,
  maxTopChannels: 10,
  maxTopEmojis: 15,
  trackMessages: true,
  trackVoice: true,
  trackReactions: true,
  trackDetailedMembers: true,
  trackInvites: true,
  trackModeration: true,
};
