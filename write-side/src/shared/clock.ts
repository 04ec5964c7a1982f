import { randomUUID } from 'node:crypto';

/** Current time. Passed in so tests and replays control it. */
export type Clock = () => Date;

/** New unique id (UUID v4) for events the write side creates itself. */
export type IdGenerator = () => string;

export const systemClock: Clock = () => new Date();
export const randomIds: IdGenerator = () => randomUUID();
