import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { ConfigError } from './config.error.js';
import { integer, logLevel, port, required } from './config-variables.js';
import { defineConfig, QUOTES_VALUE } from './load-config.js';

const dir = mkdtempSync(join(tmpdir(), 'load-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = defineConfig({
  subject: 'demo',
  fileVariable: 'DEMO_CONFIG_FILE',
  schema: z
    .object({
      DEMO_CONFIG_FILE: z.string().optional().describe('file'),
      DEMO_PORT: port().default(4000).describe('port'),
      DEMO_TOKEN: required('(the token)').meta({ description: 'token', secret: true }),
      DEMO_RETRIES: integer({ min: 0, max: 9 }).optional().describe('retries'),
      DEMO_NOTE: z
        .string()
        .refine((v) => v !== 'no', { error: 'no is refused', params: { [QUOTES_VALUE]: true } })
        .optional()
        .describe('note'),
      LOG_LEVEL: logLevel(),
    })
    .superRefine(
      (c, ctx) => {
        if (c.DEMO_RETRIES === 9 && c.DEMO_NOTE === undefined)
          ctx.addIssue({ code: 'custom', path: ['DEMO_NOTE'], message: 'is required with DEMO_RETRIES=9' });
      },
      { when: () => true },
    ),
  toConfig: (c) => ({
    port: c.DEMO_PORT,
    token: c.DEMO_TOKEN,
    retries: c.DEMO_RETRIES,
    logLevel: c.LOG_LEVEL,
  }),
});

const errorOf = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    config.load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('defineConfig', () => {
  describe('given the environment alone', () => {
    it('applies the defaults, trims values and takes empty ones as unset', () => {
      expect(config.load({ DEMO_TOKEN: ' t ', DEMO_PORT: '  ', LOG_LEVEL: '' })).toEqual({
        port: 4000,
        token: 't',
        retries: undefined,
        logLevel: 'info',
      });
      expect(config.load({ DEMO_TOKEN: 't', DEMO_PORT: ' 8080 ' }).port).toBe(8080);
    });

    it('refuses with every problem at once, one line per variable, quoting the value', () => {
      const error = errorOf({ DEMO_PORT: 'http', DEMO_RETRIES: '1e3', LOG_LEVEL: 'loud' });
      expect(error.message).toBe(
        [
          'Invalid demo configuration:',
          '  - DEMO_PORT must be a port number 0-65535 (got "http")',
          '  - DEMO_TOKEN is required (the token)',
          '  - DEMO_RETRIES must be an integer from 0 to 9 (got "1e3")',
          '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        ].join('\n'),
      );
      expect(error.problems.map((p) => p.variable)).toEqual([
        'DEMO_PORT',
        'DEMO_TOKEN',
        'DEMO_RETRIES',
        'LOG_LEVEL',
      ]);
    });

    it('checks rules across variables even when another variable was refused', () => {
      const error = errorOf({ DEMO_TOKEN: 't', DEMO_PORT: 'x', DEMO_RETRIES: '9' });
      expect(error.problems.map((p) => p.variable)).toEqual(['DEMO_PORT', 'DEMO_NOTE']);
    });

    it('never quotes a secret, nor a value the message quotes already', () => {
      const secret = defineConfig({
        subject: 'secret',
        schema: z.object({
          S: z.string().min(10, { error: 'must be longer' }).meta({ description: 's', secret: true }),
        }),
        toConfig: (c) => c,
      });
      expect(() => secret.load({ S: 'hunter2' })).toThrow(
        /^Invalid secret configuration:\n {2}- S must be longer$/,
      );
      expect(errorOf({ DEMO_TOKEN: 't', DEMO_NOTE: 'no' }).message).toMatch(/- DEMO_NOTE no is refused$/);
    });
  });

  describe('given a configuration file', () => {
    it('reads it under the environment, which wins', () => {
      const path = file(
        'layered.json',
        JSON.stringify({ DEMO_PORT: 5000, DEMO_RETRIES: 3, DEMO_TOKEN: 'f' }),
      );
      expect(config.load({ DEMO_CONFIG_FILE: path, DEMO_TOKEN: 'env' })).toMatchObject({
        port: 5000,
        retries: 3,
        token: 'env',
      });
    });

    it('names the file variable when the file is missing, not JSON, or not an object', () => {
      const missing = join(dir, 'missing.json');
      expect(errorOf({ DEMO_CONFIG_FILE: missing }).message).toContain(
        `DEMO_CONFIG_FILE must name a JSON file (ENOENT`,
      );
      const broken = file('broken.json', '{ nope');
      expect(errorOf({ DEMO_CONFIG_FILE: broken }).message).toMatch(
        new RegExp(`DEMO_CONFIG_FILE must name a JSON file \\(.*JSON.*\\) \\(got "${broken}"\\)`),
      );
      const list = file('list.json', '[1]');
      expect(errorOf({ DEMO_CONFIG_FILE: list }).problems).toEqual([
        {
          variable: 'DEMO_CONFIG_FILE',
          message: 'must name a JSON file holding an object of VARIABLE: value',
          got: list,
        },
      ]);
    });

    it('refuses a bad value from the file with the same wording', () => {
      const path = file('bad.json', JSON.stringify({ DEMO_PORT: 'http', DEMO_TOKEN: 't' }));
      expect(errorOf({ DEMO_CONFIG_FILE: path }).message).toContain(
        'DEMO_PORT must be a port number 0-65535 (got "http")',
      );
    });
  });
});
