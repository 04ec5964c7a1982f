import type { RecordedEvent } from '@guildscope/write-side';
import { formatPosition } from '@guildscope/write-side';

/** The event a projection failed on, as shown in logs and `/healthz`. */
export interface FailedEventRef {
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly position: string;
}

export function eventRef(event: RecordedEvent): FailedEventRef {
  return {
    streamId: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    position: formatPosition(event.position),
  };
}

/** A projection could not apply an event: it stops there (nothing is skipped) until fixed and restarted. */
export class ProjectionEventError extends Error {
  constructor(
    readonly projection: string,
    readonly event: FailedEventRef,
    override readonly cause: unknown,
  ) {
    super(
      `Projection "${projection}" stopped at event ${event.id} (${event.type}, stream ${event.streamId} revision ${event.revision}, position ${event.position}): ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = 'ProjectionEventError';
  }
}

/**
 * The stored checkpoint is not the one this runner last wrote: another runner, or a rebuild that
 * switched schemas, moved it. The runner reloads it and resumes from there.
 */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: string | null,
    readonly actual: string | null,
  ) {
    super(
      `Checkpoint of "${projection}" moved from ${expected ?? 'none'} to ${actual ?? 'none'} under this runner`,
    );
    this.name = 'CheckpointMovedError';
  }
}
