import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The SDL lives outside src/ (api/schema/schema.graphql) so the same relative URL works from the
 * TypeScript sources under jest (api/src/schema) and from the build (api/dist/schema).
 */
export const schemaFileUrl = new URL('../../schema/schema.graphql', import.meta.url);

export function loadSchemaSdl(): string {
  return readFileSync(fileURLToPath(schemaFileUrl), 'utf8');
}
