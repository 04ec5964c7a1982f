import { createActivityProjection } from './activity/activity.projection.js';
import { createGrowthProjection } from './growth/growth.projection.js';
import { guildsProjection } from './guilds/guilds.projection.js';
import { invitesProjection } from './invites/invites.projection.js';
import { membersProjection } from './members/members.projection.js';
import { moderationLogProjection } from './moderation/moderation-log.projection.js';
import type { Projection } from './runner/projection.js';

/**
 * Every projection the runner, rebuild and verify know. Add new read models here (the activity
 * projections too), in any order: each has its own checkpoint.
 */
export function allProjections(): Projection[] {
  return [
    guildsProjection(),
    moderationLogProjection(),
    membersProjection(),
    invitesProjection(),
    createActivityProjection(),
    createGrowthProjection(),
  ];
}

/** The projection named `name`, or a RangeError listing the known names. */
export function projectionNamed(
  name: string,
  projections: readonly Projection[] = allProjections(),
): Projection {
  const found = projections.find((p) => p.name === name);
  if (!found) {
    throw new RangeError(
      `Unknown projection "${name}": expected one of ${projections.map((p) => p.name).join(', ')}`,
    );
  }
  return found;
}
