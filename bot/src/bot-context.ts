import type { BotEventDto } from '@guildscope/contracts';
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { MetricsCollector } from './activity/metrics-collector.js';
import type { EnabledListeners } from './config/listeners.config.js';
import type { InviteTracker } from './invites/invite-tracker.js';
import type { AuditCorrelator } from './moderation/audit-correlator.js';
import type { AuditEntryInfo } from './moderation/audit-entry.js';
import type { RecentMessages } from './moderation/recent-messages.js';
import type { ModuleRuntime } from './modules/module-runtime.js';

export interface CorrelationSettings {
  /** How long a member removal / message delete waits for its audit-log entry (ms). */
  holdMs: number;
  /** How long an audit entry that came first waits for its event (ms). */
  entryTtlMs: number;
}

/** Everything listeners need, passed as one argument (no module singletons). */
export interface BotContext {
  client: Client;
  logger: Logger;
  now: () => number;
  /** Stores the event durably in the outbox and schedules it for sending. */
  emit: (event: BotEventDto) => void;
  collector: MetricsCollector;
  invites: InviteTracker;
  modules: ModuleRuntime;
  enabled: EnabledListeners;
  correlation: CorrelationSettings;
  /** One correlator per consumer so each can use the same audit entry once. */
  audit: {
    removals: AuditCorrelator<AuditEntryInfo>;
    bans: AuditCorrelator<AuditEntryInfo>;
    unbans: AuditCorrelator<AuditEntryInfo>;
    messageDeletes: AuditCorrelator<AuditEntryInfo>;
    bulkDeletes: AuditCorrelator<AuditEntryInfo>;
  };
  /** Author and content of recent messages, for MESSAGE_DELETE (discord.js keeps no messages). */
  recentMessages: RecentMessages;
  /** Messages deleted by this bot (automod): their deleter is known for certain. */
  deletedByBot: Map<string, number>;
}
