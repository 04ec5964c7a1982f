// @guildscope/contracts/config: the one configuration loader of every process (kept out of the main
// entry point because it reads files with node:fs, which the browser bundle must not import).
export * from './config.error.js';
export * from './config-table.js';
export * from './config-variables.js';
export * from './load-config.js';
