export * from './auth/bot-credentials.js';
export * from './auth/bot-handshake.js';
export * from './gateway.config.js';
export * from './gateway.limits.js';
export * from './gateway.node-options.js';
export * from './gateway.server.js';
export { GatewayMetrics } from './http/gateway.metrics.js';
