import type { ReadModel } from '../schema/generated/schema-types.js';

/** A committed projection batch that touched a guild, as `readModelChanged` pushes it. */
export interface ReadModelChangeView {
  readonly guildId: string;
  readonly readModel: ReadModel;
  /** The projection's new checkpoint (formatPosition of its last event). */
  readonly position: string;
}

/** Projection names (projections.registry.ts) -> the read model the schema calls them. */
const readModelOfProjection: Readonly<Record<string, ReadModel>> = {
  guilds: 'GUILDS',
  'moderation-log': 'MODERATION',
  members: 'MEMBERS',
  invites: 'INVITES',
  activity: 'ACTIVITY',
  growth: 'MEMBER_GROWTH',
};

/**
 * The changes a projection commit notification (`{ projection, guildIds, lastPosition }`) announces, one
 * per guild: `watched` stands for the guild list when the notification left it out (too many guilds), so a
 * subscriber may hear of a commit that did not touch its guild but never misses one that did. Null when the
 * projection is not one the schema names.
 */
export function readModelChanges(
  commit: { projection?: unknown; guildIds?: unknown; lastPosition?: unknown },
  watched: () => readonly string[],
): ReadModelChangeView[] | null {
  const readModel =
    typeof commit.projection === 'string' && Object.hasOwn(readModelOfProjection, commit.projection)
      ? readModelOfProjection[commit.projection]
      : undefined;
  if (!readModel) return null;
  const position = typeof commit.lastPosition === 'string' ? commit.lastPosition : '';
  const guildIds = Array.isArray(commit.guildIds)
    ? commit.guildIds.filter((g): g is string => typeof g === 'string')
    : watched();
  return guildIds.map((guildId) => ({ guildId, readModel, position }));
}
