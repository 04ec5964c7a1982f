import {
  type BotEventDto,
  formatIssues,
  MAX_NAME_LENGTH,
  MAX_USERNAME_LENGTH,
  parseBotEvent,
} from '@guildscope/contracts';
import { type Client, Events, type Guild } from 'discord.js';
import type { Logger } from 'pino';
import { onMessageCreate } from './activity/message-create.listener.js';
import { onMessageReactionAdd } from './activity/message-reaction-add.listener.js';
import { MetricsCollector } from './activity/metrics-collector.js';
import type { MetricsConfig } from './activity/metrics-config.js';
import { onVoiceStateUpdate } from './activity/voice-state-update.listener.js';
import type { BotContext, CorrelationSettings } from './bot-context.js';
import { botEvent } from './bot-event.builder.js';
import type { EnabledListeners } from './config/listeners.config.js';
import { createDiscordClient } from './discord/create-client.js';
import { ConfigFeed } from './gateway/config-feed.js';
import { GatewayClient } from './gateway/gateway-client.js';
import { onGuildCreate } from './guilds/guild-create.listener.js';
import { onGuildDelete } from './guilds/guild-delete.listener.js';
import { onGuildUpdate } from './guilds/guild-update.listener.js';
import { onReady } from './guilds/ready.listener.js';
import { onGuildMemberAdd } from './invites/guild-member-add.listener.js';
import { onInviteCreate } from './invites/invite-create.listener.js';
import { onInviteDelete } from './invites/invite-delete.listener.js';
import { InviteTracker } from './invites/invite-tracker.js';
import { AuditCorrelator } from './moderation/audit-correlator.js';
import { onAutoModerationActionExecution } from './moderation/auto-moderation-action-execution.listener.js';
import { onGuildAuditLogEntryCreate } from './moderation/guild-audit-log-entry-create.listener.js';
import { onGuildBanAdd } from './moderation/guild-ban-add.listener.js';
import { onGuildBanRemove } from './moderation/guild-ban-remove.listener.js';
import { onGuildMemberRemove } from './moderation/guild-member-remove.listener.js';
import { onMessageDelete } from './moderation/message-delete.listener.js';
import { onMessageDeleteBulk } from './moderation/message-delete-bulk.listener.js';
import { RecentMessages } from './moderation/recent-messages.js';
import { AutomodModule } from './modules/automod/automod.module.js';
import { ModuleRuntime } from './modules/module-runtime.js';
import { WelcomeModule } from './modules/welcome/welcome.module.js';
import { Outbox } from './outbox/outbox.js';

export interface BotOptions {
  discordToken: string;
  /** REST base (`DISCORD_API_BASE`), e.g. the simulator's `http://127.0.0.1:PORT/api`. */
  apiBase?: string;
  /** discord.js shard ids this process runs (set by the ShardingManager through env). */
  shards?: number[];
  shardCount?: number;
  gateway: { url: string; token: string; botId: string; shardId: number } | null;
  outboxPath: string;
  outboxMaxEvents: number;
  metrics: MetricsConfig;
  enabled: EnabledListeners;
  correlation: CorrelationSettings;
  messageCacheSize?: number;
  logger: Logger;
  now?: () => number;
  /**
   * Which events are validated with the contracts before they are stored: `all` (default), or
   * `non-snapshot` to skip the collector's snapshots (built by tested code; their validation costs
   * about as much as a busy shard's whole message counting).
   */
  validate?: 'all' | 'non-snapshot';
  /** Observes every event after it is stored (tests, diagnostics). */
  onEvent?: (event: BotEventDto) => void;
}

/**
 * The bot: a discord.js client whose listeners build contract DTOs, a metrics collector, the durable
 * outbox + gateway client, and the live module runtime fed by the gateway's config feed.
 */
export class Bot {
  readonly client: Client;
  readonly outbox: Outbox<BotEventDto>;
  readonly collector: MetricsCollector;
  readonly modules: ModuleRuntime;
  readonly welcome: WelcomeModule;
  readonly automod: AutomodModule;
  readonly gateway: GatewayClient | null;
  readonly configFeed: ConfigFeed;
  readonly ctx: BotContext;
  private readonly now: () => number;
  private stopped = false;
  private pending = new Set<Promise<unknown>>();

