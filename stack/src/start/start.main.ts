#!/usr/bin/env node
// `npm start`: the whole embedded stack on this machine. One server process (gateway + write side +
// projections + API + dashboard), the simulator with demo traffic (unless DISCORD_TOKEN is set), and the
// bot connected to both. Ctrl-C stops the bot first (its metrics are flushed into the outbox), then the
// simulator, then the server; a restart resumes from ./data.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '@guildscope/contracts/config';
import { GATEWAY_NODE_OPTIONS } from '@guildscope/gateway/node-options';
import { type ManagedChild, spawnNode } from './child-process.js';
import { gatewayCredentialLine, loadOrCreateSecrets } from './secrets.js';
import { startConfigFromEnv } from './start-config.js';

const root = resolve(new URL('../../../', import.meta.url).pathname);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = startConfigFromEnv();
  const dataDir = resolve(config.dataDir);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const secrets = loadOrCreateSecrets(dataDir);
  const children: ManagedChild[] = [];
  const baseEnv = { ...process.env, LOG_LEVEL: config.logLevel };

  let stopping = false;
  const stopAll = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    say(`\nStopping (${reason}): bot, then simulator, then server...`);
    // Reverse start order: the bot flushes into the gateway while the server still runs.
    for (const child of [...children].reverse()) {
      const code = await child.stop();
      say(`  ${child.name} stopped${code ? ` (exit ${code})` : ''}`);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll('Ctrl-C'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));

  let discord: { token: string; apiBase?: string; controlBase?: string };
  if (config.discordToken) {
    discord = { token: config.discordToken };
    say('DISCORD_TOKEN is set: the bot connects to real Discord (no simulator).');
  } else {
    const simulator = spawnNode(
      'simulator',
      join(root, 'simulator/dist/main.js'),
      // Paused until the bot is ready: the demo's opening burst (a ban, a kick, a bulk delete, AutoMod, a
      // timeout in its first seconds) must happen while the bot watches, or it never reaches the log.
      [
        '--port',
        String(config.simulatorPort),
        '--scenario',
        'demo',
        '--seed',
        String(config.demoSeed),
        '--paused',
      ],
      baseEnv,
      join(logDir, 'simulator.log'),
    );
    children.push(simulator);
    const ready = await simulator.ready;
    discord = {
      token: String(ready.token),
      apiBase: String(ready.restBase),
      controlBase: String(ready.controlBase),
    };
    say(`Simulated Discord ready at ${String(ready.restBase)} (demo traffic, seed ${config.demoSeed}).`);
  }

  const webDir = join(root, 'web/build');
  const server = spawnNode(
    'server',
    join(root, 'stack/dist/server/server.main.js'),
    [],
    {
      ...baseEnv,
      DATA_DIR: dataDir,
      API_PORT: String(config.apiPort),
      GATEWAY_PORT: String(config.gatewayPort),
      API_ADMIN_TOKEN: secrets.adminToken,
      GATEWAY_BOT_TOKENS: gatewayCredentialLine(secrets),
      ...(existsSync(join(webDir, 'index.html')) ? { WEB_DIR: webDir } : {}),
    },
    join(logDir, 'server.log'),
    // The server hosts the gateway: its V8 flags (see GATEWAY_NODE_OPTIONS).
    GATEWAY_NODE_OPTIONS,
  );
  children.unshift(server);
  const serverReady = await server.ready;

  const bot = spawnNode(
    'bot',
    join(root, 'bot/dist/main.js'),
    [],
    {
      ...baseEnv,
      DISCORD_TOKEN: discord.token,
      ...(discord.apiBase ? { DISCORD_API_BASE: discord.apiBase } : {}),
      GATEWAY_URL: String(serverReady.gatewayUrl),
      GATEWAY_BOT_ID: secrets.botId,
      GATEWAY_BOT_TOKEN: secrets.botToken,
      OUTBOX_PATH: join(dataDir, 'bot-outbox.db'),
      ...(config.discordToken ? {} : { METRICS_SNAPSHOT_INTERVAL_MS: String(config.demoSnapshotMs) }),
    },
    join(logDir, 'bot.log'),
    // V8 collects lazily under a busy gateway feed: a heap cap sized to the live data and a small young
    // generation keep the bot's RSS near what it uses (docs/bench/bot.md: ~210 MB with these flags vs ~380 MB
    // with V8's defaults at 10k messages/s over 1,000 guilds). Raise BOT_HEAP_MB for shards with big member lists.
    [`--max-old-space-size=${config.botHeapMb}`, '--max-semi-space-size=4'],
  );
  children.push(bot);
  await bot.ready;
  if (discord.controlBase) await startDemoTimeline(discord.controlBase);

  const apiUrl = String(serverReady.apiUrl);
  say('');
  say('Guildscope is running.');
  say(`  Dashboard:   ${apiUrl}/`);
  say(`  GraphQL:     ${apiUrl}/graphql`);
  say(`  Admin token: ${secrets.adminToken}`);
  say(`  Data:        ${dataDir}   Logs: ${logDir}`);
  say('Press Ctrl-C to stop.');
  // Machine-readable line for scripts and the end-to-end test.
  say(
    JSON.stringify({
      ready: true,
      apiUrl,
      adminToken: secrets.adminToken,
      dataDir,
      ...(discord.controlBase ? { simulatorControl: discord.controlBase } : {}),
    }),
  );

  for (const child of children)
    void child.exited.then((code) => {
      if (!stopping) {
        process.stderr.write(
          `${child.name} exited unexpectedly (code ${code}); see ${logDir}/${child.name}.log\n`,
        );
        void stopAll(`${child.name} exited`);
      }
    });
}

/** Starts the simulator's demo timeline (built paused so that the bot sees it from its first event). */
async function startDemoTimeline(controlBase: string): Promise<void> {
  const res = await fetch(`${controlBase}/scenario/start`, { method: 'POST' });
  if (!res.ok) throw new Error(`the simulator refused to start the demo: ${res.status} ${await res.text()}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`,
  );
  process.exit(error instanceof ConfigError ? 2 : 1);
});
