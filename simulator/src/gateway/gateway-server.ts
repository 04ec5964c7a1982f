import { randomBytes } from 'node:crypto';
import {
  type APIGuildMember,
  type ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayGuildMembersChunkDispatchData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GatewayRequestGuildMembersData,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Clock } from '../core/clock.js';
import { shardForGuild } from '../core/snowflake.js';
import { toApiMember, toGuildCreate } from '../world/serialize.js';
import type { World } from '../world/world.js';
import type { SimGuild } from '../world/world.types.js';
import { type FrameSink, type GatewaySession, webSocketSink } from './gateway-session.js';
import { ALL_INTENTS, allows, CONTENT_EVENTS, PRIVILEGED_INTENTS } from './intents.js';

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** Privileged intents the "developer portal" allows; asking for others closes with 4014. */
  allowedPrivilegedIntents: number;
  /** Dispatches kept per session for RESUME. */
  resumeBufferSize: number;
  /** How long a disconnected session can still be resumed. */
  resumeWindowMs: number;
}

export const defaultGatewayOptions: GatewayOptions = {
  heartbeatIntervalMs: 41_250,
  allowedPrivilegedIntents: PRIVILEGED_INTENTS,
  resumeBufferSize: 20_000,
  resumeWindowMs: 5 * 60_000,
};

export interface DispatchOptions {
  /** A permission the bot needs in the guild for Discord to send the event (e.g. View Audit Log). */
  requiresPermission?: bigint;
  /** Builds the payload a client without MESSAGE_CONTENT receives instead (called only if one exists). */
  withoutContent?: () => object;
  /** The same as already-serialised JSON (hot paths build it by concatenation). */
  withoutContentJson?: () => string;
}

/** A payload object, or a function returning its JSON, called at most once and only if a session gets it. */
export type DispatchPayload = object | (() => string);

const NO_OPTIONS: DispatchOptions = Object.freeze({});

/** The payload's JSON (built JSON stays a concatenation: the frame's UTF-8 encoding reads it once anyway). */
const serialize = (data: DispatchPayload): string =>
  typeof data === 'function' ? (data as () => string)() : JSON.stringify(data);

interface GatewayDeps {
  world: World;
  clock: Clock;
  logger: Logger;
  isValidToken: (token: string) => boolean;
  resumeUrl: () => string;
  botPermissions: (guild: SimGuild) => bigint;
}

/** Counters readable by tests and the control API. */
export interface GatewayStats {
  identifies: number;
  resumes: number;
  dispatches: number;
  framesSent: number;
  bytesSent: number;
}

/**
 * The Gateway v10 side: HELLO, IDENTIFY -> READY + one GUILD_CREATE per guild of the shard, heartbeats,
 * RESUME with replay, op 8 member chunks, and dispatch routing by shard and intents.
 */
