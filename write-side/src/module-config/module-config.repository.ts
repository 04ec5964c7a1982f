import {
  isSnowflake,
  type ModuleConfigEvent,
  moduleConfigStream,
  SCHEMA_VERSION,
} from '@guildscope/contracts';
import { ConflictError, ValidationError } from '../errors/domain.errors.js';
import { WrongExpectedVersionError } from '../event-store/event-store.errors.js';
import {
  comparePositions,
  type EventStore,
  formatPosition,
  type LogPosition,
} from '../event-store/event-store.port.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import type { ConfigChangeSignal } from './config-change.signal.js';
import type { ModuleConfigCommandResult } from './module-config.commands.js';
import {
  decide,
  evolve,
  initialState,
  type ModuleConfigCommand,
  type ModuleConfigState,
} from './module-config.decider.js';

/** How many times a command without `expectedVersion` re-decides after losing a race to another writer. */
const MAX_ATTEMPTS = 5;

export interface ModuleConfigDeps {
  readonly eventStore: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly signal?: ConfigChangeSignal;
}

/**
 * Folds a guild's config stream. With `upTo`, events after that global position are ignored, so a
 * snapshot can be made consistent with a position read beforehand.
 */
export async function loadModuleConfig(
  eventStore: EventStore,
  guildId: string,
  upTo?: LogPosition,
): Promise<ModuleConfigState> {
  let state = initialState();
  for await (const recorded of eventStore.readStream(moduleConfigStream(guildId))) {
    if (upTo && comparePositions(recorded.position, upTo) > 0) break;
    state = evolve(state, { type: recorded.type, data: recorded.data } as ModuleConfigEvent);
  }
  return state;
}

/**
 * Load, decide, append with the expected revision (optimistic concurrency). A caller that passed
 * `expectedVersion` gets a `ConflictError` as soon as the stream is elsewhere; a caller that did not is
 * retried on the latest state, so its rules are still checked against what it overwrites.
 */
export async function executeModuleConfigCommand(
  deps: ModuleConfigDeps,
  type: ModuleConfigCommand['type'],
  input: {
    guildId: string;
    moduleId: string;
    actor: ModuleConfigCommand['data']['actor'];
    expectedVersion?: number;
    config?: unknown;
    enable?: boolean;
  },
): Promise<ModuleConfigCommandResult> {
  const { eventStore, clock, ids } = deps;
  if (!isSnowflake(input.guildId))
    throw new ValidationError('Invalid guild id', [
      { path: 'guildId', message: 'expected a Discord snowflake: a 17-20 digit numeric string' },
    ]);
  // null (an omitted GraphQL argument) means "not given", like undefined.
  const expected = input.expectedVersion ?? undefined;
  if (expected !== undefined && (!Number.isSafeInteger(expected) || expected < 0))
    throw new ValidationError('Invalid expectedVersion', [
      { path: 'expectedVersion', message: 'expected an integer >= 0 (0: the guild has no config yet)' },
    ]);
  const streamId = moduleConfigStream(input.guildId);

  for (let attempt = 1; ; attempt++) {
    const state = await loadModuleConfig(eventStore, input.guildId);
    if (expected !== undefined && expected !== state.version)
      throw new ConflictError(streamId, expected, state.version);
    const at = clock();
    const command = { type, data: { ...input, at } } as ModuleConfigCommand;
    const events = decide(command, state);
    if (events.length === 0)
      return { guildId: input.guildId, version: state.version, events: [], position: null };
    try {
      const result = await eventStore.append(
        streamId,
        events.map((e) => ({
          id: ids(),
          type: e.type,
          data: e.data,
          metadata: { command: type, schemaVersion: SCHEMA_VERSION },
        })),
        { expectedRevision: state.version === 0 ? 'no_stream' : state.version - 1 },
      );
      deps.signal?.notify();
      return {
        guildId: input.guildId,
        version: result.nextExpectedRevision + 1,
        events: events.map((e) => e.type),
        position: formatPosition(result.position),
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const current = error.actual === null ? 0 : error.actual + 1;
      if (expected !== undefined || attempt >= MAX_ATTEMPTS)
        throw new ConflictError(streamId, expected ?? state.version, current);
    }
  }
}
