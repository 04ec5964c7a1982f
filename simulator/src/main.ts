#!/usr/bin/env node
// Standalone simulator: `node simulator/dist/main.js --port 5999 --guilds 3 --traffic`.
// Env: SIM_PORT, SIM_GUILDS, SIM_MEMBERS, SIM_TOKEN, SIM_TRAFFIC=1, SIM_RATE (messages/s), SIM_SEED, SIM_LOG_LEVEL.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { extendControlApi, NO_MATCH } from './control/control-api.js';
import { Simulator } from './simulator.js';
import { generateTraffic, type TrafficGenerator } from './traffic/traffic-generator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SIM_PORT ?? '5999' },
    host: { type: 'string', default: process.env.SIM_HOST ?? '127.0.0.1' },
    guilds: { type: 'string', default: process.env.SIM_GUILDS ?? '3' },
    members: { type: 'string', default: process.env.SIM_MEMBERS ?? '50' },
    token: { type: 'string', default: process.env.SIM_TOKEN },
    traffic: { type: 'boolean', default: process.env.SIM_TRAFFIC === '1' },
    rate: { type: 'string', default: process.env.SIM_RATE ?? '5' },
    seed: { type: 'string', default: process.env.SIM_SEED ?? '1' },
  },
});

function int(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be an integer >= ${min} (got "${raw}")`);
    process.exit(2);
  }
  return n;
}

const logger = pino({ level: process.env.SIM_LOG_LEVEL ?? 'info', name: 'simulator' });
const sim = new Simulator({ logger, ...(values.token ? { token: values.token } : {}) });
const traffic: TrafficGenerator = generateTraffic(sim, {
  seed: int('seed', values.seed, 0),
  guilds: int('guilds', values.guilds, 1),
  membersPerGuild: int('members', values.members, 2),
  messagesPerSecond: Number(values.rate) > 0 ? Number(values.rate) : 5,
});
extendControlApi(sim, (method, path) => {
  if (method === 'POST' && path === '/traffic/start') {
    traffic.start();
    return { running: true };
  }
  if (method === 'POST' && path === '/traffic/stop') {
    traffic.stop();
    return { running: false };
  }
  if (method === 'GET' && path === '/traffic/counters') return traffic.counters.toJSON(traffic.time);
  return NO_MATCH;
});
const urls = await sim.start({ port: int('port', values.port, 0), host: values.host });
if (values.traffic) traffic.start();
console.log(
  JSON.stringify({
    restBase: urls.restBase,
    gatewayUrl: urls.gatewayUrl,
    control: urls.controlBase,
    token: sim.token,
  }),
);
const shutdown = async () => {
  traffic.stop();
  await sim.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
