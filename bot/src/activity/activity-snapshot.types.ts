// Shapes of the snapshot payloads built by the collector (seed 000). Structurally compatible with the
// contracts' MetricsSnapshotData / MemberActivitySnapshotData; kept here so the collector stays pure.
export interface MetricsSnapshotData {
  periodStart: number;
  periodEnd: number;
  periodDuration: number;
  metrics: {
    messages: {
      total: number;
      byChannel: Record<string, number>;
      byMember: Record<string, number>;
      topChannels: Array<{ channelId: string; channelName: string; count: number }>;
    };
    voice: {
      totalMinutes: number;
      uniqueUsers: number;
      byChannel: Record<string, number>;
      byMember: Record<string, number>;
      topChannels: Array<{ channelId: string; channelName: string; minutes: number; peakUsers: number }>;
      sessions: { count: number; avgDuration: number };
    };
    reactions: {
      total: number;
      byEmoji: Record<string, number>;
      topEmojis: Array<{ emoji: string; emojiId?: string; emojiName?: string; count: number }>;
      byMember: Record<string, number>;
    };
    topActiveMembers: Array<{
      userId: string;
      username: string;
      avatar?: string | null;
      messages: number;
      voiceMinutes: number;
      reactions: number;
      activityScore: number;
      topChannels: Array<{ channelId: string; channelName: string; messages: number; voiceMinutes: number }>;
    }>;
  };
}

export interface MemberActivitySnapshotData {
  periodStart: number;
  periodEnd: number;
  periodDuration: number;
  members: Array<{
    userId: string;
    username: string;
    discriminator?: string;
    avatar?: string | null;
    messages: { total: number; byChannel: Record<string, number> };
    voice: { totalMinutes: number; byChannel: Record<string, number>; sessions: number };
    reactions: { added: number; received: number };
    isNewMember?: boolean;
    firstSeen?: number;
    lastSeen: number;
  }>;
}
