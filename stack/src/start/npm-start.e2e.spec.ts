import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

// The whole embedded stack started as a user would: `npm start` in a child process, simulator traffic
// reaching the GraphQL API, Ctrl-C, and a restart that keeps the data and adds new data.
const root = resolve(new URL('../../../', import.meta.url).pathname);

interface Started {
  readonly child: ChildProcess;
  readonly apiUrl: string;
  readonly adminToken: string;
  readonly simulatorControl: string;
  readonly output: () => string;
}

function npmStart(dataDir: string): Promise<Started> {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATA_DIR: dataDir,
      API_PORT: '0',
      GATEWAY_PORT: '0',
      SIMULATOR_PORT: '0',
      DEMO_SNAPSHOT_MS: '2000',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so Ctrl-C can be sent the way a terminal does: to the whole group.
    detached: true,
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  });
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output = (output + line + '\n').slice(-8000);
      if (!line.startsWith('{"ready":true')) return;
      const ready = JSON.parse(line) as Record<string, string>;
      resolvePromise({
        child,
        apiUrl: ready.apiUrl!,
        adminToken: ready.adminToken!,
        simulatorControl: ready.simulatorControl!,
        output: () => output,
      });
    });
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before ready:\n${output}`)));
  });
}

/** Ctrl-C as a terminal sends it (SIGINT to the foreground process group); resolves with the output. */
async function stop(started: Started): Promise<string> {
  const exited = new Promise<void>((r) => started.child.on('exit', () => r()));
  process.kill(-started.child.pid!, 'SIGINT');
  await exited;
  return started.output();
}

async function gql<T>(started: Started, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${started.apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${started.adminToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

const OVERVIEW = `query ($id: ID!) { guild(id: $id) { overview(period: { preset: LAST_24_HOURS }) { messages { current } } } }`;
const BANS = `query ($id: ID!) { guild(id: $id) { moderationLog(filter: { actions: [BAN] }, first: 50) {
  nodes { id target { id } moderator { id } source { streamId revision eventId } } } } }`;

describe('npm start (embedded stack with simulated Discord)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gs-npm-start-'));
  let running: Started | undefined;
  afterAll(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) await stop(running);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('serves simulator traffic through GraphQL, stops on Ctrl-C and resumes with the same data', async () => {
    running = await npmStart(dataDir);
    const first = running;
    const state = (await (await fetch(`${first.simulatorControl}/state`)).json()) as {
      guilds: { id: string; name: string }[];
    };
    expect(state.guilds.length).toBeGreaterThan(0);
    const guildId = state.guilds[0]!.id;

    // The bot's GUILD_SYNC reaches the guild registry shortly after the stack reports ready.
    await eventually('the simulator guilds in the API', async () => {
      const { guilds } = await gql<{ guilds: { id: string }[] }>(first, '{ guilds { id } }');
      return guilds.some((g) => g.id === guildId) ? true : undefined;
    });

    // The demo's opening burst (every kind of moderation within its first seconds) happens while the bot
    // watches: the simulator's timeline starts only once the bot is ready.
    const ACTIONS = `query ($id: ID!) { guild(id: $id) { moderationLog(first: 200) { nodes { action } } } }`;
    await eventually('the opening burst in the moderation log', async () => {
      const seen = new Set<string>();
      for (const g of state.guilds) {
        const data = await gql<{ guild: { moderationLog: { nodes: { action: string }[] } } }>(
          first,
          ACTIONS,
          {
            id: g.id,
          },
        );
        for (const n of data.guild.moderationLog.nodes) seen.add(n.action);
      }
      const burst = ['BAN', 'KICK', 'TIMEOUT_ADD', 'MESSAGE_BULK_DELETE', 'AUTOMOD_DISCORD'];
      return burst.every((a) => seen.has(a)) ? true : undefined;
    });

    const messagesBefore = await eventually('activity from the simulator', async () => {
      const data = await gql<{ guild: { overview: { messages: { current: number } } } }>(first, OVERVIEW, {
        id: guildId,
      });
      const count = data.guild.overview.messages.current;
      return count > 0 ? count : undefined;
    });

    // A ban performed in the simulator reaches the moderation log with its moderator.
    const members = (await (await fetch(`${first.simulatorControl}/guilds/${guildId}/members`)).json()) as {
      userId: string;
      user: { bot?: boolean };
    }[];
    const humans = members.filter((m) => !m.user?.bot);
    const [moderator, target] = [humans[0]!, humans[humans.length - 1]!];
    const ban = await fetch(`${first.simulatorControl}/actions/ban`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        guildId,
        userId: target.userId,
        moderatorId: moderator.userId,
        reason: 'e2e ban',
      }),
    });
    expect(ban.ok).toBe(true);
    type Bans = {
      guild: {
        moderationLog: { nodes: { id: string; target: { id: string }; moderator: { id: string } | null }[] };
      };
    };
    const banEntry = await eventually('the ban in the moderation log', async () => {
      const data = await gql<Bans>(first, BANS, { id: guildId });
      return data.guild.moderationLog.nodes.find((n) => n.target.id === target.userId);
    });
    expect(banEntry.moderator?.id).toBe(moderator.userId);

    // The bot stops first (flushing its metrics through the still-running server), the server last.
    expect(await stop(first)).toMatch(/bot stopped[\s\S]*simulator stopped[\s\S]*server stopped/);

    // Restart on the same data directory: the same ban is there and new traffic keeps counting.
    running = await npmStart(dataDir);
    const second = running;
    const after = await gql<Bans>(second, BANS, { id: guildId });
    expect(after.guild.moderationLog.nodes.map((n) => n.id)).toContain(banEntry.id);
    await eventually('new activity after the restart', async () => {
      const data = await gql<{ guild: { overview: { messages: { current: number } } } }>(second, OVERVIEW, {
        id: guildId,
      });
      return data.guild.overview.messages.current > messagesBefore ? true : undefined;
    });
    expect(await stop(second)).toMatch(/server stopped/);
  }, 420_000);
});
