import { readFileSync } from 'node:fs';
import {
  type ConfigDefinition,
  ConfigError,
  type EnvSchema,
  variableMeta,
  variableRows,
} from '@guildscope/contracts/config';
import { describe, expect, it } from '@jest/globals';
import { configurationDocs } from './configuration-docs.js';
import { processConfigurations } from './process-configurations.js';

const docsFile = new URL('../../../docs/configuration.md', import.meta.url);

/** The least each configuration needs to load: its required variables, with accepted values. */
const requiredBySubject: Record<string, NodeJS.ProcessEnv> = {
  gateway: { GATEWAY_BOT_TOKENS: `bot-1:${'a'.repeat(64)}` },
  server: { GATEWAY_BOT_TOKENS: `bot-1:${'a'.repeat(64)}` },
  bot: { DISCORD_TOKEN: 'token' },
  'bot sharding': { DISCORD_TOKEN: 'token' },
  web: { API_URL: 'http://api:4000' },
};

const configs = [...new Set(processConfigurations.flatMap((p) => p.reads))] as ConfigDefinition<
  EnvSchema,
  unknown
>[];

function refusal(config: ConfigDefinition<EnvSchema, unknown>, env: NodeJS.ProcessEnv): ConfigError {
  try {
    config.load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`${config.subject} accepted ${JSON.stringify(env)}`);
}

describe('docs/configuration.md', () => {
  it('is what the configuration schemas produce (run `npm run docs:config` after changing one)', () => {
    expect(readFileSync(docsFile, 'utf8')).toBe(configurationDocs());
  });
});

describe.each(configs.map((config) => [config.subject, config] as const))(
  'the %s configuration',
  (subject, config) => {
    const required = requiredBySubject[subject] ?? {};
    const rows = variableRows(config.schema);

    it('loads with only its required variables set', () => {
      expect(() => config.load(required)).not.toThrow();
    });

    it('shows as required exactly the variables it cannot start without', () => {
      for (const name of Object.keys(required)) {
        expect(rows.find((r) => r.name === name)?.default).toMatch(/^\(required/);
        const { [name]: _left, ...without } = required;
        expect(refusal(config, without).problems.map((p) => p.variable)).toContain(name);
      }
    });

    it('applies the defaults the table shows', () => {
      const values = config.read(required);
      for (const row of rows) {
        const field = config.schema.shape[row.name]!;
        if (variableMeta(field).defaultNote !== undefined || row.default === '(required)') continue;
        const shown = row.default === '(unset)' ? undefined : row.default.replace(/^`(.*)`$/, '$1');
        const value = values[row.name];
        expect([row.name, value === undefined ? undefined : String(value)]).toEqual([row.name, shown]);
      }
    });

    it('refuses the values outside what the table accepts, naming the variable', () => {
      for (const row of rows) {
        const meta = variableMeta(config.schema.shape[row.name]!);
        if (row.accepts) expect([row.name, meta.refuses?.length ?? 0]).not.toEqual([row.name, 0]);
        for (const bad of meta.refuses ?? []) {
          const error = refusal(config, { ...required, [row.name]: bad });
          const problem = error.problems.find((p) => p.variable === row.name);
          expect([row.name, bad, problem?.variable]).toEqual([row.name, bad, row.name]);
          expect(error.message).toContain(`  - ${row.name} `);
          if (problem?.message.startsWith('must be ')) expect(problem.message).toBe(`must be ${row.accepts}`);
          if (meta.secret) expect(error.message).not.toContain(bad);
          else if (problem?.message.startsWith('must be ')) expect(error.message).toContain(`(got "${bad}")`);
        }
      }
    });
  },
);
