import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets of the embedded stack, generated on first start and kept in `<dataDir>/secrets.json` (mode 600). */
export interface StackSecrets {
  /** Bootstrap admin token of the GraphQL API (printed by `npm start`). */
  readonly adminToken: string;
  /** The bot's id and token towards the gateway. */
  readonly botId: string;
  readonly botToken: string;
}

const token = () => randomBytes(24).toString('base64url');

/** Loads the stack's secrets, creating them on first use so a restart keeps the same tokens. */
export function loadOrCreateSecrets(dataDir: string): StackSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackSecrets>;
    if (parsed.adminToken && parsed.botId && parsed.botToken) return parsed as StackSecrets;
    throw new Error(`${file} is incomplete: delete it to generate new tokens`);
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: StackSecrets = { adminToken: token(), botId: 'guildscope-bot', botToken: token() };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

/** The gateway's credential line for the bot: `botId:sha256(token)`. */
export function gatewayCredentialLine(secrets: StackSecrets): string {
  return `${secrets.botId}:${createHash('sha256').update(secrets.botToken, 'utf8').digest('hex')}`;
}
