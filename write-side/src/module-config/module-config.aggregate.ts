import { isSnowflake, moduleConfigStream, SCHEMA_VERSION, ValidationError } from '@guildscope/contracts';
import { type EventStore, formatPosition, type LogPosition } from '../event-store/event-store.port.js';
import type { Clock, IdGenerator } from '../shared/clock.js';
import { aggregateStream, commandHandler } from '../shared/command-handler.js';
import type { ConfigChangeSignal } from './config-change.signal.js';
import type { ModuleConfigCommandMessage, ModuleConfigCommandResult } from './module-config.commands.js';
import { decide, evolve, initialState, type ModuleConfigState } from './module-config.decider.js';

/**
 * The ModuleConfig aggregate on its stream (`module-config-<guildId>`): the pure decider of
 * module-config.decider.ts, loaded and handled by the write side's one command handler.
 */
const moduleConfigDecider = { evolve, initialState };
const handle = commandHandler(moduleConfigDecider);

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
  const { state } = await aggregateStream(eventStore, moduleConfigStream(guildId), moduleConfigDecider, {
    ...(upTo ? { upTo } : {}),
  });
  return state;
}

/**
 * Runs one module-config command: load, decide (at the clock's time), append with the expected revision.
 * A caller that passed `expectedVersion` gets a `ConflictError` as soon as the stream is elsewhere; a
 * caller that did not is decided again on the latest state, so its rules are still checked against what
 * it overwrites. Feeds of this process are woken once the events are appended.
 */
export async function handleModuleConfigCommand(
  deps: ModuleConfigDeps,
  command: ModuleConfigCommandMessage,
): Promise<ModuleConfigCommandResult> {
  const { guildId } = command.input;
  if (!isSnowflake(guildId))
    throw new ValidationError('Invalid guild id', [
      { path: 'guildId', message: 'expected a Discord snowflake: a 17-20 digit numeric string' },
    ]);
  // null (an omitted GraphQL argument) means "not given", like undefined.
  const expectedVersion = command.input.expectedVersion ?? undefined;
  if (expectedVersion !== undefined && (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0))
    throw new ValidationError('Invalid expectedVersion', [
      { path: 'expectedVersion', message: 'expected an integer >= 0 (0: the guild has no config yet)' },
    ]);
  const handled = await handle(
    deps.eventStore,
    moduleConfigStream(guildId),
    (state) => decide(command.toDecision(deps.clock()), state),
    {
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
      ids: deps.ids,
      metadata: { command: command.type, schemaVersion: SCHEMA_VERSION },
    },
  );
  if (handled.newEvents.length > 0) deps.signal?.notify();
  return {
    guildId,
    version: handled.version,
    events: handled.newEvents.map((e) => e.type),
    position: handled.position ? formatPosition(handled.position) : null,
  };
}
