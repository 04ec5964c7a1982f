import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './config.error.js';
import { variableMeta } from './config-variables.js';

/**
 * Set in a custom issue's `params` when its message already names the value (a file's path and line):
 * the refusal then does not add `(got "...")`.
 */
export const QUOTES_VALUE = 'quotesValue';

/** A process's environment variables: one key per variable, each a string schema (with defaults). */
export type EnvSchema = z.ZodObject<Record<string, z.ZodType<unknown, string | undefined>>>;

/** How one process (or one part shared by several, like the event store) reads its configuration. */
export interface ConfigDefinition<S extends EnvSchema, T> {
  /** Whose configuration, for the first line of a refusal: `Invalid <subject> configuration:`. */
  readonly subject: string;
  readonly schema: S;
  /** The variable naming a JSON file of `VARIABLE: value` read under the environment, if any. */
  readonly fileVariable?: string;
  /** The variables as the schema reads them, defaults applied. Throws ConfigError listing every problem. */
  read(env?: NodeJS.ProcessEnv): z.output<S>;
  /** The process's configuration object. Throws ConfigError listing every problem. */
  load(env?: NodeJS.ProcessEnv): T;
}

/**
 * Declares a configuration: a zod schema whose keys are the variable names (each described, see
 * {@link VariableMeta}) and the mapping to the object the process uses. Values are trimmed and empty
 * values count as unset; with `fileVariable`, a JSON file of `VARIABLE: value` is read first and the
 * environment wins over it.
 */
export function defineConfig<S extends EnvSchema, T>(definition: {
  readonly subject: string;
  readonly schema: S;
  readonly fileVariable?: Extract<keyof S['shape'], string>;
  readonly toConfig: (values: z.output<S>) => T;
}): ConfigDefinition<S, T> {
  const { subject, schema, fileVariable, toConfig } = definition;
  const read = (env: NodeJS.ProcessEnv = process.env): z.output<S> => {
    const given = { ...(fileVariable ? fromFile(subject, fileVariable, env) : {}), ...fromEnv(schema, env) };
    const result = schema.safeParse(given);
    if (result.success) return result.data;
    const problems: ConfigProblem[] = [];
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const variable = String(issue.path[0] ?? subject);
      const field = schema.shape[variable];
      const quoted = issue.code === 'custom' && issue.params?.[QUOTES_VALUE] === true;
      const got = quoted || (field && variableMeta(field).secret) ? undefined : given[variable];
      const key = `${variable}\n${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ variable, message: issue.message, ...(got === undefined ? {} : { got }) });
    }
    throw new ConfigError(subject, problems);
  };
  return {
    subject,
    schema,
    ...(fileVariable ? { fileVariable } : {}),
    read,
    load: (env) => toConfig(read(env)),
  };
}

/** The schema's variables that are set: trimmed, empty ones left out. */
function fromEnv(schema: EnvSchema, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = env[name]?.trim();
    if (value) out[name] = value;
  }
  return out;
}

function fromFile(subject: string, variable: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const file = env[variable]?.trim();
  if (!file) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(subject, [
      { variable, message: `must name a JSON file (${(error as Error).message})`, got: file },
    ]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError(subject, [
      { variable, message: 'must name a JSON file holding an object of VARIABLE: value', got: file },
    ]);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    const text = String(value).trim();
    if (text) out[name] = text;
  }
  return out;
}
