import type { IncomingMessage, ServerResponse } from 'node:http';
import { DiscordApiError } from '../core/api-error.js';
import type { Simulator } from '../simulator.js';
import type { SimGuild } from '../world/world.types.js';

/** JSON body of a control request, as a record. */
type Args = Record<string, unknown>;

const str = (args: Args, key: string): string => {
  const v = args[key];
  if (typeof v !== 'string' || !v) throw new ControlError(`"${key}" must be a non-empty string`);
  return v;
};
const optStr = (args: Args, key: string): string | undefined =>
  args[key] === undefined ? undefined : str(args, key);

class ControlError extends Error {}

/** Every simulator action, callable as `POST /_sim/actions/<name>` with a JSON object of arguments. */
const actions: Record<string, (sim: Simulator, a: Args) => unknown> = {
  createUser: (sim, a) =>
    sim.createUser({
      username: str(a, 'username'),
      createdAt: a.createdAt as number | undefined,
      bot: Boolean(a.bot),
    }),
  ban: (sim, a) => sim.ban(str(a, 'guildId'), str(a, 'userId'), moderation(a)),
  unban: (sim, a) => sim.unban(str(a, 'guildId'), str(a, 'userId'), moderation(a)),
  kick: (sim, a) => sim.kick(str(a, 'guildId'), str(a, 'userId'), moderation(a)),
  leave: (sim, a) => sim.leave(str(a, 'guildId'), str(a, 'userId')),
  timeout: (sim, a) =>
    sim.timeout(str(a, 'guildId'), str(a, 'userId'), {
      ...moderation(a),
      until: (a.until as number | null) ?? null,
    }),
  updateMemberRoles: (sim, a) =>
    sim.updateMemberRoles(str(a, 'guildId'), str(a, 'userId'), {
      ...moderation(a),
      add: a.add as string[] | undefined,
      remove: a.remove as string[] | undefined,
    }),
  sendMessage: (sim, a) =>
    summarizeMessage(
      sim.sendMessage(str(a, 'channelId'), {
        authorId: str(a, 'authorId'),
        content: String(a.content ?? ''),
        mentionIds: a.mentionIds as string[] | undefined,
      }),
    ),
  deleteMessage: (sim, a) =>
    sim.deleteMessage(str(a, 'channelId'), str(a, 'messageId'), {
      by: optStr(a, 'by'),
      reason: (a.reason as string) ?? null,
      audit: a.audit as never,
    }),
  bulkDelete: (sim, a) =>
    sim.bulkDelete(str(a, 'channelId'), a.messageIds as string[], {
      by: str(a, 'by'),
      reason: (a.reason as string) ?? null,
    }),
  addReaction: (sim, a) =>
    sim.addReaction(str(a, 'channelId'), str(a, 'messageId'), str(a, 'userId'), emoji(a)),
  removeReaction: (sim, a) =>
    sim.removeReaction(str(a, 'channelId'), str(a, 'messageId'), str(a, 'userId'), emoji(a)),
  removeAllReactions: (sim, a) => sim.removeAllReactions(str(a, 'channelId'), str(a, 'messageId')),
  removeEmojiReactions: (sim, a) =>
    sim.removeEmojiReactions(str(a, 'channelId'), str(a, 'messageId'), emoji(a)),
  createInvite: (sim, a) =>
    sim.createInvite(str(a, 'channelId'), {
      inviterId: str(a, 'inviterId'),
      maxUses: a.maxUses as number | undefined,
      maxAge: a.maxAge as number | undefined,
      code: optStr(a, 'code'),
    }),
  deleteInvite: (sim, a) => sim.deleteInvite(str(a, 'code'), { by: optStr(a, 'by') }),
  join: (sim, a) => summarizeJoins([sim.join(str(a, 'guildId'), { userId: str(a, 'userId'), via: via(a) })]),
  joinTogether: (sim, a) =>
    summarizeJoins(
      sim.joinTogether(
        str(a, 'guildId'),
        (a.joins as Args[]).map((j) => ({ userId: str(j, 'userId'), via: via(j) })),
      ),
    ),
  joinVoice: (sim, a) =>
    sim.joinVoice(str(a, 'guildId'), str(a, 'userId'), str(a, 'channelId'), a.flags as never),
  moveVoice: (sim, a) =>
    sim.moveVoice(str(a, 'guildId'), str(a, 'userId'), str(a, 'channelId'), {
      moderatorId: optStr(a, 'moderatorId'),
    }),
  leaveVoice: (sim, a) => sim.leaveVoice(str(a, 'guildId'), str(a, 'userId')),
  setVoiceFlags: (sim, a) => sim.setVoiceFlags(str(a, 'guildId'), str(a, 'userId'), a.flags as never),
  updateGuild: (sim, a) =>
    summarizeGuild(
      sim.updateGuild(str(a, 'guildId'), { name: optStr(a, 'name'), description: a.description as never }),
    ),
  addBotToGuild: (sim, a) => summarizeGuild(sim.addBotToGuild(str(a, 'guildId'))),
  removeBotFromGuild: (sim, a) => sim.removeBotFromGuild(str(a, 'guildId')),
  setBotPermissions: (sim, a) => sim.setBotPermissions(str(a, 'guildId'), BigInt(str(a, 'permissions'))),
  createAutoModRule: (sim, a) =>
    sim.createAutoModRule(str(a, 'guildId'), {
      name: str(a, 'name'),
      creatorId: str(a, 'creatorId'),
      keywords: a.keywords as string[] | undefined,
    }),
  triggerAutoMod: (sim, a) =>
    sim.triggerAutoMod(str(a, 'guildId'), {
      ruleId: str(a, 'ruleId'),
      userId: str(a, 'userId'),
      channelId: str(a, 'channelId'),
      content: String(a.content ?? ''),
      matchedKeyword: String(a.matchedKeyword ?? ''),
    }),
};

