import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertNever, guildStream } from '@guildscope/contracts';
import { ConfigError } from '@guildscope/contracts/config';
import type { ReadDb } from '@guildscope/projections';
import {
  createEventStore,
  DEFAULT_SQLITE_EVENT_STORE_PATH,
  type EventStore,
  EventStoreError,
  eventStoreConfigFromEnv,
} from '@guildscope/write-side';
import { type Logger, pino } from 'pino';
import { csvFormatter } from './csv.formatter.js';
import type { EventFormatter, FormatterContext } from './event-formatter.js';
import { readGuildEvents, revisionRange } from './guild-events.reader.js';
import { ndjsonFormatter } from './ndjson.formatter.js';
import { OutputSink } from './output.sink.js';
import { replayConfig } from './replay.config.js';
import { ExitCode, ReplaySourceError, ReplayUsageError } from './replay.errors.js';
import {
  parseReplayArgs,
  REPLAY_USAGE,
  type ReplayEventsRequest,
  type ReplayFormat,
  type ReplayVerifyRequest,
} from './replay-args.js';
import { createReplayProgress, type ProgressStreams, progressWanted } from './replay-progress.js';
import { tableFormatter } from './table.formatter.js';

export interface ReplayIo extends ProgressStreams {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean; destroyed?: boolean };
}

/** Runs `replay` with these arguments and environment; returns the exit code (see replay.errors.ts). */
export async function runReplay(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: ReplayIo,
): Promise<ExitCode> {
  const logger = pino({ level: 'warn' }, pino.destination(2));
  let store: EventStore | undefined;
  let db: ReadDb | undefined;
  try {
    const request = parseReplayArgs(argv);
    if (request.mode === 'help') {
      io.stdout.write(`${REPLAY_USAGE}\n`);
      return ExitCode.ok;
    }
    logger.level = replayConfig.load(env).logLevel;
    store = openEventStore(env, logger);
    if (request.mode === 'events') return await replayEvents(store, request, io);
    // Loaded only here: the read side (PGlite) is heavy to import and the events mode never needs it.
    const { openLiveReadDb, readDbSourceFromEnv } = await import('./replay-verify.js');
    db = await openLiveReadDb(readDbSourceFromEnv(env), logger);
    return await replayVerify(store, db, request, io, logger);
  } catch (error) {
    if (error instanceof ReplayUsageError || error instanceof ConfigError) {
      io.stderr.write(`replay: ${error.message}\nRun "npm run replay -- --help" for the usage.\n`);
      return ExitCode.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`replay: ${message}\n`);
    if (!(error instanceof ReplaySourceError || error instanceof EventStoreError))
      logger.error({ err: error }, 'replay failed');
    return ExitCode.unavailable;
  } finally {
    await store?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
  }
}

/** The configured store, refusing to create an empty SQLite file where the auditor expected a log. */
function openEventStore(env: NodeJS.ProcessEnv, logger: Logger): EventStore {
  const config = eventStoreConfigFromEnv(env);
  if (config.url === undefined) {
    const path = resolve(config.path ?? DEFAULT_SQLITE_EVENT_STORE_PATH);
    if (!existsSync(path))
      throw new ReplaySourceError(
        `No event store at ${path} (set EVENTSTORE_PATH to the SQLite file, or EVENTSTORE_URL to EventStoreDB)`,
      );
  }
  return createEventStore({ ...config, logger });
}

function formatterFor(format: ReplayFormat, context: FormatterContext): EventFormatter {
  switch (format) {
    case 'ndjson':
      return ndjsonFormatter();
    case 'csv':
      return csvFormatter();
    case 'table':
      return tableFormatter(context);
    default:
      return assertNever(format);
  }
}

async function replayEvents(
  store: EventStore,
  request: ReplayEventsRequest,
  io: ReplayIo,
): Promise<ExitCode> {
  const streamId = guildStream(request.guildId);
  const lastRevision = await store.streamRevision(streamId);
  if (lastRevision === null)
    throw new ReplayUsageError(
      `No events: the event store has no stream ${streamId} (an unknown guild, or EVENTSTORE_PATH/EVENTSTORE_URL points at another store)`,
    );
  const formatter = formatterFor(request.format, { lastRevision });
  const { first, last } = revisionRange(request, lastRevision);
  const progress = createReplayProgress(progressWanted(request.progress, io), io, request.progress === true);
  const sink = new OutputSink(io.stdout);
  let printed = 0;
  progress.start(Math.max(0, last - first + 1), streamId);
  try {
    if (formatter.header) await sink.write(formatter.header);
    for await (const event of readGuildEvents(store, streamId, lastRevision, {
      ...request,
      onScanned: (n) => progress.update(n),
    })) {
      if (!(await sink.write(formatter.format(event)))) break;
      printed++;
    }
    await sink.flush();
  } finally {
    progress.stop();
  }
  if (printed === 0 && sink.open)
    io.stderr.write(
      `replay: no events of ${streamId} match the filters (the stream has ${lastRevision + 1} events)\n`,
    );
  return ExitCode.ok;
}

async function replayVerify(
  store: EventStore,
  db: ReadDb,
  request: ReplayVerifyRequest,
  io: ReplayIo,
  logger: Logger,
): Promise<ExitCode> {
  const progress = createReplayProgress(progressWanted(request.progress, io), io, request.progress === true);
  const sink = new OutputSink(io.stdout);
  const lines: string[] = [];
  const { runVerify } = await import('./replay-verify.js');
  const code = await runVerify({
    eventStore: store,
    db,
    progress,
    logger,
    out: (text) => lines.push(text),
    ...(request.guildId ? { guildId: request.guildId } : {}),
  });
  for (const line of lines) if (!(await sink.write(line))) break;
  await sink.flush();
  return code;
}
