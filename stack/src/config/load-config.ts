import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** A configuration value was missing or invalid; the message names the variable and what was expected. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads a process's configuration from the environment, optionally layered over a JSON file named by
 * `fileVariable` (environment wins), validated by `schema` whose keys are the variable names. Every
 * problem is reported at once, each line naming its variable.
 */
export function loadConfig<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  env: NodeJS.ProcessEnv,
  fileVariable?: string,
): z.infer<S> {
  let fromFile: Record<string, unknown> = {};
  const file = fileVariable ? env[fileVariable] : undefined;
  if (fileVariable && file) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('expected a JSON object of VARIABLE: value');
      fromFile = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch (error) {
      throw new ConfigError(`${fileVariable}=${file}: ${(error as Error).message}`);
    }
  }
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value !== '') merged[key] = value;
  const result = schema.safeParse(merged);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const variable = issue.path.map(String).join('.') || '(config)';
    const got = merged[variable];
    return `  ${variable}: ${issue.message}${got === undefined ? '' : ` (got "${String(got)}")`}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
