import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AuditLogEvent,
  type Client,
  DiscordAPIError,
  type Guild,
  type GuildAuditLogsEntry,
  type GuildBan,
  type GuildMember,
  type Invite,
  type Message,
  type MessageReaction,
  PermissionFlagsBits,
  type VoiceState,
} from 'discord.js';
import type { APIUser } from 'discord-api-types/v10';
import { Simulator } from '../simulator.js';
import { loginClient, nextEvent } from '../testing/discord-client.js';
import { DEFAULT_BOT_PERMISSIONS } from '../world/permissions.js';
import type { SimGuild } from '../world/world.types.js';

/** Records the raw dispatch names discord.js receives, to check Discord's event order. */
function rawTypes(client: Client): { types: string[]; stop: () => void } {
  const types: string[] = [];
  const listener = (packet: { t?: string }) => {
    if (packet.t) types.push(packet.t);
  };
  client.on('raw', listener);
  return { types, stop: () => client.off('raw', listener) };
}

describe('simulator actions seen by a plain discord.js client', () => {
  const sim = new Simulator();
  let client: Client<true>;
  let g: SimGuild;
  let guild: Guild;
  let members: APIUser[];
  let moderator: APIUser;
  let text: string;
  let voice: string[];

  beforeAll(async () => {
    g = sim.createGuild({ name: 'Actions', vanityCode: 'actions' });
    members = sim.populate(g.id, 20);
    moderator = sim.createUser({ username: 'mod' });
    sim.addMember(g.id, moderator.id, { roles: [sim.guildRoles(g.id).moderator] });
    const channels = sim.channels(g.id);
    text = channels.text[0]!;
    voice = channels.voice;
    client = await loginClient(await sim.start(), sim.token);
    guild = client.guilds.cache.get(g.id)!;
  });

  afterAll(async () => {
    await client?.destroy();
    await sim.stop();
  });

  describe('ban', () => {
    it('emits member remove, ban add, then the audit entry with the moderator and reason', async () => {
      const target = members[0]!;
      const raw = rawTypes(client);
      const removed = nextEvent<[GuildMember]>(client, 'guildMemberRemove');
      const banned = nextEvent<[GuildBan]>(client, 'guildBanAdd');
      const audit = nextEvent<[GuildAuditLogsEntry, Guild]>(client, 'guildAuditLogEntryCreate');
      sim.ban(g.id, target.id, { moderatorId: moderator.id, reason: 'spam' });
      const [[member], [ban], [entry]] = await Promise.all([removed, banned, audit]);
      raw.stop();
      expect(member.id).toBe(target.id);
      expect(member.joinedTimestamp).not.toBeNull(); // cached member: roles and joinedAt available
      expect(ban.user.id).toBe(target.id);
      expect(entry.action).toBe(AuditLogEvent.MemberBanAdd);
      expect(entry.executorId).toBe(moderator.id);
      expect(entry.targetId).toBe(target.id);
      expect(entry.reason).toBe('spam');
      expect(raw.types).toEqual(['GUILD_MEMBER_REMOVE', 'GUILD_BAN_ADD', 'GUILD_AUDIT_LOG_ENTRY_CREATE']);
      const fetched = await guild.bans.fetch(target.id);
      expect(fetched.reason).toBe('spam');
    });

    it('can send the audit entry before the member removal', async () => {
      const raw = rawTypes(client);
      const done = nextEvent(client, 'guildBanAdd');
      sim.ban(g.id, members[1]!.id, { moderatorId: moderator.id, audit: { position: 'before' } });
      await done;
      raw.stop();
      expect(raw.types).toEqual(['GUILD_AUDIT_LOG_ENTRY_CREATE', 'GUILD_MEMBER_REMOVE', 'GUILD_BAN_ADD']);
    });

    it('unbans with GUILD_BAN_REMOVE', async () => {
      const unbanned = nextEvent<[GuildBan]>(client, 'guildBanRemove');
      sim.unban(g.id, members[1]!.id, { moderatorId: moderator.id });
      expect((await unbanned)[0].user.id).toBe(members[1]!.id);
    });
  });

  describe('kick and leave', () => {
    it('a kick is a member removal plus a MEMBER_KICK audit entry, even when the entry comes late', async () => {
      const target = members[2]!;
      const removed = nextEvent<[GuildMember]>(client, 'guildMemberRemove');
      const audit = nextEvent<[GuildAuditLogsEntry]>(client, 'guildAuditLogEntryCreate');
      sim.kick(g.id, target.id, { moderatorId: moderator.id, audit: { delayMs: 50 } });
      const [member] = await removed;
      expect(member.id).toBe(target.id);
      // Not in the audit log yet: the bot must wait or retry.
      const early = await guild.fetchAuditLogs({ type: AuditLogEvent.MemberKick });
      expect(early.entries.find((e) => e.targetId === target.id)).toBeUndefined();
      const [entry] = await audit;
      expect(entry.action).toBe(AuditLogEvent.MemberKick);
      expect(entry.targetId).toBe(target.id);
      const late = await guild.fetchAuditLogs({ type: AuditLogEvent.MemberKick });
      expect(late.entries.first()?.executorId).toBe(moderator.id);
    });

    it('a leave is a member removal and nothing else', async () => {
      const raw = rawTypes(client);
      const removed = nextEvent<[GuildMember]>(client, 'guildMemberRemove');
      sim.leave(g.id, members[3]!.id);
      expect((await removed)[0].id).toBe(members[3]!.id);
      await sim.settled();
      await new Promise((r) => setTimeout(r, 20));
      raw.stop();
      expect(raw.types).toEqual(['GUILD_MEMBER_REMOVE']);
    });
  });

  describe('timeout and roles', () => {
    it('a timeout updates the member and writes audit entry 24 with the change', async () => {
      const target = members[4]!;
      const until = Date.now() + 60_000;
      const updated = nextEvent<[GuildMember, GuildMember]>(client, 'guildMemberUpdate');
      const audit = nextEvent<[GuildAuditLogsEntry]>(client, 'guildAuditLogEntryCreate');
      sim.timeout(g.id, target.id, { moderatorId: moderator.id, until, reason: 'cool down' });
      const [[, after], [entry]] = await Promise.all([updated, audit]);
      expect(after.communicationDisabledUntilTimestamp).toBe(until);
      expect(entry.action).toBe(AuditLogEvent.MemberUpdate);
      expect(entry.changes).toEqual([
        { key: 'communication_disabled_until', old: undefined, new: new Date(until).toISOString() },
      ]);
    });

    it('a timeout through discord.js (REST PATCH) is attributed to the bot', async () => {
      const target = await guild.members.fetch(members[5]!.id);
      const audit = nextEvent<[GuildAuditLogsEntry]>(client, 'guildAuditLogEntryCreate');
      await target.timeout(30_000, 'automod');
      const [entry] = await audit;
      expect(entry.executorId).toBe(sim.botUser.id);
      expect(entry.reason).toBe('automod');
      expect(g.members.get(target.id)?.communicationDisabledUntil).not.toBeNull();
    });

    it('a role change writes audit entry 25 with $add', async () => {
      const roleId = sim.guildRoles(g.id).moderator;
      const audit = nextEvent<[GuildAuditLogsEntry]>(client, 'guildAuditLogEntryCreate');
      sim.updateMemberRoles(g.id, members[6]!.id, { moderatorId: moderator.id, add: [roleId] });
      const [entry] = await audit;
      expect(entry.action).toBe(AuditLogEvent.MemberRoleUpdate);
      expect(entry.changes[0]).toEqual({
        key: '$add',
        old: undefined,
        new: [{ id: roleId, name: 'Moderator' }],
      });
      expect(guild.members.cache.get(members[6]!.id)?.roles.cache.has(roleId)).toBe(true);
    });
  });

  describe('messages', () => {
    it('delivers a message with its content and author', async () => {
      const created = nextEvent<[Message]>(client, 'messageCreate');
      sim.sendMessage(text, { authorId: members[7]!.id, content: 'hello world' });
      const [message] = await created;
      expect(message.content).toBe('hello world');
      expect(message.author.id).toBe(members[7]!.id);
      expect(message.member?.id).toBe(members[7]!.id);
    });

    it('a self-delete is MESSAGE_DELETE alone', async () => {
      const created = nextEvent(client, 'messageCreate');
      const m = sim.sendMessage(text, { authorId: members[7]!.id, content: 'oops' });
      await created;
      const raw = rawTypes(client);
      const deleted = nextEvent<[Message]>(client, 'messageDelete');
      const result = sim.deleteMessage(text, m.id, { by: members[7]!.id });
      expect((await deleted)[0].id).toBe(m.id);
      raw.stop();
      expect(result.auditEntry).toBeNull();
      expect(raw.types).toEqual(['MESSAGE_DELETE']);
    });

    it('a moderator delete writes one audit entry whose count grows on the next delete, without a new event', async () => {
      const author = members[8]!.id;
      const m1 = sim.sendMessage(text, { authorId: author, content: 'bad 1' });
      const m2 = sim.sendMessage(text, { authorId: author, content: 'bad 2' });
      const audit = nextEvent<[GuildAuditLogsEntry]>(client, 'guildAuditLogEntryCreate');
      const del1 = nextEvent<[Message]>(client, 'messageDelete');
      sim.deleteMessage(text, m1.id, { by: moderator.id });
      const [[entry], [deleted]] = await Promise.all([audit, del1]);
      expect(deleted.content).toBe('bad 1'); // cached message
      expect(entry.action).toBe(AuditLogEvent.MessageDelete);
      expect(entry.targetId).toBe(author);
      expect(entry.extra).toMatchObject({ count: 1 });
      const raw = rawTypes(client);
      const del2 = nextEvent<[Message]>(client, 'messageDelete');
      const second = sim.deleteMessage(text, m2.id, { by: moderator.id });
      await del2;
      await new Promise((r) => setTimeout(r, 20));
      raw.stop();
      expect(second.merged).toBe(true);
      expect(raw.types).toEqual(['MESSAGE_DELETE']);
      const logs = await guild.fetchAuditLogs({ type: AuditLogEvent.MessageDelete, user: moderator.id });
      expect(logs.entries.get(entry.id)?.extra).toMatchObject({ count: 2 });
    });

    it('bulk delete emits MESSAGE_DELETE_BULK and audit entry 73 with the count', async () => {
      const ids = [1, 2, 3].map(
        (i) => sim.sendMessage(text, { authorId: members[9]!.id, content: `m${i}` }).id,
      );
      const bulk = nextEvent<[Map<string, Message>]>(client, 'messageDeleteBulk');
      const audit = nextEvent<[GuildAuditLogsEntry]>(client, 'guildAuditLogEntryCreate');
      sim.bulkDelete(text, ids, { by: moderator.id });
      const [[messages], [entry]] = await Promise.all([bulk, audit]);
      expect([...messages.keys()].sort()).toEqual([...ids].sort());
      expect(entry.action).toBe(AuditLogEvent.MessageBulkDelete);
      expect(entry.extra).toMatchObject({ count: 3 });
    });

    it('records the messages the bot posts through REST', async () => {
      const channel = guild.channels.cache.get(text);
      if (!channel?.isTextBased()) throw new Error('text channel expected');
      const sent = await channel.send(`Welcome <@${members[10]!.id}>!`);
      expect(sim.postedMessages(text).map((m) => m.content)).toContain(`Welcome <@${members[10]!.id}>!`);
      expect(sent.author.id).toBe(sim.botUser.id);
    });
  });

  describe('reactions', () => {
    it('add, remove, remove-emoji and remove-all reach the client', async () => {
      const m = sim.sendMessage(text, { authorId: members[11]!.id, content: 'react to me' });
      const added = nextEvent<[MessageReaction, { id: string }]>(client, 'messageReactionAdd');
      sim.addReaction(text, m.id, members[12]!.id, { id: null, name: '🔥' });
      const [[reaction, user]] = await Promise.all([added]);
      expect(reaction.emoji.name).toBe('🔥');
      expect(user.id).toBe(members[12]!.id);
      const removed = nextEvent<[MessageReaction, { id: string }]>(client, 'messageReactionRemove');
      sim.removeReaction(text, m.id, members[12]!.id, { id: null, name: '🔥' });
      expect((await removed)[1].id).toBe(members[12]!.id);
      sim.addReaction(text, m.id, members[12]!.id, { id: null, name: '👍' });
      const emojiRemoved = nextEvent<[MessageReaction]>(client, 'messageReactionRemoveEmoji');
      sim.removeEmojiReactions(text, m.id, { id: null, name: '👍' });
      expect((await emojiRemoved)[0].emoji.name).toBe('👍');
      const all = nextEvent<[Message]>(client, 'messageReactionRemoveAll');
      sim.removeAllReactions(text, m.id);
      expect((await all)[0].id).toBe(m.id);
    });
  });

  describe('voice', () => {
    it('join, mute, move and leave arrive as voiceStateUpdate', async () => {
      const user = members[13]!.id;
      const join = nextEvent<[VoiceState, VoiceState]>(client, 'voiceStateUpdate');
      sim.joinVoice(g.id, user, voice[0]!);
      const [, joined] = await join;
      expect(joined.channelId).toBe(voice[0]);
      const mute = nextEvent<[VoiceState, VoiceState]>(client, 'voiceStateUpdate');
      sim.setVoiceFlags(g.id, user, { selfMute: true });
      expect((await mute)[1].selfMute).toBe(true);
      const move = nextEvent<[VoiceState, VoiceState]>(client, 'voiceStateUpdate');
      sim.moveVoice(g.id, user, voice[1]!);
      const [before, after] = await move;
      expect([before.channelId, after.channelId]).toEqual([voice[0], voice[1]]);
      const leave = nextEvent<[VoiceState, VoiceState]>(client, 'voiceStateUpdate');
      sim.leaveVoice(g.id, user);
      expect((await leave)[1].channelId).toBeNull();
    });
  });

  describe('invites and joins', () => {
    it('invite create reaches the client and invites.fetch() returns the world state', async () => {
      const created = nextEvent<[Invite]>(client, 'inviteCreate');
      const invite = sim.createInvite(text, { inviterId: moderator.id, code: 'normal01' });
      const [inv] = await created;
      expect(inv.code).toBe('normal01');
      expect(inv.inviterId).toBe(moderator.id);
      const fetched = await guild.invites.fetch({ cache: false });
      expect(fetched.get(invite.code)?.uses).toBe(0);
    });

    it('a join through an invite increments its uses before GUILD_MEMBER_ADD', async () => {
      const newcomer = sim.createUser({ username: 'newcomer' });
      const added = nextEvent<[GuildMember]>(client, 'guildMemberAdd');
      sim.join(g.id, { userId: newcomer.id, via: { invite: 'normal01' } });
      const [member] = await added;
      expect(member.id).toBe(newcomer.id);
      const fetched = await guild.invites.fetch({ cache: false });
      expect(fetched.get('normal01')?.uses).toBe(1);
    });

    it('a vanity join increments the vanity uses', async () => {
      const user = sim.createUser({ username: 'vanity-joiner' });
      const added = nextEvent<[GuildMember]>(client, 'guildMemberAdd');
      sim.join(g.id, { userId: user.id, via: { vanity: true } });
      await added;
      expect(await guild.fetchVanityData()).toMatchObject({ code: 'actions', uses: 1 });
    });

    it('a single-use invite disappears with INVITE_DELETE after the join', async () => {
      const created = nextEvent(client, 'guildAuditLogEntryCreate');
      sim.createInvite(text, { inviterId: moderator.id, code: 'single01', maxUses: 1 });
      await created;
      const user = sim.createUser({ username: 'single-use' });
      const raw = rawTypes(client);
      const deleted = nextEvent<[Invite]>(client, 'inviteDelete');
      sim.join(g.id, { userId: user.id, via: { invite: 'single01' } });
      expect((await deleted)[0].code).toBe('single01');
      raw.stop();
      expect(raw.types).toEqual(['GUILD_MEMBER_ADD', 'INVITE_DELETE']);
      expect((await guild.invites.fetch({ cache: false })).has('single01')).toBe(false);
    });

    it('two joins at the same moment move both counters before either GUILD_MEMBER_ADD', async () => {
      sim.createInvite(text, { inviterId: moderator.id, code: 'twice001' });
      const [a, b] = [sim.createUser({ username: 'twin-a' }), sim.createUser({ username: 'twin-b' })];
      const usesSeenAtFirstAdd = new Promise<number | null | undefined>((resolve) => {
        client.once('guildMemberAdd', async () => {
          resolve((await guild.invites.fetch({ cache: false })).get('twice001')?.uses);
        });
      });
      sim.joinTogether(g.id, [
        { userId: a.id, via: { invite: 'twice001' } },
        { userId: b.id, via: { invite: 'twice001' } },
      ]);
      expect(await usesSeenAtFirstAdd).toBe(2);
    });

    it('without Manage Server, GET invites answers 50013 Missing Permissions', async () => {
      const updated = nextEvent(client, 'roleUpdate');
      sim.setBotPermissions(g.id, DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.ManageGuild);
      await updated;
      expect(guild.members.me?.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(false);
      await expect(guild.invites.fetch({ cache: false })).rejects.toMatchObject({ code: 50013, status: 403 });
      sim.setBotPermissions(g.id, DEFAULT_BOT_PERMISSIONS);
    });
  });

  describe('AutoMod', () => {
    it('an execution reaches the client with rule, user, content and keyword', async () => {
      const rule = sim.createAutoModRule(g.id, { name: 'no-spam', creatorId: g.ownerId, keywords: ['spam'] });
      const executed = nextEvent<
        [{ ruleId: string; userId: string; content: string; matchedKeyword: string }]
      >(client, 'autoModerationActionExecution');
      sim.triggerAutoMod(g.id, {
        ruleId: rule.id,
        userId: members[14]!.id,
        channelId: text,
        content: 'buy spam now',
        matchedKeyword: 'spam',
      });
      const [execution] = await executed;
      expect(execution).toMatchObject({
        ruleId: rule.id,
        userId: members[14]!.id,
        content: 'buy spam now',
        matchedKeyword: 'spam',
      });
    });
  });

  describe('guild lifecycle', () => {
    it('GUILD_UPDATE changes the name', async () => {
      const updated = nextEvent<[Guild, Guild]>(client, 'guildUpdate');
      sim.updateGuild(g.id, { name: 'Renamed' });
      const [before, after] = await updated;
      expect([before.name, after.name]).toEqual(['Actions', 'Renamed']);
    });

    it('bot added: guildCreate; bot removed: guildDelete', async () => {
      const other = sim.createGuild({ name: 'Later', botPresent: false });
      const created = nextEvent<[Guild]>(client, 'guildCreate');
      sim.addBotToGuild(other.id);
      expect((await created)[0].id).toBe(other.id);
      const deleted = nextEvent<[Guild]>(client, 'guildDelete');
      sim.removeBotFromGuild(other.id);
      expect((await deleted)[0].id).toBe(other.id);
      expect(client.guilds.cache.has(other.id)).toBe(false);
    });
  });

  describe('REST chaos', () => {
    it('a 429 with retry-after makes discord.js wait and retry', async () => {
      sim.rateLimit({
        scope: 'route',
        route: '/guilds/:guildId/members/:userId',
        count: 1,
        retryAfterMs: 200,
      });
      const started = Date.now();
      const member = await guild.members.fetch({ user: members[15]!.id, force: true });
      expect(member.id).toBe(members[15]!.id);
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
      const statuses = sim.restLog
        .filter((e) => e.path.endsWith(`/members/${members[15]!.id}`))
        .map((e) => e.status);
      expect(statuses).toEqual([429, 200]);
    });

    it('unknown resources answer Discord JSON errors', async () => {
      await expect(guild.members.fetch({ user: '1234567890123456789', force: true })).rejects.toBeInstanceOf(
        DiscordAPIError,
      );
      await expect(guild.members.fetch({ user: '1234567890123456789', force: true })).rejects.toMatchObject({
        code: 10007,
      });
    });
  });

  describe('gateway chaos', () => {
    it('op 7: the client resumes and gets the events sent while it was away', async () => {
      const identifies = sim.gateway.stats.identifies;
      const resumed = nextEvent(client, 'shardResume', 10_000);
      sim.forceReconnect();
      // Sent while the client is reconnecting: must be replayed on RESUME.
      const created = nextEvent<[Message]>(client, 'messageCreate', 10_000);
      sim.sendMessage(text, { authorId: members[16]!.id, content: 'while away' });
      await resumed;
      expect((await created)[0].content).toBe('while away');
      expect(sim.gateway.stats.identifies).toBe(identifies);
      expect(sim.gateway.stats.resumes).toBeGreaterThanOrEqual(1);
    });

    it('a dropped connection (no close frame) is resumed too', async () => {
      const resumes = sim.gateway.stats.resumes;
      const resumed = nextEvent(client, 'shardResume', 10_000);
      sim.dropConnections();
      await resumed;
      expect(sim.gateway.stats.resumes).toBe(resumes + 1);
    });

    it('op 9 (not resumable): the client identifies afresh and becomes ready again', async () => {
      const identifies = sim.gateway.stats.identifies;
      const ready = nextEvent(client, 'shardReady', 15_000);
      sim.invalidateSession(false);
      await ready;
      expect(sim.gateway.stats.identifies).toBe(identifies + 1);
      const created = nextEvent<[Message]>(client, 'messageCreate');
      sim.sendMessage(text, { authorId: members[17]!.id, content: 'after op 9' });
      expect((await created)[0].content).toBe('after op 9');
    }, 20_000);
  });
});