export class GatewayServer {
  readonly sessions = new Map<string, GatewaySession>();
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, dispatches: 0, framesSent: 0, bytesSent: 0 };
  private readonly connections = new Set<FrameSink>();
  private readonly options: GatewayOptions;

  constructor(
    private readonly deps: GatewayDeps,
    options: Partial<GatewayOptions> = {},
  ) {
    this.options = { ...defaultGatewayOptions, ...options };
    if (!(Number.isInteger(this.options.resumeBufferSize) && this.options.resumeBufferSize >= 1))
      throw new RangeError(`resumeBufferSize must be an integer >= 1 (got ${this.options.resumeBufferSize})`);
  }

  /** Handles one WebSocket connection until it closes. */
  accept(ws: WebSocket): void {
    const sink = webSocketSink(ws);
    this.connections.add(sink);
    let session: GatewaySession | null = null;
    this.sendRaw(sink, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs },
    });

    ws.on('message', (raw) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      session = this.onPayload(sink, session, payload);
    });
    ws.on('close', (code) => {
      this.connections.delete(sink);
      if (!session || session.sink !== sink) return;
      session.sink = null;
      session.disconnectedAt = this.deps.clock.now();
      // A client closing normally (1000/1001) ends its session; any other close keeps it resumable.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
    ws.on('error', (error) => this.deps.logger.debug({ err: error }, 'gateway socket error'));
  }

  /** Opens a session without a socket (benchmarks and in-process consumers); returns it for inspection. */
  openVirtualSession(opts: { intents: number; shard?: [number, number]; sink: FrameSink }): GatewaySession {
    const session = this.createSession(opts.intents, opts.shard ?? [0, 1], 250, opts.sink);
    return session;
  }

  /** Sends a dispatch to every session whose shard holds the guild and whose intents allow the event. */
  dispatch(
    guildId: string,
    event: GatewayDispatchEvents,
    data: DispatchPayload,
    opts: DispatchOptions = NO_OPTIONS,
  ): void {
    this.stats.dispatches++;
    if (opts.requiresPermission !== undefined) {
      const guild = this.deps.world.guilds.get(guildId);
      if (!guild || (this.deps.botPermissions(guild) & opts.requiresPermission) !== opts.requiresPermission)
        return;
    }
    let json: string | undefined;
    let jsonWithoutContent: string | undefined;
    for (const session of this.sessions.values()) {
      if (!allows(session.intents, event)) continue;
      if (session.shardCount > 1 && this.shardOf(guildId, session.shardCount) !== session.shardId) continue;
      const stripped =
        (opts.withoutContent !== undefined || opts.withoutContentJson !== undefined) &&
        (session.intents & GatewayIntentBits.MessageContent) === 0 &&
        CONTENT_EVENTS.has(event);
      let d: string;
      if (stripped) {
        jsonWithoutContent ??= opts.withoutContentJson
          ? opts.withoutContentJson()
          : JSON.stringify(opts.withoutContent!());
        d = jsonWithoutContent;
      } else {
        json ??= serialize(data);
        d = json;
      }
      this.sendDispatch(session, event, d);
    }
  }

  private readonly guildShardKey = new Map<string, bigint>();

  /** `(guild_id >> 22) % count`, with the BigInt shift cached per guild (dispatch is the hot path). */
  private shardOf(guildId: string, count: number): number {
    let key = this.guildShardKey.get(guildId);
    if (key === undefined) {
      key = BigInt(guildId) >> 22n;
      this.guildShardKey.set(guildId, key);
    }
    return Number(key % BigInt(count));
  }

  /** Chaos: asks every connected client (or one session) to reconnect and resume (op 7). */
  requestReconnect(sessionId?: string): number {
    return this.forConnected(sessionId, (s) =>
      this.sendRaw(s.sink!, { op: GatewayOpcodes.Reconnect, d: null }),
    );
  }

  /** Chaos: invalid session (op 9); `resumable: false` forces a fresh IDENTIFY. */
  invalidateSession(resumable: boolean, sessionId?: string): number {
    return this.forConnected(sessionId, (s) => {
      if (!resumable) this.sessions.delete(s.id);
      this.sendRaw(s.sink!, { op: GatewayOpcodes.InvalidSession, d: resumable });
    });
  }

  /** Chaos: drops the TCP connection without a close frame; the session stays resumable. */
  dropConnections(sessionId?: string): number {
    return this.forConnected(sessionId, (s) => s.sink!.close());
  }

  /** Sends a GUILD_CREATE to every session that should see a guild the bot just joined. */
  sendGuildCreate(guild: SimGuild, joinedAt: string): void {
    for (const session of this.sessions.values()) {
      if (shardForGuild(guild.id, session.shardCount) !== session.shardId) continue;
      if (!allows(session.intents, GatewayDispatchEvents.GuildCreate)) continue;
      this.sendDispatch(
        session,
        GatewayDispatchEvents.GuildCreate,
        JSON.stringify(this.guildCreate(session, guild, joinedAt)),
      );
    }
  }

  /** Closes every socket (server shutdown). */
  closeAll(): void {
    for (const sink of this.connections) sink.close(1001, 'Simulator stopping');
    this.connections.clear();
    this.sessions.clear();
  }

  connectedSessions(): GatewaySession[] {
    return [...this.sessions.values()].filter((s) => s.sink !== null);
  }

  private forConnected(sessionId: string | undefined, fn: (s: GatewaySession) => void): number {
    const targets = this.connectedSessions().filter((s) => sessionId === undefined || s.id === sessionId);
    for (const s of targets) fn(s);
    return targets.length;
  }

  private onPayload(
    sink: FrameSink,
    session: GatewaySession | null,
    payload: { op?: unknown; d?: unknown },
  ): GatewaySession | null {
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.sendRaw(sink, { op: GatewayOpcodes.HeartbeatAck });
        return session;
      case GatewayOpcodes.Identify:
        if (session) {
          sink.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
          return session;
        }
        return this.identify(sink, payload.d as IdentifyData);
      case GatewayOpcodes.Resume:
        if (session) {
          sink.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
          return session;
        }
        return this.resume(sink, payload.d as { token: string; session_id: string; seq: number });
      case GatewayOpcodes.RequestGuildMembers:
        if (!session) sink.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        else this.requestGuildMembers(session, payload.d as GatewayRequestGuildMembersData);
        return session;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!session) sink.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return session;
      default:
        sink.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
        return session;
    }
  }

  private identify(sink: FrameSink, d: IdentifyData): GatewaySession | null {
    if (!d || typeof d.token !== 'string' || !this.deps.isValidToken(stripBotPrefix(d.token))) {
      sink.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    const intents = Number(d.intents);
    if (!Number.isInteger(intents) || intents < 0 || (intents & ~ALL_INTENTS) !== 0) {
      sink.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return null;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.options.allowedPrivilegedIntents) !== 0) {
      sink.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return null;
    }
    const [shardId, shardCount] = d.shard ?? [0, 1];
    if (!(shardCount >= 1 && shardId >= 0 && shardId < shardCount)) {
      sink.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return null;
    }
    const largeThreshold = Math.min(250, Math.max(50, d.large_threshold ?? 50));
    const session = this.createSession(intents, [shardId, shardCount], largeThreshold, sink);
    this.stats.identifies++;
    const { world } = this.deps;
    const guilds = world.botGuilds().filter((g) => shardForGuild(g.id, shardCount) === shardId);
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: world.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.deps.resumeUrl(),
      shard: [shardId, shardCount],
      application: { id: world.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    this.sendDispatch(session, GatewayDispatchEvents.Ready, JSON.stringify(ready));
    // Without the GUILDS intent Discord sends no GUILD_CREATE (discord.js then does not wait for them).
    if (allows(intents, GatewayDispatchEvents.GuildCreate)) {
      for (const guild of guilds) {
        const joinedAt =
          guild.members.get(world.botUser.id)?.joinedAt ?? new Date(this.deps.clock.now()).toISOString();
        this.sendDispatch(
          session,
          GatewayDispatchEvents.GuildCreate,
          JSON.stringify(this.guildCreate(session, guild, joinedAt)),
        );
      }
    }
    this.deps.logger.debug({ sessionId: session.id, shard: [shardId, shardCount], intents }, 'identified');
    return session;
  }

  private resume(
    sink: FrameSink,
    d: { token: string; session_id: string; seq: number },
  ): GatewaySession | null {
    if (!d || typeof d.token !== 'string' || !this.deps.isValidToken(stripBotPrefix(d.token))) {
      sink.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    const session = this.sessions.get(d.session_id);
    const expired =
      session?.disconnectedAt != null &&
      this.deps.clock.now() - session.disconnectedAt > this.options.resumeWindowMs;
    const oldest = session ? session.seq - Math.min(session.seq, session.buffer.length) + 1 : 0;
    const gap = session !== undefined && session.buffer.length > 0 && oldest > d.seq + 1;
    if (!session || expired || gap) {
      if (session) this.sessions.delete(session.id);
      this.sendRaw(sink, { op: GatewayOpcodes.InvalidSession, d: false });
      return null;
    }
    if (session.sink && session.sink !== sink) session.sink.close(4000, 'Session resumed elsewhere');
    session.sink = sink;
    session.disconnectedAt = null;
    this.stats.resumes++;
    const cap = this.options.resumeBufferSize;
    for (let seq = Math.max(oldest, d.seq + 1); seq <= session.seq; seq++) {
      const bytes = session.buffer[(seq - 1) % cap]!;
      this.write(sink, bytes.toString(), bytes);
    }
    this.sendDispatch(session, GatewayDispatchEvents.Resumed, 'null');
    this.deps.logger.debug({ sessionId: session.id, from: d.seq, to: session.seq }, 'resumed');
    return session;
  }

  private requestGuildMembers(session: GatewaySession, d: GatewayRequestGuildMembersData): void {
    const { world } = this.deps;
    const guildIds = Array.isArray(d.guild_id) ? (d.guild_id as string[]) : [d.guild_id];
    for (const guildId of guildIds) {
      const guild = world.guilds.get(guildId);
      if (!guild?.botPresent || shardForGuild(guildId, session.shardCount) !== session.shardId) continue;
      let members: APIGuildMember[];
      let notFound: string[] = [];
      if ('user_ids' in d && d.user_ids !== undefined) {
        const ids = Array.isArray(d.user_ids) ? d.user_ids : [d.user_ids];
        members = ids.flatMap((id) => {
          const m = guild.members.get(id);
          return m ? [toApiMember(world, m)] : [];
        });
        notFound = ids.filter((id) => !guild.members.has(id));
      } else {
        const query = ('query' in d ? d.query : '').toLowerCase();
        const limit = 'limit' in d && d.limit > 0 ? d.limit : Number.POSITIVE_INFINITY;
        members = [];
        for (const m of guild.members.values()) {
          if (members.length >= limit) break;
          const user = world.users.get(m.userId);
          if (
            query &&
            !user?.username.toLowerCase().startsWith(query) &&
            !m.nick?.toLowerCase().startsWith(query)
          )
            continue;
          members.push(toApiMember(world, m));
        }
      }
      const chunkCount = Math.max(1, Math.ceil(members.length / 1000));
      for (let i = 0; i < chunkCount; i++) {
        const chunk: GatewayGuildMembersChunkDispatchData = {
          guild_id: guildId,
          members: members.slice(i * 1000, (i + 1) * 1000),
          chunk_index: i,
          chunk_count: chunkCount,
          ...(notFound.length > 0 && i === 0 ? { not_found: notFound } : {}),
          ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
        };
        this.sendDispatch(session, GatewayDispatchEvents.GuildMembersChunk, JSON.stringify(chunk));
      }
    }
  }

  private guildCreate(session: GatewaySession, guild: SimGuild, joinedAt: string) {
    return toGuildCreate(this.deps.world, guild, {
      allMembers: (session.intents & GatewayIntentBits.GuildMembers) !== 0,
      largeThreshold: session.largeThreshold,
      botUserId: this.deps.world.botUser.id,
      joinedAt,
    });
  }

  private createSession(
    intents: number,
    shard: [number, number],
    largeThreshold: number,
    sink: FrameSink,
  ): GatewaySession {
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      intents,
      shardId: shard[0],
      shardCount: shard[1],
      largeThreshold,
      seq: 0,
      buffer: [],
      sink,
      disconnectedAt: null,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  private sendDispatch(session: GatewaySession, event: GatewayDispatchEvents, d: string): void {
    session.seq++;
    // Built by hand so each payload is serialised once per dispatch, not once per session.
    const frame = `{"op":0,"s":${session.seq},"t":"${event}","d":${d}}`;
    // A ring: seq s lives at (s - 1) % capacity, overwriting the oldest frame once full.
    const cap = this.options.resumeBufferSize;
    // Kept as UTF-8 bytes outside the JS heap: the garbage collector neither traces nor copies them while they wait
    // (at 10k events/s the buffer turns over every few seconds, and strings would all be promoted to old space).
    const bytes = Buffer.from(frame);
    if (session.buffer.length < cap) session.buffer.push(bytes);
    else session.buffer[(session.seq - 1) % cap] = bytes;
    if (session.sink) this.write(session.sink, frame, bytes);
  }

  private sendRaw(sink: FrameSink, payload: object): void {
    this.write(sink, JSON.stringify(payload));
  }

  /** `bytes`, when given, is `frame` in UTF-8: a socket sink sends it as is rather than encoding `frame` again. */
  private write(sink: FrameSink, frame: string, bytes?: Buffer): void {
    this.stats.framesSent++;
    this.stats.bytesSent += frame.length;
    if (bytes !== undefined && sink.sendUtf8 !== undefined) sink.sendUtf8(bytes);
    else sink.send(frame);
  }
}

interface IdentifyData {
  token: string;
  intents: number;
  shard?: [number, number];
  large_threshold?: number;
}

function stripBotPrefix(token: string): string {
  return token.startsWith('Bot ') ? token.slice(4) : token;
}
