// Public API of @guildscope/projections: read-db adapters and factory, migrations, the projection runner,
// the read-model projections, rebuild/verify.

export * from './activity/index.js';
export * from './growth/index.js';
export * from './guilds/guilds.projection.js';
export * from './invites/invites.projection.js';
export * from './members/members.projection.js';
export * from './migrations/migrate.js';
export * from './moderation/moderation-entry.js';
export * from './moderation/moderation-log.projection.js';
export { MATCH_WINDOW_MS } from './moderation/moderation-pairing.js';
export * from './projections.registry.js';
export * from './projections-cli.config.js';
export * from './read-db/pg-read-db.adapter.js';
export * from './read-db/pglite-owner.lock.js';
export * from './read-db/pglite-read-db.adapter.js';
export * from './read-db/read-db.config.js';
export * from './read-db/read-db.factory.js';
export * from './read-db/read-db.port.js';
export * from './rebuild/rebuild.js';
export * from './rebuild/schema-diff.js';
export * from './runner/notifications.js';
export * from './runner/projection.errors.js';
export type * from './runner/projection.js';
export * from './runner/projection-runner.js';
export * from './worker/projections-worker.config.js';
