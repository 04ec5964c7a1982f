#!/usr/bin/env node
/** `node api/dist/cli.js tokens create|revoke|list ...` — see `cliUsage`. */
import { DomainError } from '@guildscope/contracts';
import { ConfigError } from '@guildscope/contracts/config';
import { migrate, openReadDb } from '@guildscope/projections';
import { CliUsageError, cliUsage, parseCliArgs, runTokensCommand } from './auth/tokens.cli.js';
import { apiConfigFromEnv } from './config/api-config.js';

async function main(argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`${error.message}\n\n${cliUsage}\n`);
      return 2;
    }
    throw error;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (command.kind === 'help') {
    out(cliUsage);
    return 0;
  }
  let config: ReturnType<typeof apiConfigFromEnv>;
  try {
    config = apiConfigFromEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const db = await openReadDb({ databaseUrl: config.databaseUrl, dataDir: config.readDbDir });
  try {
    await migrate(db);
    await runTokensCommand(db, command, out);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`api: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