const moderation = (a: Args) => ({
  moderatorId: str(a, 'moderatorId'),
  reason: (a.reason as string | undefined) ?? null,
  audit: a.audit as never,
});
const emoji = (a: Args) => ({ id: (a.emojiId as string | undefined) ?? null, name: str(a, 'emoji') });
const via = (a: Args) =>
  a.invite
    ? { invite: str(a, 'invite') }
    : a.vanity
      ? ({ vanity: true } as const)
      : ({ unknown: true } as const);

function summarizeMessage(m: { id: string; channelId: string; authorId: string; content: string }) {
  return { id: m.id, channelId: m.channelId, authorId: m.authorId, content: m.content };
}
function summarizeJoins(results: ReturnType<Simulator['join']>[]) {
  return results.map((r) => ({
    userId: r.member.userId,
    joinedAt: r.member.joinedAt,
    invite: r.invite ?? null,
  }));
}

/** A JSON-friendly view of a guild (Maps become arrays). */
export function summarizeGuild(g: SimGuild) {
  return {
    id: g.id,
    name: g.name,
    ownerId: g.ownerId,
    botPresent: g.botPresent,
    vanity: g.vanityUrlCode ? { code: g.vanityUrlCode, uses: g.vanityUses } : null,
    channels: [...g.channels.values()].map((c) => ({ id: c.id, name: c.name, type: c.type })),
    roles: [...g.roles.values()].map((r) => ({ id: r.id, name: r.name, permissions: r.permissions })),
    memberCount: g.members.size,
    invites: [...g.invites.values()],
    bans: [...g.bans.values()],
    voiceStates: [...g.voiceStates.values()],
    autoModRules: [...g.autoModRules.values()],
  };
}

/**
 * The control API under `/_sim` (loopback development tool, no auth):
 * `GET /state`, `GET /guilds/:id`, `GET /guilds/:id/members`, `GET /guilds/:id/audit-log`,
 * `POST /guilds` `{ name, members?, vanityCode?, botPresent? }`, `POST /actions/:name` `{...args}`,
 * `POST /chaos/{reconnect|invalid-session|drop|rest-delay|rate-limit|clear}`, `GET /messages?channelId=`,
 * `GET /rest-log`, `GET /truth` (every guild's ground truth in numbers), `GET /truth/guilds/:id?from=&to=&at=`
 * (one guild's, see `GuildTruth`), and the traffic generator's `/traffic/...` when one is attached.
 */
export async function handleControlRequest(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  let status = 200;
  let body: unknown;
  try {
    const url = new URL(path, 'http://sim');
    const args = await readArgs(req);
    body = await route(sim, req.method ?? 'GET', url, args);
  } catch (error) {
    if (error instanceof DiscordApiError) {
      status = error.status;
      body = error.toJSON();
    } else if (error instanceof ControlError || error instanceof RangeError || error instanceof TypeError) {
      status = 400;
      body = { message: error.message };
    } else if (error instanceof NotFound) {
      status = 404;
      body = { message: error.message };
    } else {
      sim.logger.error({ err: error }, 'control API failed');
      status = 500;
      body = { message: String(error) };
    }
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify(body ?? null, (_k, v) =>
      typeof v === 'bigint' ? v.toString() : v instanceof Set ? [...v] : v,
    ),
  );
}

class NotFound extends Error {}

