/** One refused variable: its name, what it must be, and the value given (left out for secrets). */
export interface ConfigProblem {
  readonly variable: string;
  /** Reads after the variable's name: `must be a port number 0-65535`, `is required ...`. */
  readonly message: string;
  /** The value given; absent for secrets and when the message quotes it already. */
  readonly got?: string;
}

/**
 * A process's configuration was refused at start. Every process throws this one class with the same
 * wording, one line per problem, each starting with the variable's name:
 *
 * ```
 * Invalid api configuration:
 *   - API_PORT must be a port number 0-65535 (got "http")
 * ```
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** Whose configuration: `api`, `gateway`, `event store`... */
    readonly subject: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`Invalid ${subject} configuration:\n${problems.map((p) => `  - ${problemLine(p)}`).join('\n')}`);
  }
}

/** `VARIABLE message (got "value")`. */
export function problemLine(problem: ConfigProblem): string {
  const { variable, message, got } = problem;
  return `${variable} ${message}${got === undefined ? '' : ` (got "${got}")`}`;
}
