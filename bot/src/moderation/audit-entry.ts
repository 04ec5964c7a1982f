import { AuditLogEvent, type Guild, type GuildAuditLogsEntry } from 'discord.js';

/** The facts of one audit-log entry the correlators match on. */
export interface AuditEntryInfo {
  id: string;
  guildId: string;
  actionType: number;
  targetId: string | null;
  executorId: string | null;
  executorUsername: string | null;
  reason: string | null;
  channelId: string | null;
  count: number | null;
  createdAt: number;
}

export function auditEntryInfo(guildId: string, e: GuildAuditLogsEntry): AuditEntryInfo {
  const extra = e.extra as { channel?: { id?: string }; count?: number } | null;
  return {
    id: e.id,
    guildId,
    actionType: e.action,
    targetId: e.targetId ?? null,
    executorId: e.executorId ?? null,
    executorUsername: e.executor?.username ?? null,
    reason: e.reason ?? null,
    channelId: extra && typeof extra === 'object' && extra.channel?.id ? extra.channel.id : null,
    count: extra && typeof extra === 'object' && typeof extra.count === 'number' ? extra.count : null,
    createdAt: e.createdTimestamp,
  };
}

/**
 * Fallback when no entry arrived in time: reads the audit log (needs View Audit Log) for an entry of
 * `type` about `targetId` created no earlier than `since`. Returns null on any failure: never guesses.
 */
export async function fetchAuditEntry(
  guild: Guild,
  type: AuditLogEvent,
  match: (e: AuditEntryInfo) => boolean,
  since: number,
): Promise<AuditEntryInfo | null> {
  try {
    const logs = await guild.fetchAuditLogs({ type, limit: 10 });
    for (const entry of logs.entries.values()) {
      const info = auditEntryInfo(guild.id, entry);
      if (info.createdAt >= since && match(info)) return info;
    }
  } catch {
    // Missing permission or REST failure: the caller reports "no evidence".
  }
  return null;
}

export { AuditLogEvent };
