export * from './config/server-config.js';
export * from './embedded-stack.js';
export * from './server/embedded-server.js';
export * from './start/secrets.js';
