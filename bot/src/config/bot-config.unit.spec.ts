import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@guildscope/contracts/config';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadBotConfig } from './bot-config.js';

const dir = mkdtempSync(join(tmpdir(), 'bot-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withFile = (content: string) => {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, content);
  return { DISCORD_TOKEN: 't', BOT_CONFIG_FILE: path };
};
const errorOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadBotConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadBotConfig', () => {
  describe('with a BOT_CONFIG_FILE', () => {
    it('applies listener switches and metrics settings over the defaults', () => {
      const c = loadBotConfig(
        withFile(
          JSON.stringify({
            enabledListeners: { MESSAGE_DELETE: false },
            metrics: { snapshotInterval: 30_000, maxTopMembers: 5, trackVoice: false },
          }),
        ),
      );
      expect(c.enabled.MESSAGE_DELETE).toBe(false);
      expect(c.enabled.GUILD_BAN_ADD).toBe(true);
      expect(c.metrics).toMatchObject({ snapshotInterval: 30_000, maxTopMembers: 5, trackVoice: false });
      expect(c.metrics.memberActivityInterval).toBe(300_000);
    });

    it('names each bad field, with the file', () => {
      const env = withFile(
        JSON.stringify({
          enabledListeners: { MESSAGE_DELETE: 'no' },
          metrics: { snapshotInterval: 10, maxTopChannels: 1.5 },
        }),
      );
      const message = errorOf(env);
      expect(message).toContain(`${env.BOT_CONFIG_FILE}: enabledListeners.MESSAGE_DELETE:`);
      expect(message).toContain('metrics.snapshotInterval:');
      expect(message).toContain('metrics.maxTopChannels:');
    });

    it('refuses unknown keys and unknown listener types', () => {
      const message = errorOf(
        withFile(JSON.stringify({ metric: {}, enabledListeners: { MESSAGE_EDIT: true } })),
      );
      expect(message).toMatch(/\(root\): .*metric/);
      expect(message).toContain('enabledListeners');
    });

    it('reports a file that is not JSON or does not exist', () => {
      expect(errorOf(withFile('{ nope'))).toMatch(/BOT_CONFIG_FILE .*config-.*\.json: .*JSON/);
      expect(errorOf({ DISCORD_TOKEN: 't', BOT_CONFIG_FILE: join(dir, 'missing.json') })).toContain(
        'missing.json',
      );
    });
  });

  it('gives each shard process its own outbox file', () => {
    expect(
      loadBotConfig({ DISCORD_TOKEN: 't', SHARDS: '3', OUTBOX_PATH: '/x/outbox-{shard}.db' }).outboxPath,
    ).toBe('/x/outbox-3.db');
    expect(loadBotConfig({ DISCORD_TOKEN: 't', SHARDS: '1' }).outboxPath).toBe('./data/bot-outbox-shard1.db');
    expect(loadBotConfig({ DISCORD_TOKEN: 't' }).outboxPath).toBe('./data/bot-outbox.db');
  });

  it('lists every bad environment value in one error', () => {
    const message = errorOf({
      GATEWAY_URL: 'ftp://x',
      AUDIT_HOLD_MS: '-1',
      SHARDS: 'a,1',
    });
    expect(message).toContain('DISCORD_TOKEN is required');
    expect(message).toContain('GATEWAY_URL must be an http(s)/ws(s) URL (got "ftp://x")');
    expect(message).toContain('GATEWAY_BOT_TOKEN is required');
    expect(message).toContain('AUDIT_HOLD_MS must be an integer >= 0 (got "-1")');
    expect(message).toContain('SHARDS must be shard numbers (got "a,1")');
  });
});
