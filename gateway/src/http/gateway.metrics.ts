import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The gateway's Prometheus metrics, on a registry of its own (several gateways in one process, e.g. in
 * tests, must not share counters). Event types outside the catalogue are counted as `invalid` so a
 * fuzzing client cannot blow up the label cardinality.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly eventsReceived = new Counter({
    name: 'gateway_events_received_total',
    help: 'Events received in to-backend batches, by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly eventsAccepted = new Counter({
    name: 'gateway_events_accepted_total',
    help: 'Events appended to the event store, by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly eventsRejected = new Counter({
    name: 'gateway_events_rejected_total',
    help: 'Events refused (invalid, undeclared guild, or in a refused batch), by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly eventsDuplicate = new Counter({
    name: 'gateway_events_duplicate_total',
    help: 'Events already in the store (a retried batch), by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly batchesRefused = new Counter({
    name: 'gateway_batches_refused_total',
    help: 'to-backend batches refused whole, by reason code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly appendDuration = new Histogram({
    name: 'gateway_append_duration_seconds',
    help: 'Time to durably append one batch to the event store',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly connectedBots = new Gauge({
    name: 'gateway_connected_bots',
    help: 'Bot connections (one per shard) currently open',
    registers: [this.registry],
  });
  readonly authFailures = new Counter({
    name: 'gateway_auth_failures_total',
    help: 'Connections refused at the handshake',
    registers: [this.registry],
  });
  readonly configChangesSent = new Counter({
    name: 'gateway_config_changes_sent_total',
    help: 'module:change messages sent to bots',
    registers: [this.registry],
  });

  constructor(private readonly knownTypes: ReadonlySet<string>) {}

  /** The `type` label for an event: its type when it is in the catalogue, else `invalid`. */
  typeLabel(type: unknown): string {
    return typeof type === 'string' && this.knownTypes.has(type) ? type : 'invalid';
  }
}
