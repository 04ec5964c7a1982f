import type { SqlExecutor } from '../read-db/read-db.port.js';

/** Stored checkpoints (position text) by projection name. */
export async function loadCheckpoints(db: SqlExecutor): Promise<Map<string, string>> {
  const { rows } = await db.query<{ projection: string; position: string }>(
    'SELECT projection, position FROM projection_checkpoints',
  );
  return new Map(rows.map((r) => [r.projection, r.position]));
}

/** Locks and returns the projection's checkpoint row inside a transaction. */
export async function lockCheckpoint(trx: SqlExecutor, projection: string): Promise<string | null> {
  const { rows } = await trx.query<{ position: string }>(
    'SELECT position FROM projection_checkpoints WHERE projection = $1 FOR UPDATE',
    [projection],
  );
  return rows[0]?.position ?? null;
}

export async function saveCheckpoint(
  trx: SqlExecutor,
  projection: string,
  position: string,
  applied: number,
): Promise<void> {
  await trx.query(
    `INSERT INTO projection_checkpoints (projection, position, events_applied, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (projection) DO UPDATE SET position = EXCLUDED.position,
       events_applied = projection_checkpoints.events_applied + EXCLUDED.events_applied, updated_at = now()`,
    [projection, position, applied],
  );
}
