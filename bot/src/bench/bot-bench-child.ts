// Child process of the bot benchmark: runs either the real bot or a bare discord.js client (baseline)
// against the simulator started by the parent, and reports resource use and counts over IPC.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events } from 'discord.js';
import { pino } from 'pino';
import { DEFAULT_METRICS_CONFIG } from '../activity/metrics-config.js';
import { Bot } from '../bot.js';
import { DEFAULT_ENABLED_LISTENERS } from '../config/listeners.config.js';
import { createDiscordClient } from '../discord/create-client.js';

const mode = process.env.BENCH_MODE === 'baseline' ? 'baseline' : 'bot';
const token = process.env.DISCORD_TOKEN!;
const api = process.env.DISCORD_API_BASE!;
const send = (m: unknown) => process.send?.(m);

let received = 0;
const totals = { messages: 0, reactions: 0, voiceMinutes: 0, snapshots: 0 };
let stop: () => Promise<void>;
let client: import('discord.js').Client | null = null;

async function start(): Promise<void> {
  if (mode === 'baseline') {
    // The bot's client configuration (intents, partials, cache limits), no listeners but a counter.
    const c = createDiscordClient({
      apiBase: api,
      ...(process.env.BENCH_MESSAGE_CACHE
        ? { messageCacheSize: Number(process.env.BENCH_MESSAGE_CACHE) }
        : {}),
    });
    client = c;
    c.on(Events.MessageCreate, () => received++);
    const ready = new Promise((r) => c.once(Events.ClientReady, r));
    await c.login(token);
    await ready;
    stop = async () => {
      await c.destroy();
    };
    return;
  }
  const bot = new Bot({
    discordToken: token,
    apiBase: api,
    gateway: null,
    outboxPath: join(mkdtempSync(join(tmpdir(), 'bot-bench-')), 'outbox.db'),
    outboxMaxEvents: 1_000_000,
    metrics: { ...DEFAULT_METRICS_CONFIG, snapshotInterval: 5_000, memberActivityInterval: 15_000 },
    enabled: DEFAULT_ENABLED_LISTENERS,
    correlation: { holdMs: 1_000, entryTtlMs: 30_000 },
    validate: process.env.BENCH_VALIDATE === 'all' ? 'all' : 'non-snapshot',
    logger: pino({ level: 'warn' }),
    onEvent: (e) => {
      if (e.type !== 'METRICS_SNAPSHOT') return;
      const m = (
        e.data as {
          metrics: {
            messages: { total: number };
            reactions: { total: number };
            voice: { totalMinutes: number };
          };
        }
      ).metrics;
      totals.snapshots++;
      totals.messages += m.messages.total;
      totals.reactions += m.reactions.total;
      totals.voiceMinutes += m.voice.totalMinutes;
    },
  });
  client = bot.client;
  bot.client.on(Events.MessageCreate, () => received++);
  await bot.start();
  stop = async () => {
    await bot.stop({ drainTimeoutMs: 0 });
  };
}

process.on('message', async (msg: { cmd: string }) => {
  if (msg.cmd === 'sample') {
    const m = process.memoryUsage();
    send({
      type: 'sample',
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external,
      cpu: process.cpuUsage(),
      received,
    });
  } else if (msg.cmd === 'finish') {
    if (process.env.BENCH_CACHE_STATS && client) {
      (globalThis as { gc?: () => void }).gc?.();
      let messages = 0;
      let members = 0;
      let voice = 0;
      let roles = 0;
      for (const g of client.guilds.cache.values()) {
        members += g.members.cache.size;
        voice += g.voiceStates.cache.size;
        roles += g.roles.cache.size;
        for (const c of g.channels.cache.values()) if ('messages' in c) messages += c.messages.cache.size;
      }
      console.error('cache stats', {
        users: client.users.cache.size,
        channels: client.channels.cache.size,
        messages,
        members,
        voice,
        roles,
        heapAfterGcMb: Math.round(process.memoryUsage().heapUsed / 1048576),
      });
    }
    await stop();
    send({ type: 'finished', received, totals, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
    setTimeout(() => process.exit(0), 50);
  }
});

start().then(
  () => send({ type: 'ready', cpu: process.cpuUsage(), rss: process.memoryUsage().rss }),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
