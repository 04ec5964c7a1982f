import { ConflictError } from '@guildscope/contracts';
import { WrongExpectedVersionError } from '../event-store/event-store.errors.js';
import {
  comparePositions,
  type EventMetadata,
  type EventStore,
  type LogPosition,
} from '../event-store/event-store.port.js';
import type { IdGenerator } from './clock.js';

/** An event of a decider: what it decides and what it folds. */
export interface DeciderEvent {
  readonly type: string;
  readonly data: unknown;
}

/** The fold half of a decider (`decide` is given per command to {@link commandHandler}'s `handle`). */
export interface Decider<State, Event extends DeciderEvent> {
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
}

/** A stream folded: the state and how many events made it (0: no stream). */
export interface AggregatedStream<State> {
  readonly state: State;
  readonly version: number;
}

/** Folds a stream from the initial state; with `upTo`, events after that global position are left out. */
export async function aggregateStream<State, Event extends DeciderEvent>(
  eventStore: EventStore,
  streamId: string,
  decider: Decider<State, Event>,
  options: { readonly upTo?: LogPosition } = {},
): Promise<AggregatedStream<State>> {
  let state = decider.initialState();
  let version = 0;
  for await (const recorded of eventStore.readStream(streamId)) {
    if (options.upTo && comparePositions(recorded.position, options.upTo) > 0) break;
    state = decider.evolve(state, { type: recorded.type, data: recorded.data } as Event);
    version++;
  }
  return { state, version };
}

export interface HandleOptions {
  /**
   * The version (events in the stream) the caller read. When given and stale: `ConflictError`. When
   * omitted the command is decided on the latest state, and decided again if another writer wins the race.
   */
  readonly expectedVersion?: number;
  /** Ids of the appended events. */
  readonly ids: IdGenerator;
  /** Metadata of every appended event. */
  readonly metadata: EventMetadata;
}

export interface Handled<State, Event extends DeciderEvent> {
  readonly newState: State;
  /** What was appended; empty when the decision changed nothing. */
  readonly newEvents: readonly Event[];
  /** The stream's version after the command (pass it as the next `expectedVersion`). */
  readonly version: number;
  /** Global position of the last appended event; null when nothing was appended. */
  readonly position: LogPosition | null;
}

/** How many times a command without `expectedVersion` is decided again after losing a race. */
const MAX_ATTEMPTS = 5;

/**
 * The one command handler over a decider (Emmett's `CommandHandler({ evolve, initialState })`): `handle`
 * loads the stream, folds it, calls `decide` on the state, and appends what it returns with the expected
 * revision (optimistic concurrency). `decide` throws the domain's errors; nothing is appended then.
 */
export function commandHandler<State, Event extends DeciderEvent>(decider: Decider<State, Event>) {
  return async function handle(
    eventStore: EventStore,
    streamId: string,
    decide: (state: State) => readonly Event[],
    options: HandleOptions,
  ): Promise<Handled<State, Event>> {
    const expected = options.expectedVersion;
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await aggregateStream(eventStore, streamId, decider);
      if (expected !== undefined && expected !== version)
        throw new ConflictError(streamId, expected, version);
      const newEvents = decide(state);
      if (newEvents.length === 0) return { newState: state, newEvents, version, position: null };
      try {
        const result = await eventStore.append(
          streamId,
          newEvents.map((e) => ({
            id: options.ids(),
            type: e.type,
            data: e.data,
            metadata: options.metadata,
          })),
          { expectedRevision: version === 0 ? 'no_stream' : version - 1 },
        );
        return {
          newState: newEvents.reduce(decider.evolve, state),
          newEvents,
          version: result.nextExpectedRevision + 1,
          position: result.position,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const current = error.actual === null ? 0 : error.actual + 1;
        if (expected !== undefined || attempt >= MAX_ATTEMPTS)
          throw new ConflictError(streamId, expected ?? version, current);
      }
    }
  };
}