  constructor(private readonly o: BotOptions) {
    this.now = o.now ?? Date.now;
    const logger = o.logger;
    this.client = createDiscordClient({
      ...(o.apiBase ? { apiBase: o.apiBase } : {}),
      ...(o.shards ? { shards: o.shards } : {}),
      ...(o.shardCount ? { shardCount: o.shardCount } : {}),
    });
    this.client.rest.setToken(o.discordToken);
    this.outbox = new Outbox<BotEventDto>(o.outboxPath, { maxEvents: o.outboxMaxEvents, logger });
    this.gateway = o.gateway
      ? new GatewayClient({
          ...o.gateway,
          guildIds: () => [...this.client.guilds.cache.keys()],
          configPosition: () => this.configFeed.position(),
          outbox: this.outbox,
          logger,
          onSocket: (socket) => this.configFeed.attach(socket),
        })
      : null;
    this.collector = new MetricsCollector(
      o.metrics,
      {
        channelName: (g, c) => {
          const ch = this.client.guilds.cache.get(g)?.channels.cache.get(c);
          return (ch && 'name' in ch && ch.name ? ch.name : 'unknown').slice(0, MAX_NAME_LENGTH);
        },
        member: (g, u) => {
          const user =
            this.client.guilds.cache.get(g)?.members.cache.get(u)?.user ?? this.client.users.cache.get(u);
          return {
            username: (user?.username ?? u).slice(0, MAX_USERNAME_LENGTH),
            avatar: user?.avatar ?? null,
            ...(user?.discriminator ? { discriminator: user.discriminator } : {}),
          };
        },
      },
      (s) => this.emit(botEvent(s.type, s.guildId, s.data, s.timestamp)),
      this.now(),
    );
    this.modules = new ModuleRuntime(logger);
    const deletedByBot = new Map<string, number>();
    this.welcome = new WelcomeModule(this.client, logger);
    this.automod = new AutomodModule(this.client, logger, (e) => this.emit(e), this.now, deletedByBot);
    this.modules.register(this.welcome);
    this.modules.register(this.automod);
    this.configFeed = new ConfigFeed(
      this.modules,
      this.outbox,
      logger,
      () => new Set(this.client.guilds.cache.keys()),
    );
    const ttl = o.correlation.entryTtlMs;
    this.ctx = {
      client: this.client,
      logger,
      now: this.now,
      emit: (e) => this.emit(e),
      collector: this.collector,
      invites: new InviteTracker(logger, this.now),
      modules: this.modules,
      enabled: o.enabled,
      correlation: o.correlation,
      audit: {
        removals: new AuditCorrelator(ttl, this.now),
        bans: new AuditCorrelator(ttl, this.now),
        unbans: new AuditCorrelator(ttl, this.now),
        messageDeletes: new AuditCorrelator(ttl, this.now),
        bulkDeletes: new AuditCorrelator(ttl, this.now),
      },
      deletedByBot,
      recentMessages: new RecentMessages(o.messageCacheSize ?? 50),
    };
    this.registerListeners();
  }

  /**
   * Validates, stores durably, then sends at once: every accepted type is critical or a snapshot the
   * collector already waited a period for, so nothing is held back for batching (the backlog of an
   * outage still goes out in batches of up to 500).
   */
  emit(event: BotEventDto): void {
    const skip = this.o.validate === 'non-snapshot' && event.type.endsWith('_SNAPSHOT');
    const parsed = skip ? ({ ok: true } as const) : parseBotEvent(event);
    if (!parsed.ok) {
      this.o.logger.error(
        { component: 'bot', type: event.type, guildId: event.guildId, errors: formatIssues(parsed.errors) },
        'built an event the contracts refuse: not sent',
      );
      return;
    }
    const seq = this.outbox.append(event, this.now());
    if (seq === null) return;
    this.o.onEvent?.(event);
    this.gateway?.pump();
  }

