export { type ApiTokenRecord, ApiTokenStore, bootstrapTokenId, hashToken } from './auth/api-token.store.js';
export { canSeeGuild, type Principal, type Role } from './auth/principal.js';
export { cliUsage, parseCliArgs, runTokensCommand } from './auth/tokens.cli.js';
export { type ApiConfig, apiConfig, apiConfigFromEnv, apiVariables } from './config/api-config.js';
export * from './errors/api-errors.js';
export { createFormatError } from './errors/format-error.js';
export type {
  Actor,
  ModuleConfigChange,
  ModuleConfigPort,
  ModuleConfigView,
} from './modules/module-config.port.js';
export { WriteSideModuleConfig } from './modules/write-side-module-config.adapter.js';
export { loadSchemaSdl, schemaFileUrl } from './schema/load-schema.js';
export { defaultQueryLimits, type QueryLimits, queryLimitsRule } from './schema/query-limits.rule.js';
export { ApiMetrics } from './server/api-metrics.js';
export { bearerSecret, type RunningApi, type StartApiOptions, startApi } from './server/start-api.js';
export { createStaticSite } from './server/static-site.js';
export { liveChannels } from './subscriptions/commit-feed.js';
