/**
 * V8 flags every process that hosts the gateway runs with (the gateway container, `npm run start:gateway`,
 * the embedded server of `npm start`, and `npm run bench:gateway`, which measures them).
 *
 * Why: a batch lives from its frame's arrival to its ack (tens of ms under load: decoded, validated,
 * serialised, committed by the writer thread). With V8's default young generation (16 MiB semi-spaces)
 * most in-flight batches survive two scavenges and are promoted, so the old generation fills with garbage
 * that only a full mark-compact reclaims. 64 MiB semi-spaces let them die young. Measured in
 * docs/bench/gateway.md: +10-15% sustained ingest; the price is up to ~190 MiB more RSS at peak.
 */
export const GATEWAY_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=64'];
