import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BotEvent, guildStream, parseBotEvent } from '@guildscope/contracts';
import { botCredentialsFromTokens, type RunningGateway, startGateway } from '@guildscope/gateway';
import { type SimGuild, Simulator } from '@guildscope/simulator';
import { createWriteSide, EnableModule, SqliteEventStore, type WriteSide } from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PermissionFlagsBits } from 'discord.js';
import { pino } from 'pino';
import { DEFAULT_METRICS_CONFIG } from '../../activity/metrics-config.js';
import { Bot } from '../../bot.js';
import { DEFAULT_ENABLED_LISTENERS } from '../../config/listeners.config.js';
import { EventRecorder } from '../../testing/event-recorder.js';

const BOT_TOKEN = 'bot-secret-for-automod';
const logger = pino({ level: process.env.BOT_LOG_LEVEL ?? 'silent' });

/**
 * The automod module end to end: rules enabled through the write side reach the bot over the real
 * gateway's config feed; offending messages sent in the simulator are deleted and/or their authors timed
 * out through REST; each action lands in the event store as a BOT_AUTOMOD_ACTION.
 */
describe('automod module (write side -> gateway -> bot -> simulator)', () => {
  const sim = new Simulator({ logger });
  const dir = mkdtempSync(join(tmpdir(), 'bot-automod-'));
  const rec = new EventRecorder();
  let store: SqliteEventStore;
  let writeSide: WriteSide;
  let gateway: RunningGateway;
  let bot: Bot;
  let guild: SimGuild;
  let members: string[];
  let modUser: string;
  let general: string;
  let offTopic: string;

  const data = (e: BotEvent) => e.data as Record<string, unknown>;
  const actionFor = (messageId: string) =>
    rec.next((e) => e.type === 'BOT_AUTOMOD_ACTION' && data(e).messageId === messageId);
  const storedActions = async () => {
    await bot.gateway!.drained();
    const out: Array<{ id: string; data: Record<string, unknown> }> = [];
    for await (const e of store.readStream(guildStream(guild.id))) {
      if (e.type === 'BOT_AUTOMOD_ACTION')
        out.push({ id: e.id, data: (e.data as { data: Record<string, unknown> }).data });
    }
    return out;
  };
  const deletes = (messageId: string) =>
    sim.restLog.filter((l) => l.method === 'DELETE' && l.path.endsWith(`/messages/${messageId}`));
  const timedOutUntil = (userId: string) =>
    sim.world.member(sim.world.guild(guild.id), userId).communicationDisabledUntil;

  beforeAll(async () => {
    guild = sim.createGuild({ name: 'Automod', textChannels: ['general', 'off-topic'] });
    members = sim.populate(guild.id, 20).map((u) => u.id);
    modUser = sim.createUser({ username: 'trusted' }).id;
    sim.addMember(guild.id, modUser, { roles: [sim.guildRoles(guild.id).moderator] });
    [general, offTopic] = sim.channels(guild.id).text as [string, string];
    store = new SqliteEventStore({ path: join(dir, 'events.db'), logger });
    writeSide = await createWriteSide({ eventStore: store, configPollIntervalMs: 20 });
    gateway = await startGateway({
      port: 0,
      eventStore: store,
      writeSide,
      credentials: botCredentialsFromTokens({ 'automod-bot': BOT_TOKEN }),
      logger,
    });
    const urls = await sim.start();
    bot = new Bot({
      discordToken: sim.token,
      apiBase: urls.restBase,
      gateway: { url: gateway.url, token: BOT_TOKEN, botId: 'automod-bot', shardId: 0 },
      outboxPath: join(dir, 'outbox.db'),
      outboxMaxEvents: 100_000,
      metrics: { ...DEFAULT_METRICS_CONFIG, snapshotInterval: 3_600_000, memberActivityInterval: 3_600_000 },
      enabled: DEFAULT_ENABLED_LISTENERS,
      correlation: { holdMs: 300, entryTtlMs: 30_000 },
      logger,
      onEvent: rec.record,
    });
    await bot.start();
    const applied = bot.configFeed.nextApplied();
    await writeSide.commandBus.execute(
      new EnableModule({
        guildId: guild.id,
        moduleId: 'automod',
        actor: { type: 'system', id: 'test' },
        config: {
          rules: [
            {
              id: 'no-swearing',
              type: 'banned_words',
              enabled: true,
              words: ['frobnicate', 'gizmo'],
              actions: ['delete', 'timeout'],
              timeoutSeconds: 60,
              exemptRoleIds: [sim.guildRoles(guild.id).moderator],
              exemptChannelIds: [offTopic],
            },
            { id: 'no-invites', type: 'invite_links', enabled: true, actions: ['delete'] },
            {
              id: 'no-mass-mentions',
              type: 'mention_spam',
              enabled: true,
              maxMentions: 3,
              actions: ['timeout'],
              timeoutSeconds: 120,
            },
          ],
        },
      }),
    );
    await applied;
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await gateway?.close();
    await writeSide?.close();
    await store?.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes a message with a banned word, times its author out, and records the action', async () => {
    const author = members[0]!;
    const m = sim.sendMessage(general, { authorId: author, content: 'please do not FROBNICATE the thing' });
    const action = await actionFor(m.id);
    expect(parseBotEvent(action).ok).toBe(true);
    expect(data(action)).toEqual({
      ruleId: 'no-swearing',
      ruleType: 'banned_words',
      userId: author,
      username: 'member-0',
      channelId: general,
      messageId: m.id,
      actions: ['delete', 'timeout'],
      timeoutSeconds: 60,
      matched: 'frobnicate',
      reason: 'automod rule no-swearing (banned_words)',
    });
    expect(deletes(m.id).map((l) => l.status)).toEqual([204]);
    expect(Date.parse(timedOutUntil(author) ?? '0')).toBeGreaterThan(Date.now() + 50_000);
    // The deletion Discord reports back is attributed to the bot with certainty.
    const deleted = await rec.next((e) => e.type === 'MESSAGE_DELETE' && e.messageId === m.id);
    expect(data(deleted).deletedBy).toEqual({
      userId: sim.botUser.id,
      username: sim.botUser.username,
      certainty: 'certain',
    });
    const stored = await storedActions();
    expect(stored.filter((s) => s.id === action.id)).toEqual([{ id: action.id, data: data(action) }]);
  });

  it('respects exempt roles and exempt channels', async () => {
    const byMod = sim.sendMessage(general, { authorId: modUser, content: 'gizmo is allowed for mods' });
    const inOffTopic = sim.sendMessage(offTopic, { authorId: members[1]!, content: 'gizmo talk here' });
    // Messages are evaluated in order: once a later offending message was acted on, these were not.
    const later = sim.sendMessage(general, { authorId: members[2]!, content: 'gizmo!' });
    await actionFor(later.id);
    const actedOn = rec.ofType('BOT_AUTOMOD_ACTION').map((e) => data(e).messageId);
    expect(actedOn).not.toContain(byMod.id);
    expect(actedOn).not.toContain(inOffTopic.id);
    expect(deletes(byMod.id)).toEqual([]);
    expect(deletes(inOffTopic.id)).toEqual([]);
    expect(timedOutUntil(modUser)).toBeNull();
    expect(timedOutUntil(members[1]!)).toBeNull();
  });

  it('deletes invite links only, and times out mention spam without deleting', async () => {
    const inv = sim.sendMessage(general, { authorId: members[3]!, content: 'join us at discord.gg/abcDEF' });
    expect(data(await actionFor(inv.id))).toMatchObject({
      ruleId: 'no-invites',
      ruleType: 'invite_links',
      actions: ['delete'],
      matched: 'discord.gg/abcDEF',
    });
    expect(timedOutUntil(members[3]!)).toBeNull();
    const spam = sim.sendMessage(general, {
      authorId: members[4]!,
      content: 'hey you all',
      mentionIds: members.slice(10, 14),
    });
    const a = await actionFor(spam.id);
    expect(data(a)).toMatchObject({
      ruleId: 'no-mass-mentions',
      ruleType: 'mention_spam',
      actions: ['timeout'],
      timeoutSeconds: 120,
      matched: '4 mentions',
    });
    expect(deletes(spam.id)).toEqual([]);
    expect(timedOutUntil(members[4]!)).not.toBeNull();
  });

  it('records an action Discord refused (50013) in failedActions', async () => {
    // The bot loses Moderate Members: the delete still works, the timeout is refused.
    const withoutModerate =
      PermissionFlagsBits.ViewChannel |
      PermissionFlagsBits.SendMessages |
      PermissionFlagsBits.ReadMessageHistory |
      PermissionFlagsBits.ManageMessages |
      PermissionFlagsBits.ManageGuild |
      PermissionFlagsBits.ViewAuditLog;
    sim.setBotPermissions(guild.id, withoutModerate);
    const m = sim.sendMessage(general, { authorId: members[5]!, content: 'gizmo again' });
    const a = await actionFor(m.id);
    expect(data(a)).toMatchObject({ actions: ['delete', 'timeout'], failedActions: ['timeout'] });
    expect(timedOutUntil(members[5]!)).toBeNull();
    expect(deletes(m.id).map((l) => l.status)).toEqual([204]);
    const timeoutCalls = sim.restLog.filter(
      (l) => l.method === 'PATCH' && l.path.endsWith(`/members/${members[5]}`),
    );
    expect(timeoutCalls.map((l) => l.status)).toEqual([403]);
    const stored = await storedActions();
    expect(stored.find((s) => s.id === a.id)?.data.failedActions).toEqual(['timeout']);
  });
});
