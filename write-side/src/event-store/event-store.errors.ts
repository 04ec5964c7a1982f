import type { ExpectedRevision } from './event-store.port.js';

/** Base class of every error the event store port throws. */
export class EventStoreError extends Error {
  override readonly name: string = 'EventStoreError';
}

/** The stream was not at the revision the writer expected (optimistic concurrency). */
export class WrongExpectedVersionError extends EventStoreError {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or null when the stream does not exist. */
    readonly actual: number | null,
  ) {
    super(
      `Wrong expected version on stream "${streamId}": expected ${String(expected)}, actual ${
        actual === null ? 'no stream' : actual
      }`,
    );
  }
}

/** The store cannot be reached or refused the operation for an infrastructure reason. */
export class EventStoreUnavailableError extends EventStoreError {
  override readonly name = 'EventStoreUnavailableError';
}

/** The call itself is invalid (empty stream id, non-JSON data, bad option...). Nothing was written. */
export class InvalidAppendError extends EventStoreError {
  override readonly name = 'InvalidAppendError';
}
