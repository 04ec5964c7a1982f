import { type MessagePort, parentPort, workerData } from 'node:worker_threads';

/** A worker thread's link to the thread that started it. */
export interface ParentLink<Data, Message> {
  readonly port: MessagePort;
  /** The `workerData` the thread was started with. */
  readonly data: Data;
  send(message: Message): void;
}

/**
 * Inside a thread that `startModuleWorker` started: its link to the parent. `thread` names the
 * module, for the error when it is run outside a worker thread.
 */
export function parentLink<Data, Message>(thread: string): ParentLink<Data, Message> {
  const port = parentPort;
  if (!port) throw new Error(`${thread} must run in a worker thread`);
  return { port, data: workerData as Data, send: (message) => port.postMessage(message) };
}
