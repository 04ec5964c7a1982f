import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The API's Prometheus metrics, in a registry of its own (no global singletons). */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly operations = new Counter({
    name: 'guildscope_api_graphql_operations_total',
    help: 'GraphQL operations by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly operationSeconds = new Histogram({
    name: 'guildscope_api_graphql_operation_seconds',
    help: 'GraphQL operation duration (HTTP)',
    labelNames: ['type'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly wsConnections = new Gauge({
    name: 'guildscope_api_ws_connections',
    help: 'Open graphql-ws connections',
    registers: [this.registry],
  });
  readonly subscriptions = new Gauge({
    name: 'guildscope_api_subscriptions',
    help: 'Active GraphQL subscriptions',
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: 'guildscope_api_subscription_deliveries_total',
    help: 'Subscription payloads pushed to clients, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  constructor(collectDefaults = true) {
    if (collectDefaults) collectDefaultMetrics({ register: this.registry, prefix: 'guildscope_api_' });
  }
}
