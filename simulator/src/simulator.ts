import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIAutoModerationRule, APIUser } from 'discord-api-types/v10';
import { GatewayCloseCodes } from 'discord-api-types/v10';
import { type Logger, pino } from 'pino';
import { WebSocketServer } from 'ws';
import type { ActionContext, SimSettings } from './actions/action-context.js';
import * as automod from './actions/automod.actions.js';
import * as guilds from './actions/guild.actions.js';
import * as invites from './actions/invite.actions.js';
import * as messages from './actions/message.actions.js';
import * as moderation from './actions/moderation.actions.js';
import * as reactions from './actions/reaction.actions.js';
import * as voice from './actions/voice.actions.js';
import { handleControlRequest } from './control/control-api.js';
import { type Clock, systemClock } from './core/clock.js';
import { SnowflakeGenerator } from './core/snowflake.js';
import { type GatewayOptions, GatewayServer } from './gateway/gateway-server.js';
import type { RateLimitRule } from './rest/rest-chaos.js';
import { type RestLogEntry, RestServer } from './rest/rest-server.js';
import { registerChannelRoutes } from './rest/routes/channel.routes.js';
import { registerGatewayRoutes } from './rest/routes/gateway.routes.js';
import { registerGuildRoutes } from './rest/routes/guild.routes.js';
import type { RouteContext } from './rest/routes/route-context.js';
import { TruthLedger } from './truth/truth-ledger.js';
import { memberPermissions } from './world/permissions.js';
import { World } from './world/world.js';
import type { PostedMessage, SimEmoji, SimGuild } from './world/world.types.js';

export interface SimulatorOptions {
  /** The bot token clients must present (default a fixed development token). */
  token?: string;
  /** More accepted tokens (all identify as the same bot user). */
  extraTokens?: string[];
  botUsername?: string;
  /** Time source for snowflakes and timestamps; a `ManualClock` makes seeded runs repeat exactly. */
  clock?: Clock;
  logger?: Logger;
  gateway?: Partial<GatewayOptions>;
  /** `shards` in GET /gateway/bot (used by `shards: 'auto'` and ShardingManager). */
  recommendedShards?: number;
  /** `session_start_limit.max_concurrency`: discord.js spaces identifies 5 s apart per bucket. */
  maxConcurrency?: number;
  settings?: Partial<SimSettings>;
  /** Messages kept per channel for REST reads, deletes and reactions. */
  messageRetention?: number;
}

export interface SimulatorUrls {
  /** For discord.js `rest: { api }` (the client appends `/v10`). */
  restBase: string;
  gatewayUrl: string;
  /** Base of the HTTP JSON control API. */
  controlBase: string;
}

export const DEFAULT_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.SimuLa.tor-development-token-not-secret';

export const defaultSettings: SimSettings = {
  auditMergeWindowMs: 5 * 60_000,
  auditTiming: { position: 'after' },
  inviteDeleteBeforeJoin: false,
};

/**
 * A fake Discord: Gateway v10 + REST on one loopback port, a world model, and high-level actions that emit
 * what Discord emits. Tests drive it through these methods; other processes through `/_sim/...`.
 */
