import type { ModerationLogAction } from '@guildscope/contracts';
import { MODERATION_LOG_COLUMNS, type ModerationLogRow } from '@guildscope/projections';
import { badInput } from '../errors/api-errors.js';
import type { SqlExecutor } from '../read-db.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';

/** Columns the projection keeps for its own pairing and replay guard; the API does not read them. */
const PROJECTION_ONLY = ['audit_log_entry_id', 'match_key', 'source', 'event_type'] as const;
type ReadColumn = Exclude<keyof ModerationLogRow, (typeof PROJECTION_ONLY)[number]>;

/** A moderation_log row as read back: times as Date, bigints as the driver returns them. */
export interface ModerationRow
  extends Omit<
    Pick<ModerationLogRow, ReadColumn>,
    'occurred_at' | 'revision' | 'matched_revision' | 'superseded_by'
  > {
  occurred_at: Date;
  revision: number | string;
  matched_revision: number | string | null;
  /** The entry this one duplicates (a ban's member removal); absent from rows of older read models. */
  superseded_by?: string | null;
}

export interface ModerationFilter {
  readonly actions?: readonly ModerationLogAction[] | null;
  readonly moderatorId?: string | null;
  readonly targetId?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
  /** Also rows that duplicate another one (default: left out). */
  readonly includeSuperseded?: boolean | null;
}

export interface ModerationPage {
  readonly edges: { cursor: string; node: ModerationRow }[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const columns = Object.keys(MODERATION_LOG_COLUMNS)
  .filter((c) => !(PROJECTION_ONLY as readonly string[]).includes(c))
  .join(', ');

export function moderationCursor(row: Pick<ModerationRow, 'occurred_at' | 'entry_id'>): string {
  return encodeCursor('mod', [new Date(row.occurred_at).toISOString(), row.entry_id]);
}

/**
 * Newest first, keyset-paginated on (occurred_at, entry_id): stable while new rows arrive and O(page)
 * at any depth (an OFFSET would rescan).
 */
export async function moderationPage(
  db: SqlExecutor,
  guildId: string,
  filter: ModerationFilter,
  first: number,
  after: string | null | undefined,
): Promise<ModerationPage> {
  let afterTime: string | null = null;
  let afterId: string | null = null;
  if (after) {
    const [t, id] = decodeCursor('mod', after, 2);
    if (typeof t !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(t))) {
      throw badInput('after', 'not a cursor returned by this API for this list');
    }
    afterTime = t;
    afterId = id;
  }
  if (filter.from && filter.to && filter.to.getTime() <= filter.from.getTime()) {
    throw badInput('filter.to', 'must be after filter.from');
  }
  const { rows } = await db.query<ModerationRow>(
    `SELECT ${columns} FROM moderation_log
     WHERE guild_id = $1
       AND ($2::text[] IS NULL OR action = ANY($2::text[]))
       AND ($3::text IS NULL OR moderator_id = $3)
       AND ($4::text IS NULL OR target_user_id = $4)
       AND ($5::timestamptz IS NULL OR occurred_at >= $5)
       AND ($6::timestamptz IS NULL OR occurred_at < $6)
       AND ($7::timestamptz IS NULL OR (occurred_at, entry_id) < ($7::timestamptz, $8::text))
       AND ($10::boolean OR superseded_by IS NULL)
     ORDER BY occurred_at DESC, entry_id DESC
     LIMIT $9`,
    [
      guildId,
      filter.actions && filter.actions.length > 0 ? [...filter.actions] : null,
      filter.moderatorId ?? null,
      filter.targetId ?? null,
      filter.from ?? null,
      filter.to ?? null,
      afterTime,
      afterId,
      first + 1,
      filter.includeSuperseded === true,
    ],
  );
  const hasNextPage = rows.length > first;
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: moderationCursor(node), node }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Entries by id (for subscriptions: the rows a commit added). */
export async function moderationEntriesByIds(
  db: SqlExecutor,
  ids: readonly string[],
): Promise<ModerationRow[]> {
  const { rows } = await db.query<ModerationRow>(
    `SELECT ${columns} FROM moderation_log WHERE entry_id = ANY($1::text[]) ORDER BY occurred_at, entry_id`,
    [[...ids]],
  );
  return rows;
}
