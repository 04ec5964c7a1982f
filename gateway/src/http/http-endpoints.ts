import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventStore } from '@guildscope/write-side';
import type { Logger } from 'pino';
import type { GatewayMetrics } from './gateway.metrics.js';

/**
 * Plain HTTP routes served beside Socket.IO on the same port: `/healthz` (200 when the event store
 * answers, 503 otherwise) and `/metrics` (Prometheus text). Socket.IO handles its own path before this.
 */
export function createHttpEndpoints(deps: {
  eventStore: EventStore;
  metrics: GatewayMetrics;
  logger: Logger;
  /** Socket.IO's path, left to Socket.IO (its handler answers first; this avoids a double response). */
  socketPath: string;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { eventStore, metrics, logger, socketPath } = deps;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path?.startsWith(socketPath)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') {
      eventStore
        .ping()
        .catch(() => false)
        .then((up) =>
          send(
            res,
            up ? 200 : 503,
            'application/json',
            `${JSON.stringify({ status: up ? 'ok' : 'unavailable', eventStore: up ? 'reachable' : 'unreachable' })}\n`,
          ),
        );
      return;
    }
    if (path === '/metrics') {
      metrics.registry
        .metrics()
        .then((text) => send(res, 200, metrics.registry.contentType, text))
        .catch((err: unknown) => {
          logger.error({ err }, 'metrics rendering failed');
          send(res, 500, 'text/plain', 'metrics unavailable\n');
        });
      return;
    }
    send(res, 404, 'text/plain', 'not found: try /healthz or /metrics\n');
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}
