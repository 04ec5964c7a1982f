import { variableMeta } from './config-variables.js';
import type { EnvSchema } from './load-config.js';

/** One variable as the docs' configuration table shows it. */
export interface VariableRow {
  readonly name: string;
  /** Markdown: a value in backticks, a computed default as its schema words it, `(unset)` or `(required)`. */
  readonly default: string;
  /** What it accepts in words; empty for free text (paths, hosts, URLs checked by their adapter). */
  readonly accepts: string;
  readonly meaning: string;
}

/** The rows of a configuration schema, in its key order. Throws when a variable has no description. */
export function variableRows(schema: EnvSchema): VariableRow[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const meta = variableMeta(field);
    if (!meta.description) throw new Error(`${name} has no description: add .describe() to its schema`);
    return {
      name,
      default: meta.defaultNote ?? defaultOf(field),
      accepts: meta.accepts ?? '',
      meaning: meta.description,
    };
  });
}

function defaultOf(field: EnvSchema['shape'][string]): string {
  const parsed = field.safeParse(undefined);
  if (!parsed.success) return '(required)';
  return parsed.data === undefined ? '(unset)' : `\`${String(parsed.data)}\``;
}
