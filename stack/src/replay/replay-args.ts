import { parseArgs } from 'node:util';
import { isSnowflake, parseEventTypeFilter } from '@guildscope/contracts';
import { ReplayUsageError } from './replay.errors.js';
import { parseReplayBound, type ReplayBound } from './replay-bound.js';

export const REPLAY_FORMATS = ['ndjson', 'csv', 'table'] as const;
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

/** What to print: the events of one guild stream, filtered. */
export interface ReplayEventsRequest {
  readonly mode: 'events';
  readonly guildId: string;
  readonly from?: ReplayBound;
  readonly to?: ReplayBound;
  /** Empty: every type. */
  readonly types: readonly string[];
  readonly format: ReplayFormat;
  /** true/false when forced by a flag; undefined: automatic (see replay-progress.ts). */
  readonly progress?: boolean;
}

/** Rebuild the read models into a scratch schema and diff them against the live ones. */
export interface ReplayVerifyRequest {
  readonly mode: 'verify';
  /** Accepted for symmetry with the events mode; verify always covers every guild. */
  readonly guildId?: string;
  readonly progress?: boolean;
}

export type ReplayRequest = ReplayEventsRequest | ReplayVerifyRequest | { readonly mode: 'help' };

export const REPLAY_USAGE = `Usage: npm run -s replay -- --guild <id> [--from <ISO time|revision>] [--to <ISO time|revision>]
                           [--type T[,T...]] [--format ndjson|csv|table] [--progress|--no-progress]
       npm run -s replay -- --verify [--guild <id>] [--progress|--no-progress]

Prints the events of the guild's stream (guild-<id>) exactly as stored, in stream order.
  --guild     the guild id (a Discord snowflake)
  --from/--to inclusive bounds: a bare number is a stream revision; otherwise an ISO time with a zone
              (2025-10-01, 2025-10-01T12:00Z, 2025-10-01T14:00:00+02:00), compared with the event's
              metadata.occurredAt (when the bot saw it) or, when absent, the time the store recorded it.
              A time covers its precision: --to 2025-10-01 includes the whole day (UTC).
  --type      event types of the contracts catalogue, comma-separated or repeated
  --format    ndjson (default; data/metadata exactly as stored), csv (RFC 4180), table (for people)
  --progress  force the progress bar on stderr (default: only when stderr is a terminal and stdout is not)
  --verify    rebuild every read model into a scratch schema from the event log and diff it with the live
              read models; exit 0 when identical, 1 when they differ

Environment: EVENTSTORE_URL (EventStoreDB) or EVENTSTORE_PATH (SQLite, default ./data/events.db);
  for --verify: DATABASE_URL (TimescaleDB server) or READ_DB_DIR (embedded PGlite, default ./data/timescale),
  READ_DB_SCHEMA (default guildscope). The embedded read database can be opened by one process only:
  stop the server first, or point DATABASE_URL at the server's database.
Exit codes: 0 ok, 1 differences found (--verify), 2 usage error or unknown guild, 3 data source unavailable.`;

const OPTIONS = {
  guild: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  type: { type: 'string', multiple: true },
  format: { type: 'string' },
  verify: { type: 'boolean' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `replay` arguments (without node and the script); throws ReplayUsageError with a specific message. */
export function parseReplayArgs(argv: readonly string[]): ReplayRequest {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    // node's messages name the flag ("Unknown option '--form'"); drop its hint about positionals.
    const message = (error as Error).message.split('. To specify a positional')[0] as string;
    throw new ReplayUsageError(message);
  }
  if (values.help) return { mode: 'help' };

  const guildId = values.guild?.trim();
  if (guildId !== undefined && !isSnowflake(guildId))
    throw new ReplayUsageError(
      `--guild must be a Discord guild id (a snowflake of 17 to 20 digits), got "${values.guild}"`,
    );
  const progress = values.progress;

  if (values.verify) {
    const notWithVerify = (['from', 'to', 'type', 'format'] as const).filter((k) => values[k] !== undefined);
    if (notWithVerify.length > 0)
      throw new ReplayUsageError(
        `--verify checks the read models as a whole: ${notWithVerify.map((k) => `--${k}`).join(', ')} cannot be combined with it`,
      );
    return {
      mode: 'verify',
      ...(guildId !== undefined ? { guildId } : {}),
      ...(progress !== undefined ? { progress } : {}),
    };
  }

  if (guildId === undefined) throw new ReplayUsageError('--guild <id> is required');
  const format = values.format ?? 'ndjson';
  if (!(REPLAY_FORMATS as readonly string[]).includes(format))
    throw new ReplayUsageError(`--format must be one of ${REPLAY_FORMATS.join(', ')}, got "${format}"`);
  const from = values.from === undefined ? undefined : parseReplayBound('--from', values.from);
  const to = values.to === undefined ? undefined : parseReplayBound('--to', values.to);
  checkOrder(from, to);
  return {
    mode: 'events',
    guildId,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    types: parseTypes(values.type ?? []),
    format: format as ReplayFormat,
    ...(progress !== undefined ? { progress } : {}),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: true,
    allowPositionals: false,
    allowNegative: true,
  });
}

/** Bounds of the same kind must be ordered; a revision and a time cannot be compared before reading. */
function checkOrder(from: ReplayBound | undefined, to: ReplayBound | undefined): void {
  if (!from || !to) return;
  if (from.kind === 'revision' && to.kind === 'revision' && from.revision > to.revision)
    throw new ReplayUsageError(`--from revision ${from.revision} is after --to revision ${to.revision}`);
  if (from.kind === 'time' && to.kind === 'time' && from.startMs > to.endMs)
    throw new ReplayUsageError(`--from ${from.text} is after --to ${to.text}`);
}

function parseTypes(values: readonly string[]): string[] {
  const listed = values.flatMap((value) => value.split(',').map((raw) => raw.trim()));
  const parsed = parseEventTypeFilter(listed);
  if (!parsed.ok) throw new ReplayUsageError(`--type: ${parsed.errors[0]?.message}`);
  return parsed.value;
}