/** Extra control routes registered by other components (the traffic generator). */
export type ControlExtension = (method: string, path: string, args: Args) => unknown | typeof NO_MATCH;
export const NO_MATCH = Symbol('no-match');
const extensions = new WeakMap<Simulator, ControlExtension[]>();
export function extendControlApi(sim: Simulator, ext: ControlExtension): void {
  extensions.set(sim, [...(extensions.get(sim) ?? []), ext]);
}

async function route(sim: Simulator, method: string, url: URL, args: Args): Promise<unknown> {
  const p = url.pathname;
  const on = (verb: string, re: RegExp) => (method === verb ? re.exec(p) : null);
  let m: RegExpExecArray | null;
  if (method === 'GET' && p === '/state') {
    return {
      urls: sim.urls,
      token: sim.token,
      botUser: sim.botUser,
      guilds: sim.world.botGuilds().map((g) => ({ id: g.id, name: g.name, memberCount: g.members.size })),
      sessions: sim.gateway
        .connectedSessions()
        .map((s) => ({ id: s.id, shard: [s.shardId, s.shardCount], intents: s.intents, seq: s.seq })),
      gateway: sim.gateway.stats,
    };
  }
  if (method === 'POST' && p === '/guilds') {
    const guild = sim.createGuild({
      name: str(args, 'name'),
      vanityCode: optStr(args, 'vanityCode'),
      botPresent: args.botPresent === undefined ? true : Boolean(args.botPresent),
    });
    if (typeof args.members === 'number') sim.populate(guild.id, args.members);
    return summarizeGuild(guild);
  }
  m = on('GET', /^\/guilds\/(\d+)$/);
  if (m) return summarizeGuild(sim.world.guild(m[1]!));
  m = on('GET', /^\/guilds\/(\d+)\/members$/);
  if (m) {
    const g = sim.world.guild(m[1]!);
    return [...g.members.values()].map((mm) => ({ ...mm, user: sim.world.users.get(mm.userId) }));
  }
  m = on('GET', /^\/guilds\/(\d+)\/audit-log$/);
  if (m) return sim.world.guild(m[1]!).auditLog;
  m = on('POST', /^\/actions\/(\w+)$/);
  if (m) {
    const action = actions[m[1]!];
    if (!action) throw new NotFound(`unknown action "${m[1]}"; known: ${Object.keys(actions).join(', ')}`);
    return (await action(sim, args)) ?? { ok: true };
  }
  m = on('POST', /^\/chaos\/([\w-]+)$/);
  if (m) {
    switch (m[1]) {
      case 'reconnect':
        return { sessions: sim.forceReconnect(optStr(args, 'sessionId')) };
      case 'invalid-session':
        return { sessions: sim.invalidateSession(Boolean(args.resumable), optStr(args, 'sessionId')) };
      case 'drop':
        return { sessions: sim.dropConnections(optStr(args, 'sessionId')) };
      case 'rest-delay':
        sim.setRestDelay(Number(args.ms));
        return { ok: true };
      case 'rate-limit':
        sim.rateLimit({
          scope: args.scope === 'global' ? 'global' : 'route',
          route: optStr(args, 'route'),
          count: Number(args.count ?? 1),
          retryAfterMs: Number(args.retryAfterMs ?? 1000),
        });
        return { ok: true };
      case 'clear':
        sim.clearChaos();
        return { ok: true };
      default:
        throw new NotFound(`unknown chaos "${m[1]}"`);
    }
  }
  if (method === 'GET' && p === '/messages')
    return sim.postedMessages(url.searchParams.get('channelId') ?? undefined);
  if (method === 'GET' && p === '/rest-log') return sim.restLog;
  if (method === 'GET' && p === '/truth') return sim.truth.summary();
  m = on('GET', /^\/truth\/guilds\/(\d+)$/);
  if (m) {
    const from = timeParam(url, 'from');
    const to = timeParam(url, 'to');
    return sim.truth.exportGuild(m[1]!, timeParam(url, 'at'), {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    });
  }
  for (const ext of extensions.get(sim) ?? []) {
    const result = await ext(method, p, args);
    if (result !== NO_MATCH) return result;
  }
  throw new NotFound(`no control route ${method} ${p}`);
}

/** A time query parameter: ms since the epoch or an ISO 8601 date. */
function timeParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (Number.isNaN(ms))
    throw new ControlError(`"${name}" must be an ISO date or ms since the epoch: "${raw}"`);
  return ms;
}

async function readArgs(req: IncomingMessage): Promise<Args> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
    return parsed as Args;
  } catch {
    throw new ControlError('body must be a JSON object');
  }
}