  /** Logs in and resolves once ready (guilds synced, invite caches loaded); starts the gateway link. */
  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => {
      this.client.once(Events.ClientReady, (c) => {
        this.track(
          onReady(this.ctx, c).then(() => {
            this.gateway?.start();
            this.collector.startTimers(this.now);
            resolve();
          }),
        );
      });
    });
    await this.client.login(this.o.discordToken);
    await ready;
  }

  /**
   * Graceful stop: flush the collector (no counted activity is lost), wait (bounded) for the outbox to
   * drain, then close everything. Whatever is not acked stays in the outbox; resolves with how many
   * events that is.
   */
  async stop(opts: { drainTimeoutMs?: number } = {}): Promise<number> {
    if (this.stopped) return 0;
    this.stopped = true;
    this.collector.stopTimers();
    for (const c of Object.values(this.ctx.audit)) c.close();
    await Promise.allSettled([...this.pending]);
    this.collector.flushAll(this.now());
    if (this.gateway?.connected) {
      await this.gateway.drained(opts.drainTimeoutMs ?? 5_000).catch((err) => {
        this.o.logger.warn({ component: 'bot', err: String(err) }, 'stopping with events left in the outbox');
      });
    }
    this.gateway?.stop();
    await this.client.destroy();
    const left = this.outbox.pending();
    this.outbox.close();
    return left;
  }

  /** Discord shard ids this process runs (resolved by discord.js at login). */
  shardIds(): number[] {
    const s = this.client.options.shards;
    return Array.isArray(s) ? [...s] : typeof s === 'number' ? [s] : [];
  }

  private track(p: Promise<unknown>): void {
    const t = p.catch((err) =>
      this.o.logger.error(
        { component: 'bot', err: String(err), stack: (err as Error)?.stack },
        'listener failed',
      ),
    );
    this.pending.add(t);
    void t.finally(() => this.pending.delete(t));
  }

  private registerListeners(): void {
    const c = this.client;
    const ctx = this.ctx;
    const e = this.o.enabled;
    const run = (fn: () => unknown) => {
      if (this.stopped) return;
      try {
        const r = fn();
        if (r instanceof Promise) this.track(r);
      } catch (err) {
        this.track(Promise.reject(err));
      }
    };
    if (e.GUILD_BAN_ADD) c.on(Events.GuildBanAdd, (ban) => run(() => onGuildBanAdd(ctx, ban)));
    if (e.GUILD_BAN_REMOVE) c.on(Events.GuildBanRemove, (ban) => run(() => onGuildBanRemove(ctx, ban)));
    if (e.GUILD_MEMBER_REMOVE) c.on(Events.GuildMemberRemove, (m) => run(() => onGuildMemberRemove(ctx, m)));
    c.on(Events.GuildMemberAdd, (m) => run(() => onGuildMemberAdd(ctx, m)));
    if (e.MESSAGE_DELETE) c.on(Events.MessageDelete, (m) => run(() => onMessageDelete(ctx, m)));
    if (e.MESSAGE_DELETE_BULK) {
      c.on(Events.MessageBulkDelete, (msgs, channel) => run(() => onMessageDeleteBulk(ctx, msgs, channel)));
    }
    // Always on: audit entries also drive moderator attribution; the flag only controls the event.
    c.on(Events.GuildAuditLogEntryCreate, (entry, guild) =>
      run(() => onGuildAuditLogEntryCreate(ctx, entry, guild)),
    );
    if (e.AUTO_MODERATION_ACTION_EXECUTION) {
      c.on(Events.AutoModerationActionExecution, (x) => run(() => onAutoModerationActionExecution(ctx, x)));
    }
    c.on(Events.InviteCreate, (i) => run(() => onInviteCreate(ctx, i)));
    c.on(Events.InviteDelete, (i) => run(() => onInviteDelete(ctx, i)));
    c.on(Events.GuildCreate, (g: Guild) =>
      run(() =>
        onGuildCreate(ctx, g, (guildId) =>
          this.gateway?.addGuilds([guildId], (snap) => this.configFeed.applyAddedGuilds(snap)),
        ),
      ),
    );
    c.on(Events.GuildDelete, (g) => run(() => onGuildDelete(ctx, g)));
    if (e.GUILD_UPDATE) c.on(Events.GuildUpdate, (o, n) => run(() => onGuildUpdate(ctx, o, n)));
    if (e.MESSAGE_CREATE) c.on(Events.MessageCreate, (m) => run(() => onMessageCreate(ctx, m)));
    if (e.VOICE_STATE_UPDATE)
      c.on(Events.VoiceStateUpdate, (o, n) => run(() => onVoiceStateUpdate(ctx, o, n)));
    if (e.MESSAGE_REACTION_ADD)
      c.on(Events.MessageReactionAdd, (r, u) => run(() => onMessageReactionAdd(ctx, r, u)));
  }
}
