import type { Logger } from 'pino';
import type { ReadDb } from '../read-db/read-db.port.js';
import type { Projection } from '../runner/projection.js';

interface IndexDefinition {
  readonly name: string;
  readonly definition: string;
  readonly unique: boolean;
}

/**
 * Runs `fill` (a replay into a fresh schema) without the projections' read indexes, then creates them:
 * Postgres builds an index from sorted rows far cheaper than it inserts one entry per row. Only for a
 * schema nobody reads yet (rebuild, verify): a failed fill leaves the schema without them, and the caller
 * drops it. A declared index that does not exist or is unique is refused (a typo, or a constraint).
 */
export async function withReadIndexesDeferred<T>(
  db: ReadDb,
  projections: readonly Projection[],
  fill: () => Promise<T>,
  logger?: Logger,
): Promise<T> {
  const names = projections.flatMap((p) => p.readIndexes ?? []);
  if (names.length === 0) return fill();
  const { rows } = await db.query<IndexDefinition>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisunique AS unique
     FROM pg_index i
     JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = ANY($2::text[])`,
    [db.schema, names],
  );
  const found = new Map(rows.map((r) => [r.name, r]));
  for (const name of names) {
    const index = found.get(name);
    if (!index) throw new Error(`Read index "${name}" does not exist in schema "${db.schema}"`);
    if (index.unique) throw new Error(`Read index "${name}" is unique: a constraint cannot be deferred`);
  }
  for (const name of names) await db.exec(`DROP INDEX "${db.schema}"."${name}"`);
  const result = await fill();
  for (const name of names) {
    const started = Date.now();
    await db.exec((found.get(name) as IndexDefinition).definition);
    logger?.info({ index: name, tookMs: Date.now() - started }, 'read index created');
  }
  return result;
}
