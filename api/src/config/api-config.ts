/** Thrown at start when an environment variable is missing or malformed; the message says which and how. */
export class ApiConfigError extends Error {
  override readonly name = 'ApiConfigError';
}

export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  /** Bootstrap admin token (API_ADMIN_TOKEN), or undefined. */
  readonly adminToken?: string;
  /** DATABASE_URL (TimescaleDB server), or undefined for the embedded PGlite. */
  readonly databaseUrl?: string;
  /** READ_DB_DIR: PGlite data directory (default ./data/timescale). */
  readonly readDbDir?: string;
  readonly logLevel: string;
}

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the API's environment (the event store has its own: EVENTSTORE_URL / EVENTSTORE_PATH). */
export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const portText = value('API_PORT') ?? '4000';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65_535) {
    throw new ApiConfigError(`API_PORT must be a port number 0-65535, got "${portText}"`);
  }
  const adminToken = value('API_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 24) {
    throw new ApiConfigError(
      'API_ADMIN_TOKEN must be at least 24 characters (e.g. `openssl rand -base64 32`); it grants admin on every guild',
    );
  }
  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!levels.includes(logLevel)) {
    throw new ApiConfigError(`LOG_LEVEL must be one of ${levels.join(', ')}, got "${logLevel}"`);
  }
  return {
    port: Number(portText),
    host: value('API_HOST') ?? '127.0.0.1',
    ...(adminToken ? { adminToken } : {}),
    ...(value('DATABASE_URL') ? { databaseUrl: value('DATABASE_URL') } : {}),
    ...(value('READ_DB_DIR') ? { readDbDir: value('READ_DB_DIR') } : {}),
    logLevel,
  };
}
