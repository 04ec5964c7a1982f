import { describe } from '@jest/globals';
import { describeEventStoreContract } from '../event-store.contract.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.adapter.js';

// Runs against a real server only (docker compose up eventstore; EVENTSTORE_URL=esdb://localhost:2113?tls=false).
// Never faked: without EVENTSTORE_URL the suite is reported as skipped.
const url = process.env.EVENTSTORE_URL?.trim();

if (url) {
  describeEventStoreContract(
    'EventStoreDbEventStore',
    async () => new EventStoreDbEventStore({ connectionString: url }),
    {
      exactDuplicateCount: false,
    },
  );
} else {
  describe.skip('EventStoreDB adapter (set EVENTSTORE_URL to run)', () => {
    it('runs the EventStore contract against EventStoreDB', () => {});
  });
}
