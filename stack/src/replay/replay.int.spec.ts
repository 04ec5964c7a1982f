import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BotEvent,
  exampleBan,
  exampleBotEvents,
  exampleIds,
  exampleUuid,
  guildStream,
  snowflakeFromTimestamp,
} from '@guildscope/contracts';
import { createWriteSide, RecordBotEvents, SqliteEventStore } from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { REPLAY_MAIN, REPO_ROOT, runCommand, runReplayCli } from './replay-cli.testing.js';

const GUILD = exampleIds.guild;
const OTHER_GUILD = snowflakeFromTimestamp(Date.parse('2020-01-01T00:00:00Z'), 42);
const BIG_GUILD = snowflakeFromTimestamp(Date.parse('2021-01-01T00:00:00Z'), 43);
const BIG_COUNT = 3000;

/** What the CLI prints for one event, read back from an ndjson line. */
interface Printed {
  streamId: string;
  revision: number;
  position: string;
  id: string;
  type: string;
  createdAt: string;
  data: BotEvent;
  metadata: Record<string, unknown>;
}

// Each run is a child process loading the write side (a few seconds on a loaded machine).
jest.setTimeout(60_000);

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('replay CLI (SQLite event store, child process)', () => {
  let dir: string;
  let env: Record<string, string>;
  /** The guild's events as appended, in order. */
  const appended: readonly BotEvent[] = exampleBotEvents;
  /** The ndjson run of the first test, compared with the csv run. */
  let ndjson: Printed[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-int-'));
    env = { EVENTSTORE_PATH: join(dir, 'events.db') };
    const store = new SqliteEventStore({ path: env.EVENTSTORE_PATH });
    const writeSide = await createWriteSide({ eventStore: store });
    const other: BotEvent = { ...exampleBan, id: exampleUuid(500), guildId: OTHER_GUILD };
    // Two gateway batches, the second spanning two guilds, as a bot sends them.
    await writeSide.commandBus.execute(new RecordBotEvents('bot-a', 0, appended.slice(0, 8)));
    await writeSide.commandBus.execute(new RecordBotEvents('bot-a', 1, [other, ...appended.slice(8)]));
    await writeSide.close();
    // A long stream for the pipe and progress tests (appended directly: volume, not realism).
    await store.append(
      guildStream(BIG_GUILD),
      Array.from({ length: BIG_COUNT }, (_, i) => ({
        id: exampleUuid(10_000 + i),
        type: 'GUILD_BAN_ADD',
        data: { ...exampleBan, id: exampleUuid(10_000 + i), guildId: BIG_GUILD },
        metadata: { occurredAt: exampleBan.timestamp + i },
      })),
    );
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ndjson: prints every event of the guild in order, data byte for byte, with the write side metadata', async () => {
    const run = await runReplayCli(['--guild', GUILD], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const printed = lines(run.stdout).map((l) => JSON.parse(l) as Printed);
    ndjson = printed;
    expect(printed.map((p) => p.id)).toEqual(appended.map((e) => e.id));
    expect(printed.map((p) => p.revision)).toEqual(appended.map((_, i) => i));
    lines(run.stdout).forEach((line, i) => {
      expect(line).toContain(`"data":${JSON.stringify(appended[i])},"metadata":{`);
    });
    for (const [i, p] of printed.entries()) {
      const event = appended[i] as BotEvent;
      expect(p).toMatchObject({ streamId: guildStream(GUILD), type: event.type, data: event });
      expect(p.metadata).toMatchObject({
        eventId: event.id,
        botId: 'bot-a',
        shardId: i < 8 ? 0 : 1,
        occurredAt: event.timestamp,
        schemaVersion: 1,
      });
      expect(Number.isNaN(Date.parse(p.createdAt))).toBe(false);
    }
    // Positions are global and increasing; the other guild's event sits between the two batches.
    const positions = printed.map((p) => BigInt(p.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(positions[8]! - positions[7]!).toBe(2n);
  });

  it('csv: a header and one RFC 4180 record per event, data and metadata as JSON text', async () => {
    expect(ndjson).toHaveLength(appended.length);
    const run = await runReplayCli(['--guild', GUILD, '--format', 'csv'], env);
    expect(run.code).toBe(0);
    const records = run.stdout.split('\r\n');
    expect(records.pop()).toBe('');
    expect(records[0]).toBe('streamId,revision,position,id,type,createdAt,data,metadata');
    expect(records).toHaveLength(appended.length + 1);
    for (const [i, p] of ndjson.entries()) {
      const q = (json: unknown) => `"${JSON.stringify(json).replaceAll('"', '""')}"`;
      expect(records[i + 1]).toBe(
        [p.streamId, p.revision, p.position, p.id, p.type, p.createdAt, q(p.data), q(p.metadata)].join(','),
      );
    }
  });

  it('table: a header and one aligned line per event', async () => {
    const run = await runReplayCli(['--guild', GUILD, '--format', 'table'], env);
    expect(run.code).toBe(0);
    const rows = lines(run.stdout);
    expect(rows).toHaveLength(appended.length + 1);
    const typeColumn = (rows[0] as string).indexOf('TYPE');
    rows.slice(1).forEach((row, i) => {
      expect(row.slice(typeColumn).startsWith(`${(appended[i] as BotEvent).type} `)).toBe(true);
      expect(row.trimStart().startsWith(`${i} `)).toBe(true);
    });
    expect(rows[1]).toContain('banned free_nitro_4821');
  });

  it('filters by type, keeping stream order', async () => {
    const run = await runReplayCli(['--guild', GUILD, '--type', 'GUILD_MEMBER_REMOVE,INVITE_USE'], env);
    expect(run.code).toBe(0);
    const ids = lines(run.stdout).map((l) => (JSON.parse(l) as Printed).id);
    expect(ids).toEqual(
      appended.filter((e) => e.type === 'GUILD_MEMBER_REMOVE' || e.type === 'INVITE_USE').map((e) => e.id),
    );
    expect(ids).toHaveLength(4);
  });

  it('filters by inclusive revision bounds', async () => {
    const run = await runReplayCli(['--guild', GUILD, '--from', '3', '--to', '5', '--format', 'csv'], env);
    const ids = run.stdout
      .split('\r\n')
      .slice(1, -1)
      .map((r) => r.split(',')[3]);
    expect(ids).toEqual(appended.slice(3, 6).map((e) => e.id));
  });

  it('filters by occurredAt: a date covers the whole day, a time its precision', async () => {
    const [byDay, before, second] = await Promise.all([
      runReplayCli(['--guild', GUILD, '--from', '2025-10-02'], env),
      runReplayCli(['--guild', GUILD, '--to', '2024-12-31'], env),
      // 12:00:05Z is a second: the two joins at :05.000 and :05.010 and the invite uses at :05.000 are in.
      runReplayCli(
        ['--guild', GUILD, '--from', '2025-10-01T14:00:03+02:00', '--to', '2025-10-01T12:00:05Z'],
        env,
      ),
    ]);
    expect(lines(byDay.stdout).map((l) => (JSON.parse(l) as Printed).type)).toEqual(['GUILD_BAN_REMOVE']);
    expect(lines(before.stdout).map((l) => (JSON.parse(l) as Printed).type)).toEqual(['GUILD_CREATE']);
    expect(lines(second.stdout).map((l) => (JSON.parse(l) as Printed).id)).toEqual(
      appended
        .filter(
          (e) =>
            e.timestamp >= Date.UTC(2025, 9, 1, 12, 0, 3) &&
            e.timestamp <= Date.UTC(2025, 9, 1, 12, 0, 5, 999),
        )
        .map((e) => e.id),
    );
    expect(lines(second.stdout)).toHaveLength(5);
  });

  it('says so on stderr, exit 0, when the filters match nothing', async () => {
    const run = await runReplayCli(['--guild', GUILD, '--from', '2030-01-01'], env);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain(
      `no events of ${guildStream(GUILD)} match the filters (the stream has ${appended.length} events)`,
    );
  });

  it('refuses a guild without a stream with exit 2 and prints nothing', async () => {
    const unknown = snowflakeFromTimestamp(Date.parse('2022-01-01T00:00:00Z'));
    const run = await runReplayCli(['--guild', unknown], env);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(`no stream guild-${unknown}`);
  });

  it.each([
    [['--guild', 'not-a-guild'], '--guild must be a Discord guild id'],
    [['--guild', GUILD, '--colour'], "Unknown option '--colour'"],
    [['--guild', GUILD, '--type', 'GUILD_BAN'], 'unknown event type "GUILD_BAN"'],
  ])('usage error %j: exit 2, message on stderr, nothing on stdout', async (args, message) => {
    const run = await runReplayCli(args, env);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(message);
  });

  it('refuses a missing SQLite file with exit 3 and does not create it', async () => {
    const path = join(dir, 'missing', 'events.db');
    const run = await runReplayCli(['--guild', GUILD], { EVENTSTORE_PATH: path });
    expect(run).toMatchObject({ code: 3, stdout: '' });
    expect(run.stderr).toContain(`No event store at ${path}`);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('stops quietly with exit 0 when piped into head', async () => {
    const run = await runCommand(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" --import tsx ${REPLAY_MAIN} --guild ${BIG_GUILD} | head -n 2`,
      ],
      env,
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(lines(run.stdout)).toHaveLength(2);
  });

  it("the README's redirect example writes only the data (no npm banner lines)", async () => {
    // The command as documented, run through npm as a user would (npm runs the built CLI).
    const readme = readFileSync(join(REPO_ROOT, 'stack/README.md'), 'utf8');
    const documented = /^(npm run .*replay -- --guild) \d+ > guild\.ndjson$/m.exec(readme)?.[1];
    expect(documented).toBeDefined();
    const out = join(dir, 'guild.ndjson');
    const run = await runCommand('bash', ['-c', `${documented} ${GUILD} > ${out}`], env);
    expect(run.code).toBe(0);
    const written = lines(readFileSync(out, 'utf8'));
    expect(written).toHaveLength(appended.length);
    expect(written.map((l) => (JSON.parse(l) as Printed).id)).toEqual(appended.map((e) => e.id));
  });

  it('--progress draws the bar on stderr only; stdout stays the data', async () => {
    const run = await runReplayCli(['--guild', BIG_GUILD, '--progress'], env);
    expect(run.code).toBe(0);
    const printed = lines(run.stdout).map((l) => JSON.parse(l) as Printed);
    expect(printed).toHaveLength(BIG_COUNT);
    expect(printed.at(-1)?.revision).toBe(BIG_COUNT - 1);
    expect(run.stderr).toContain(`${guildStream(BIG_GUILD)} [`);
    expect(run.stderr).toContain(`100% | ${BIG_COUNT}/${BIG_COUNT}`);
  });
});