export class Simulator {
  readonly world: World;
  readonly gateway: GatewayServer;
  readonly rest: RestServer;
  readonly clock: Clock;
  readonly ids: SnowflakeGenerator;
  readonly token: string;
  readonly logger: Logger;
  readonly settings: SimSettings;
  /** What really happened, per guild, recorded by every action: the ground truth an oracle compares with. */
  readonly truth: TruthLedger;
  private readonly tokens: Set<string>;
  private readonly ctx: RouteContext;
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private port = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];

  constructor(options: SimulatorOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? pino({ level: process.env.SIM_LOG_LEVEL ?? 'warn', name: 'simulator' });
    this.ids = new SnowflakeGenerator(this.clock);
    this.token = options.token ?? DEFAULT_TOKEN;
    this.tokens = new Set([this.token, ...(options.extraTokens ?? [])]);
    this.settings = { ...defaultSettings, ...options.settings };
    // The bot account is two years old, like a real application's bot user.
    const botUser: APIUser = {
      id: this.ids.at(this.clock.now() - 2 * 365 * 24 * 3600_000),
      username: options.botUsername ?? 'Guildscope',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    };
    this.world = new World(botUser, botUser.id, options.messageRetention);
    this.truth = new TruthLedger(this.world, this.clock);
    const isValidToken = (t: string) => this.tokens.has(t);
    this.gateway = new GatewayServer(
      {
        world: this.world,
        clock: this.clock,
        logger: this.logger,
        isValidToken,
        resumeUrl: () => this.urls.gatewayUrl,
        botPermissions: (guild) => memberPermissions(guild, botUser.id),
      },
      options.gateway,
    );
    this.rest = new RestServer({ logger: this.logger, clock: this.clock, isValidToken });
    this.ctx = {
      world: this.world,
      gateway: this.gateway,
      clock: this.clock,
      ids: this.ids,
      logger: this.logger,
      settings: this.settings,
      truth: this.truth,
      later: (ms, fn) => this.later(ms, fn),
      gatewayUrl: () => this.urls.gatewayUrl,
      recommendedShards: options.recommendedShards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
    };
    registerGatewayRoutes(this.rest.router, this.ctx);
    registerGuildRoutes(this.rest.router, this.ctx);
    registerChannelRoutes(this.rest.router, this.ctx);
  }

  /** The context actions run in (for scenario scripts and the traffic generator). */
  get actionContext(): ActionContext {
    return this.ctx;
  }

  get botUser(): APIUser {
    return this.world.botUser;
  }

  get urls(): SimulatorUrls {
    const base = `127.0.0.1:${this.port}`;
    return {
      restBase: `http://${base}/api`,
      gatewayUrl: `ws://${base}/gateway`,
      controlBase: `http://${base}/_sim`,
    };
  }

  /** Listens on loopback (`port: 0` picks a free port). */
  async start(opts: { port?: number; host?: string } = {}): Promise<SimulatorUrls> {
    if (this.server) throw new Error('Simulator already started');
    const wss = new WebSocketServer({ noServer: true });
    const server = createServer((req, res) => {
      const url = req.url ?? '/';
      if (url.startsWith('/api/')) void this.rest.handle(req, res, url.slice(4));
      else if (url.startsWith('/_sim/')) void handleControlRequest(this, req, res, url.slice(5));
      else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: '404: Not Found', code: 0 }));
      }
    });
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://sim');
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (url.searchParams.get('v') !== null && url.searchParams.get('v') !== '10') {
          ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
          return;
        }
        if ((url.searchParams.get('encoding') ?? 'json') !== 'json') {
          ws.close(GatewayCloseCodes.DecodeError, 'Only JSON encoding is simulated');
          return;
        }
        this.gateway.accept(ws);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.wss = wss;
    this.logger.info(this.urls, 'simulator listening');
    return this.urls;
  }

  /** Closes every connection and the port; pending delayed events are dropped. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.flushIdle();
    this.gateway.closeAll();
    this.wss?.close();
    const server = this.server;
    this.server = null;
    this.wss = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Resolves when every delayed event (e.g. a late audit entry) has been sent. */
  settled(): Promise<void> {
    if (this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        fn();
      } finally {
        if (this.timers.size === 0) this.flushIdle();
      }
    }, ms);
    this.timers.add(timer);
  }

  private flushIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  // ---- world setup (no events unless stated) ----
  createUser = (input: guilds.CreateUserInput) => guilds.createUser(this.ctx, input);
  /** Creates a guild (with the bot in it unless `botPresent: false`); connected clients get its GUILD_CREATE. */
  createGuild = (input: guilds.CreateGuildInput): SimGuild => guilds.createGuild(this.ctx, input);
  addMember = (guildId: string, userId: string, opts?: guilds.AddMemberOptions) =>
    guilds.addMember(this.ctx, guildId, userId, opts);
  /** Creates `count` users (accounts `accountAgeDays` old) and makes them members silently. */
  populate(
    guildId: string,
    count: number,
    opts: { accountAgeDays?: number; prefix?: string } = {},
  ): APIUser[] {
    const users: APIUser[] = [];
    const age = (opts.accountAgeDays ?? 400) * 24 * 3600_000;
    for (let i = 0; i < count; i++) {
      const user = this.createUser({
        username: `${opts.prefix ?? 'member'}-${i}`,
        createdAt: this.clock.now() - age,
      });
      this.addMember(guildId, user.id, { joinedAt: this.clock.now() - age / 2 });
      users.push(user);
    }
    return users;
  }
  guildRoles = (guildId: string) => guilds.guildRoles(this.world.guild(guildId));
  /** Text and voice channel ids of a guild, in creation order. */
  channels(guildId: string): { text: string[]; voice: string[] } {
    const all = [...this.world.guild(guildId).channels.values()];
    return {
      text: all.filter((c) => c.type === 0).map((c) => c.id),
      voice: all.filter((c) => c.type === 2).map((c) => c.id),
    };
  }

  // ---- guild lifecycle ----
  updateGuild = (guildId: string, input: guilds.GuildUpdateInput) =>
    guilds.updateGuild(this.ctx, guildId, input);
  addBotToGuild = (guildId: string) => guilds.addBotToGuild(this.ctx, guildId);
  removeBotFromGuild = (guildId: string) => guilds.removeBotFromGuild(this.ctx, guildId);
  /** Sets the bot role's permissions (e.g. without ManageGuild: GET invites then answers 50013). */
  setBotPermissions = (guildId: string, permissions: bigint) =>
    guilds.setBotPermissions(this.ctx, guildId, permissions);

  // ---- moderation ----
  ban = (guildId: string, userId: string, input: moderation.ModerationInput) =>
    moderation.ban(this.ctx, guildId, userId, input);
  unban = (guildId: string, userId: string, input: moderation.ModerationInput) =>
    moderation.unban(this.ctx, guildId, userId, input);
  kick = (guildId: string, userId: string, input: moderation.ModerationInput) =>
    moderation.kick(this.ctx, guildId, userId, input);
  leave = (guildId: string, userId: string) => moderation.leave(this.ctx, guildId, userId);
  timeout = (guildId: string, userId: string, input: moderation.TimeoutInput) =>
    moderation.timeout(this.ctx, guildId, userId, input);
  updateMemberRoles = (guildId: string, userId: string, input: moderation.RoleUpdateInput) =>
    moderation.updateMemberRoles(this.ctx, guildId, userId, input);
  setNickname = (guildId: string, userId: string, nick: string | null, input: moderation.ModerationInput) =>
    moderation.setNickname(this.ctx, guildId, userId, nick, input);

  // ---- messages and reactions ----
  sendMessage = (channelId: string, input: messages.SendMessageInput) =>
    messages.sendMessage(this.ctx, channelId, input);
  deleteMessage = (channelId: string, messageId: string, input?: messages.DeleteMessageInput) =>
    messages.deleteMessage(this.ctx, channelId, messageId, input);
  bulkDelete = (channelId: string, messageIds: string[], input: Parameters<typeof messages.bulkDelete>[3]) =>
    messages.bulkDelete(this.ctx, channelId, messageIds, input);
  addReaction = (channelId: string, messageId: string, userId: string, emoji: SimEmoji) =>
    reactions.addReaction(this.ctx, channelId, messageId, userId, emoji);
  removeReaction = (channelId: string, messageId: string, userId: string, emoji: SimEmoji) =>
    reactions.removeReaction(this.ctx, channelId, messageId, userId, emoji);
  removeAllReactions = (channelId: string, messageId: string) =>
    reactions.removeAllReactions(this.ctx, channelId, messageId);
  removeEmojiReactions = (channelId: string, messageId: string, emoji: SimEmoji) =>
    reactions.removeEmojiReactions(this.ctx, channelId, messageId, emoji);
  /** Messages the bot posted through REST (welcome messages...), optionally for one channel. */
  postedMessages(channelId?: string): PostedMessage[] {
    return this.world.posted.filter((m) => channelId === undefined || m.channelId === channelId);
  }

  // ---- invites and joins ----
  createInvite = (channelId: string, input: invites.CreateInviteInput) =>
    invites.createInvite(this.ctx, channelId, input);
  deleteInvite = (code: string, opts?: { by?: string }) => invites.deleteInvite(this.ctx, code, opts);
  join = (guildId: string, request: invites.JoinRequest) => invites.join(this.ctx, guildId, request);
  joinTogether = (guildId: string, requests: invites.JoinRequest[]) =>
    invites.joinTogether(this.ctx, guildId, requests);
  addBotUser = (guildId: string, botUserId: string, addedBy: string) =>
    invites.addBotUser(this.ctx, guildId, botUserId, addedBy);

  // ---- voice ----
  joinVoice = (guildId: string, userId: string, channelId: string, flags?: voice.VoiceFlags) =>
    voice.joinVoice(this.ctx, guildId, userId, channelId, flags);
  moveVoice = (guildId: string, userId: string, channelId: string, opts?: { moderatorId?: string }) =>
    voice.moveVoice(this.ctx, guildId, userId, channelId, opts);
  leaveVoice = (guildId: string, userId: string) => voice.leaveVoice(this.ctx, guildId, userId);
  setVoiceFlags = (guildId: string, userId: string, flags: voice.VoiceFlags) =>
    voice.setVoiceFlags(this.ctx, guildId, userId, flags);

  // ---- AutoMod ----
  createAutoModRule = (guildId: string, input: automod.CreateAutoModRuleInput): APIAutoModerationRule =>
    automod.createAutoModRule(this.ctx, guildId, input);
  triggerAutoMod = (guildId: string, input: automod.AutoModTriggerInput) =>
    automod.triggerAutoMod(this.ctx, guildId, input);

  // ---- chaos ----
  /** Op 7 to every connected session (or one): discord.js reconnects and RESUMEs. */
  forceReconnect = (sessionId?: string) => this.gateway.requestReconnect(sessionId);
  /** Op 9; `resumable: false` (default) makes the client IDENTIFY afresh. */
  invalidateSession = (resumable = false, sessionId?: string) =>
    this.gateway.invalidateSession(resumable, sessionId);
  /** Closes the TCP connections without a close frame; sessions stay resumable. */
  dropConnections = (sessionId?: string) => this.gateway.dropConnections(sessionId);
  /** Delays every REST answer by `ms` (0 to stop). */
  setRestDelay(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('delay must be >= 0');
    this.rest.chaos.delayMs = ms;
  }
  /** Answers the next `count` matching REST requests with 429 and retry-after. */
  rateLimit = (rule: RateLimitRule) => this.rest.chaos.rateLimit(rule);
  clearChaos = () => this.rest.chaos.clear();

  // ---- observation ----
  get restLog(): readonly RestLogEntry[] {
    return this.rest.log;
  }
}
