/**
 * Exit codes of `replay` (documented in stack/README.md). Like diff(1), 1 means "differences found";
 * 2 is the caller's mistake; 3 means the data could not be read, so nothing was verified.
 */
export const ExitCode = {
  ok: 0,
  differences: 1,
  usage: 2,
  unavailable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad flags or values, or a guild the store has no stream for: exit 2, nothing was read. */
export class ReplayUsageError extends Error {
  override readonly name = 'ReplayUsageError';
}

/** The event store or read database is missing, unreachable or in use by another process: exit 3. */
export class ReplaySourceError extends Error {
  override readonly name = 'ReplaySourceError';
}
