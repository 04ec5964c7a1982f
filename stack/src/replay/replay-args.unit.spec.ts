import { exampleIds } from '@guildscope/contracts';
import { describe, expect, it } from '@jest/globals';
import { ReplayUsageError } from './replay.errors.js';
import { parseReplayArgs } from './replay-args.js';
import { parseReplayBound } from './replay-bound.js';

const GUILD = exampleIds.guild;

describe('parseReplayArgs', () => {
  it('defaults to ndjson, every type, no bounds and automatic progress', () => {
    expect(parseReplayArgs(['--guild', GUILD])).toEqual({
      mode: 'events',
      guildId: GUILD,
      types: [],
      format: 'ndjson',
    });
  });

  it('reads every flag, types comma-separated and repeated, without duplicates', () => {
    const request = parseReplayArgs([
      `--guild=${GUILD}`,
      '--from',
      '3',
      '--to',
      '2025-10-01',
      '--type',
      'GUILD_BAN_ADD,INVITE_USE',
      '--type',
      'GUILD_BAN_ADD',
      '--format',
      'csv',
      '--no-progress',
    ]);
    expect(request).toMatchObject({
      mode: 'events',
      from: { kind: 'revision', revision: 3 },
      to: { kind: 'time', startMs: Date.UTC(2025, 9, 1), endMs: Date.UTC(2025, 9, 2) - 1 },
      types: ['GUILD_BAN_ADD', 'INVITE_USE'],
      format: 'csv',
      progress: false,
    });
  });

  it('--verify needs no guild and takes --progress', () => {
    expect(parseReplayArgs(['--verify', '--progress'])).toEqual({ mode: 'verify', progress: true });
    expect(parseReplayArgs(['--verify', '--guild', GUILD])).toEqual({ mode: 'verify', guildId: GUILD });
  });

  it('--help wins', () => {
    expect(parseReplayArgs(['--guild', 'x', '-h'])).toEqual({ mode: 'help' });
  });

  it.each([
    [[], /--guild <id> is required/],
    [['--guild', '123'], /--guild must be a Discord guild id .* got "123"/],
    [['--guild', 'guild-577201105428021249'], /--guild must be a Discord guild id/],
    [['--guild', GUILD, '--form', 'csv'], /Unknown option '--form'/],
    [['--guild', GUILD, 'extra'], /Unexpected argument 'extra'/],
    [['--guild', GUILD, '--format', 'xml'], /--format must be one of ndjson, csv, table, got "xml"/],
    [['--guild', GUILD, '--from', 'yesterday'], /--from: "yesterday" is neither a revision/],
    [['--guild', GUILD, '--to', '2025-02-30'], /--to: "2025-02-30" is not a calendar date/],
    [['--guild', GUILD, '--from', '2025-10-01T25:00Z'], /not a valid time of day/],
    [['--guild', GUILD, '--from', '2025-10-01T12:00'], /has no time zone: add Z/],
    [['--guild', GUILD, '--from', '9', '--to', '3'], /--from revision 9 is after --to revision 3/],
    [
      ['--guild', GUILD, '--from', '2025-10-02', '--to', '2025-10-01'],
      /--from 2025-10-02 is after --to 2025-10-01/,
    ],
    [
      ['--guild', GUILD, '--type', 'ban'],
      /unknown event type "ban" \(did you mean GUILD_BAN_ADD or GUILD_BAN_REMOVE\?\)/,
    ],
    [['--guild', GUILD, '--type', 'GUILD_BAN_ADD,,INVITE_USE'], /empty event type/],
    [['--guild', GUILD, '--type', 'ModuleEnabled'], /unknown event type "ModuleEnabled"/],
    [['--verify', '--from', '3'], /--from cannot be combined with it/],
    [['--verify', '--format', 'csv', '--type', 'GUILD_BAN_ADD'], /--type, --format cannot be combined/],
  ])('refuses %j with a specific message', (argv, message) => {
    expect(() => parseReplayArgs(argv)).toThrow(ReplayUsageError);
    expect(() => parseReplayArgs(argv)).toThrow(message);
  });

  it('accepts a time and a revision together (they cannot be compared before reading)', () => {
    expect(() => parseReplayArgs(['--guild', GUILD, '--from', '2030-01-01', '--to', '0'])).not.toThrow();
  });
});

describe('parseReplayBound', () => {
  it('a bare integer is a revision, even one that looks like a year', () => {
    expect(parseReplayBound('--from', '2025')).toEqual({ kind: 'revision', revision: 2025 });
    expect(parseReplayBound('--from', '0')).toEqual({ kind: 'revision', revision: 0 });
  });

  it.each([
    ['2025-10-01', Date.UTC(2025, 9, 1), Date.UTC(2025, 9, 1, 23, 59, 59, 999)],
    ['2025-10-01T12:05Z', Date.UTC(2025, 9, 1, 12, 5), Date.UTC(2025, 9, 1, 12, 5, 59, 999)],
    ['2025-10-01T12:05:07Z', Date.UTC(2025, 9, 1, 12, 5, 7), Date.UTC(2025, 9, 1, 12, 5, 7, 999)],
    ['2025-10-01T12:05:07.5Z', Date.UTC(2025, 9, 1, 12, 5, 7, 500), Date.UTC(2025, 9, 1, 12, 5, 7, 599)],
    ['2025-10-01T12:05:07.250Z', Date.UTC(2025, 9, 1, 12, 5, 7, 250), Date.UTC(2025, 9, 1, 12, 5, 7, 250)],
    ['2025-10-01T14:00:00+02:00', Date.UTC(2025, 9, 1, 12), Date.UTC(2025, 9, 1, 12, 0, 0, 999)],
    ['2025-10-01T08:30:00-0330', Date.UTC(2025, 9, 1, 12), Date.UTC(2025, 9, 1, 12, 0, 0, 999)],
    ['2024-02-29', Date.UTC(2024, 1, 29), Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
  ])('%s covers its precision', (text, startMs, endMs) => {
    expect(parseReplayBound('--to', text)).toEqual({ kind: 'time', text, startMs, endMs });
  });

  it('refuses 2023-02-29 and an unsafe revision', () => {
    expect(() => parseReplayBound('--to', '2023-02-29')).toThrow(/not a calendar date/);
    expect(() => parseReplayBound('--to', '99999999999999999999')).toThrow(/too large/);
  });
});
