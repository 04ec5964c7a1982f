import { parseArgs } from 'node:util';
import type { SqlExecutor } from '../read-db.js';
import { ApiTokenStore } from './api-token.store.js';
import { isRole, type Role } from './principal.js';

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const cliUsage = `Usage:
  api tokens create --role <admin|viewer|auditor> [--guilds <id,id,...> | --all-guilds] [--label <text>]
  api tokens revoke <token-id>
  api tokens list [--include-revoked]

The secret of a new token is printed once; only its SHA-256 is stored.
Environment: DATABASE_URL (TimescaleDB server) or READ_DB_DIR (embedded PGlite, default ./data/timescale).`;

export type CliCommand =
  | { kind: 'create'; role: Role; guildIds: string[] | null; label: string | null }
  | { kind: 'revoke'; id: string }
  | { kind: 'list'; includeRevoked: boolean }
  | { kind: 'help' };

/** Parses the CLI's arguments (without `node script`); throws CliUsageError with a specific message. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [group, action, ...rest] = argv;
  if (group === undefined || group === '--help' || group === '-h' || group === 'help')
    return { kind: 'help' };
  if (group !== 'tokens') throw new CliUsageError(`Unknown command "${group}": expected "tokens"`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        guilds: { type: 'string' },
        'all-guilds': { type: 'boolean' },
        label: { type: 'string' },
        'include-revoked': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  switch (action) {
    case 'create': {
      const role = values.role;
      if (typeof role !== 'string' || !isRole(role)) {
        throw new CliUsageError('tokens create needs --role admin, viewer or auditor');
      }
      if (values.guilds !== undefined && values['all-guilds']) {
        throw new CliUsageError('give --guilds or --all-guilds, not both');
      }
      if (values.guilds === undefined && !values['all-guilds']) {
        throw new CliUsageError('tokens create needs --guilds <id,id,...> or --all-guilds');
      }
      const guildIds =
        typeof values.guilds === 'string'
          ? values.guilds
              .split(',')
              .map((g) => g.trim())
              .filter(Boolean)
          : null;
      return {
        kind: 'create',
        role,
        guildIds,
        label: typeof values.label === 'string' ? values.label : null,
      };
    }
    case 'revoke': {
      const id = positionals[0];
      if (!id || positionals.length > 1) throw new CliUsageError('tokens revoke needs exactly one token id');
      return { kind: 'revoke', id };
    }
    case 'list':
      return { kind: 'list', includeRevoked: values['include-revoked'] === true };
    default:
      throw new CliUsageError(`Unknown tokens action "${action ?? ''}": expected create, revoke or list`);
  }
}

/** Runs a parsed command against the read database; writes human-readable lines to `out`. */
export async function runTokensCommand(
  db: SqlExecutor,
  command: CliCommand,
  out: (line: string) => void,
): Promise<void> {
  const store = new ApiTokenStore(db);
  switch (command.kind) {
    case 'help':
      out(cliUsage);
      return;
    case 'create': {
      const { token, record } = await store.create(command);
      const scope = record.guildIds ? record.guildIds.join(',') : 'all guilds';
      out(`Created token ${record.id} (${record.role}, ${scope}).`);
      out('Secret (shown once, store it now):');
      out(token);
      return;
    }
    case 'revoke': {
      const record = await store.revoke(command.id);
      out(`Revoked token ${record.id} at ${record.revokedAt?.toISOString()}.`);
      return;
    }
    case 'list': {
      const records = await store.list(command.includeRevoked);
      if (records.length === 0) out('No tokens.');
      for (const r of records) {
        const scope = r.guildIds ? r.guildIds.join(',') : '*';
        const state = r.revokedAt ? `revoked ${r.revokedAt.toISOString()}` : 'active';
        out(
          `${r.id}  ${r.role.padEnd(7)}  ${scope}  ${r.createdAt.toISOString()}  ${state}  ${r.label ?? ''}`.trimEnd(),
        );
      }
      return;
    }
    default: {
      const never: never = command;
      throw new Error(`unhandled ${JSON.stringify(never)}`);
    }
  }
}
