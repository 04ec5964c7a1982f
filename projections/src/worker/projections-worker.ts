import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventStore } from '@guildscope/write-side';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { scheduleRetention } from '../activity/retention.schedule.js';
import { migrate } from '../migrations/migrate.js';
import { allProjections } from '../projections.registry.js';
import type { ReadDb } from '../read-db/read-db.port.js';
import { ProjectionRunner } from '../runner/projection-runner.js';

export interface ProjectionsWorkerOptions {
  readonly eventStore: EventStore;
  readonly readDb: ReadDb;
  readonly logger: Logger;
  readonly port: number;
  readonly host?: string;
  readonly retentionRawDays?: number;
}

export interface RunningProjectionsWorker {
  readonly url: string;
  readonly runner: ProjectionRunner;
  close(): Promise<void>;
}

/**
 * The projections role as a process of its own (production profile): migrations, the live runner over
 * every read model, periodic retention, `/healthz` with per-projection state and lag (503 when one has
 * failed) and Prometheus `/metrics`.
 */
export async function startProjectionsWorker(
  options: ProjectionsWorkerOptions,
): Promise<RunningProjectionsWorker> {
  const { readDb, eventStore, logger } = options;
  const { applied } = await migrate(readDb);
  if (applied.length > 0) logger.info({ applied }, 'read-model migrations applied');
  const runner = new ProjectionRunner({ eventStore, db: readDb, projections: allProjections(), logger });
  runner.start();

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const lag = new Gauge({
    name: 'guildscope_projection_lag_events',
    help: 'Events behind the head of the log',
    labelNames: ['projection'],
    registers: [registry],
  });
  const applied_ = new Gauge({
    name: 'guildscope_projection_events_applied',
    help: 'Events applied since start',
    labelNames: ['projection'],
    registers: [registry],
  });
  const failed = new Gauge({
    name: 'guildscope_projection_failed',
    help: '1 when the projection stopped on an event',
    labelNames: ['projection'],
    registers: [registry],
  });

  const stopRetention = scheduleRetention(readDb, options.retentionRawDays ?? 90, logger);

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    void (async () => {
      if (path === '/healthz') {
        const [projections, store] = await Promise.all([
          runner.status(),
          eventStore.ping().catch(() => false),
        ]);
        const ok = store && projections.every((p) => p.state !== 'failed');
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', eventStore: store, projections }));
        return;
      }
      if (path === '/metrics') {
        for (const p of await runner.status()) {
          lag.set({ projection: p.name }, p.lag ?? 0);
          applied_.set({ projection: p.name }, p.eventsApplied);
          failed.set({ projection: p.name }, p.state === 'failed' ? 1 : 0);
        }
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(await registry.metrics());
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `No route ${path}: try /healthz or /metrics` }));
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'health endpoint failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    runner,
    async close() {
      stopRetention();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runner.stop();
    },
  };
}
