/** The read database, as the projections workspace defines it (port + PGlite/pg adapters). */
export type { ReadDb, SqlExecutor } from '@guildscope/projections';
