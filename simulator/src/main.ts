#!/usr/bin/env node
// Standalone simulator: `node simulator/dist/main.js --port 5999 --scenario demo --seed 42`.
// Prints exactly one JSON line on stdout once listening ({"ready":true,restBase,gatewayUrl,controlBase,token});
// logs go to stderr as pino JSON. Stops cleanly on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { extendControlApi, NO_MATCH } from './control/control-api.js';
import { systemClock } from './core/clock.js';
import { type RunningScenario, SetupClock, scenarios, setupTimeForSeed } from './scenarios/index.js';
import { Simulator } from './simulator.js';
import { generateTraffic, type TrafficGenerator } from './traffic/traffic-generator.js';

const USAGE = `Usage: node simulator/dist/main.js [options]
  --port <n>          listen port (0 = any free port)           env SIM_PORT, default 5999
  --host <addr>       listen address                            env SIM_HOST, default 127.0.0.1
  --scenario <name>   ${Object.keys(scenarios).join(' | ')} | traffic | none   env SIM_SCENARIO, default demo
  --seed <n>          same seed, same world and timeline         env SIM_SEED, default 1
  --speed <x>         scenario time runs x times faster          env SIM_SPEED, default 1
  --bot-token <t>     token the bot must present                 env SIMULATOR_BOT_TOKEN (or SIM_TOKEN)
  --guilds/--members/--rate   for --scenario traffic (the benchmark's generator)
  --paused            build the world but start the timeline only on POST /_sim/scenario/start`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.SIM_PORT ?? '5999' },
      host: { type: 'string', default: process.env.SIM_HOST ?? '127.0.0.1' },
      scenario: { type: 'string', default: process.env.SIM_SCENARIO ?? 'demo' },
      seed: { type: 'string', default: process.env.SIM_SEED ?? '1' },
      speed: { type: 'string', default: process.env.SIM_SPEED ?? '1' },
      'bot-token': { type: 'string', default: process.env.SIMULATOR_BOT_TOKEN ?? process.env.SIM_TOKEN },
      token: { type: 'string' },
      guilds: { type: 'string', default: process.env.SIM_GUILDS ?? '3' },
      members: { type: 'string', default: process.env.SIM_MEMBERS ?? '50' },
      rate: { type: 'string', default: process.env.SIM_RATE ?? '5' },
      traffic: { type: 'boolean', default: process.env.SIM_TRAFFIC === '1' },
      paused: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  fail((err as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

function int(name: string, raw: unknown, min: number): number {
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < min)
    fail(`--${name} must be an integer >= ${min} (got "${raw}")`);
  return n;
}
function positive(name: string, raw: unknown): number {
  const n = Number(raw);
  if (typeof raw !== 'string' || !(n > 0)) fail(`--${name} must be a number > 0 (got "${raw}")`);
  return n;
}

const port = int('port', values.port, 0);
const seed = int('seed', values.seed, 0);
const speed = positive('speed', values.speed);
// `--traffic` (older flag) selects the traffic generator.
const scenarioName = values.traffic ? 'traffic' : String(values.scenario);
if (!(scenarioName in scenarios) && scenarioName !== 'traffic' && scenarioName !== 'none') {
  fail(
    `--scenario must be one of ${[...Object.keys(scenarios), 'traffic', 'none'].join(', ')} (got "${scenarioName}")`,
  );
}
const token = (values['bot-token'] ?? values.token) as string | undefined;
if (token !== undefined && token.trim() === '') fail('--bot-token must not be empty');

// stdout carries the single ready line: every log goes to stderr.
const logger = pino({ level: process.env.SIM_LOG_LEVEL ?? 'info', name: 'simulator' }, pino.destination(2));
// World setup at a fixed time per seed: the same ids on every start (see SetupClock).
const clock = new SetupClock(systemClock, setupTimeForSeed(seed));
const sim = new Simulator({ logger, clock, ...(token ? { token } : {}) });

let scenario: RunningScenario | null = null;
let traffic: TrafficGenerator | null = null;
if (scenarioName === 'traffic') {
  // The generator keeps its own simulated time from the clock's now: start it on the real time.
  clock.release();
  traffic = generateTraffic(sim, {
    seed,
    guilds: int('guilds', values.guilds, 1),
    membersPerGuild: int('members', values.members, 2),
    messagesPerSecond: positive('rate', values.rate),
  });
} else if (scenarioName !== 'none') {
  scenario = scenarios[scenarioName]!.setup(sim, { seed, speed });
}
clock.release();

extendControlApi(sim, (method, path) => {
  if (method === 'GET' && path === '/scenario') {
    return scenario
      ? {
          name: scenario.name,
          guildIds: scenario.guildIds,
          elapsedMs: scenario.elapsedMs,
          counts: scenario.counts,
        }
      : { name: scenarioName };
  }
  if (method === 'POST' && (path === '/scenario/start' || path === '/traffic/start')) {
    scenario?.start();
    traffic?.start();
    return { running: true };
  }
  if (method === 'POST' && (path === '/scenario/stop' || path === '/traffic/stop')) {
    scenario?.stop();
    traffic?.stop();
    return { running: false };
  }
  if (method === 'GET' && path === '/traffic/counters' && traffic) return traffic.counters.toJSON();
  return NO_MATCH;
});

const urls = await sim.start({ port, host: String(values.host) });
if (!values.paused) {
  scenario?.start();
  traffic?.start();
}
logger.info({ scenario: scenarioName, seed, speed, ...urls }, 'simulator ready');
process.stdout.write(
  `${JSON.stringify({
    ready: true,
    restBase: urls.restBase,
    gatewayUrl: urls.gatewayUrl,
    controlBase: urls.controlBase,
    token: sim.token,
  })}\n`,
);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'simulator stopping');
  scenario?.stop();
  traffic?.stop();
  await sim.stop();
  logger.flush();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
