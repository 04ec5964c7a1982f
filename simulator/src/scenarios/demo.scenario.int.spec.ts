import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Client, Events } from 'discord.js';
import { Simulator } from '../simulator.js';
import { loginClient } from '../testing/discord-client.js';
import { demoScenario } from './demo.scenario.js';
import type { RunningScenario } from './scenario.js';

const EXPECTED = [
  Events.MessageCreate,
  Events.MessageReactionAdd,
  Events.VoiceStateUpdate,
  Events.GuildMemberAdd,
  Events.GuildMemberRemove,
  Events.GuildMemberUpdate,
  Events.GuildBanAdd,
  Events.GuildAuditLogEntryCreate,
  Events.MessageDelete,
  Events.MessageBulkDelete,
  Events.AutoModerationActionExecution,
  Events.InviteCreate,
  Events.InviteDelete,
  Events.GuildUpdate,
] as const;

describe('the demo scenario seen by a plain discord.js client', () => {
  const sim = new Simulator();
  let demo: RunningScenario;
  let client: Client<true>;

  beforeAll(async () => {
    demo = demoScenario.setup(sim, { seed: 42, speed: 20, tickMs: 100 });
    client = await loginClient(await sim.start({ port: 0 }), sim.token);
  });

  afterAll(async () => {
    demo?.stop();
    await client?.destroy();
    await sim.stop();
  });

  it('sees the three guilds, then every kind of event within seconds', async () => {
    expect([...client.guilds.cache.values()].map((g) => g.name).sort()).toEqual([
      'Makers Guild',
      'Pixel Forge',
      'Study Hall',
    ]);
    const seen = new Map<string, number>();
    const all = new Promise<void>((resolve) => {
      for (const event of EXPECTED) {
        client.on(event, () => {
          seen.set(event, (seen.get(event) ?? 0) + 1);
          if (seen.size === EXPECTED.length) resolve();
        });
      }
    });
    demo.start();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 15_000);
    });
    await Promise.race([all, timedOut]);
    clearTimeout(timer);
    demo.stop();
    expect(EXPECTED.filter((e) => !seen.has(e))).toEqual([]);
    // Steady traffic dominates: more messages than any rarer kind.
    expect(seen.get(Events.MessageCreate)).toBeGreaterThanOrEqual(seen.get(Events.GuildBanAdd)!);
  }, 30_000);
});
