import { join } from 'node:path';
import { Bot, botOptionsFromConfig, loadBotConfig } from '@guildscope/bot';
import {
  type RunningScenario,
  SetupClock,
  Simulator,
  scenarios,
  setupTimeForSeed,
  systemClock,
} from '@guildscope/simulator';
import { type Logger, pino } from 'pino';
import { type RunningServer, startServer } from './server/embedded-server.js';
import { gatewayCredentialLine, loadOrCreateSecrets } from './start/secrets.js';

export interface EmbeddedStackOptions {
  /** Everything persistent goes here (event store, read models, bot outbox, secrets). */
  readonly dataDir: string;
  /** API + dashboard port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Built dashboard to serve at `/` (e.g. `web/build`). */
  readonly webDir?: string;
  /** Simulator scenario: `demo` (default) or `none` (an empty world the caller fills). */
  readonly scenario?: 'demo' | 'none';
  readonly seed?: number;
  /** Scenario time speed-up (1 = real time). */
  readonly speed?: number;
  /** The bot's METRICS_SNAPSHOT interval; short in tests so charts fill quickly. Default 5000 ms. */
  readonly snapshotIntervalMs?: number;
  readonly logger?: Logger;
}

export interface EmbeddedStack {
  /** API and dashboard base URL, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly adminToken: string;
  /** The in-process fake Discord the bot is connected to (drive actions through it). */
  readonly simulator: Simulator;
  readonly scenario: RunningScenario | null;
  readonly server: RunningServer;
  readonly bot: Bot;
  /** Stops the bot (flushing its metrics), the simulator, then the server. */
  stop(): Promise<void>;
}

/**
 * The whole embedded stack in this process: the server (gateway, write side, projections, API, dashboard),
 * the simulator with its scenario, and the bot connected to both. `npm start` runs the same pieces as
 * separate processes; tests use this to drive the simulator directly.
 */
export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const logger = options.logger ?? pino({ level: 'warn' });
  const secrets = loadOrCreateSecrets(options.dataDir);
  const server = await startServer(
    {
      dataDir: options.dataDir,
      host: '127.0.0.1',
      apiPort: options.port ?? 0,
      gatewayPort: 0,
      eventStorePath: join(options.dataDir, 'events.db'),
      readDbDir: join(options.dataDir, 'timescale'),
      adminToken: secrets.adminToken,
      botTokens: gatewayCredentialLine(secrets),
      retentionRawDays: 90,
      logLevel: logger.level,
      ...(options.webDir ? { webDir: options.webDir } : {}),
    },
    logger,
  );

  const seed = options.seed ?? 42;
  const clock = new SetupClock(systemClock, setupTimeForSeed(seed));
  const simulator = new Simulator({ logger: logger.child({ component: 'simulator' }), clock });
  const scenario =
    (options.scenario ?? 'demo') === 'demo'
      ? scenarios.demo!.setup(simulator, { seed, speed: options.speed ?? 1 })
      : null;
  clock.release();
  const urls = await simulator.start({ port: 0 });

  const config = loadBotConfig({
    DISCORD_TOKEN: simulator.token,
    DISCORD_API_BASE: urls.restBase,
    GATEWAY_URL: server.gatewayUrl,
    GATEWAY_BOT_ID: secrets.botId,
    GATEWAY_BOT_TOKEN: secrets.botToken,
    OUTBOX_PATH: join(options.dataDir, 'bot-outbox.db'),
    METRICS_SNAPSHOT_INTERVAL_MS: String(options.snapshotIntervalMs ?? 5000),
    AUDIT_HOLD_MS: '1000',
  });
  const bot = new Bot(botOptionsFromConfig(config, logger.child({ component: 'bot' })));
  await bot.start();
  scenario?.start();

  let stopping: Promise<void> | undefined;
  return {
    url: server.apiUrl,
    adminToken: secrets.adminToken,
    simulator,
    scenario,
    server,
    bot,
    stop() {
      stopping ??= (async () => {
        scenario?.stop();
        await bot.stop();
        await simulator.stop();
        await server.close();
      })();
      return stopping;
    },
  };
}
