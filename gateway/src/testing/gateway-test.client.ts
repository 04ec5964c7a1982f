import { io, type Socket } from 'socket.io-client';

/**
 * A Socket.IO client as a bot would open it, for tests and benchmarks (no reconnection, websocket only).
 * Untyped on purpose (not the contracts' event maps): tests also send what a misbehaving bot would.
 */
export function openBotSocket(url: string, auth: unknown, options: { reconnection?: boolean } = {}): Socket {
  return io(url, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    forceNew: true,
  });
}

/** Resolves with the socket once connected; rejects with the `connect_error` (message and `data`). */
export function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Resolves with the next `event` received on `socket`. */
export function nextMessage<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, (payload: T) => resolve(payload)));
}

/** Collects every `event` into an array, and lets a test wait until it holds `n` items. */
export function recorder<T>(socket: Socket, event: string) {
  const items: T[] = [];
  let waiters: Array<{ n: number; resolve: () => void }> = [];
  socket.on(event, (payload: T) => {
    items.push(payload);
    waiters = waiters.filter((w) => {
      if (items.length < w.n) return true;
      w.resolve();
      return false;
    });
  });
  return {
    items,
    waitFor(n: number): Promise<T[]> {
      if (items.length >= n) return Promise.resolve(items);
      return new Promise((resolve) => waiters.push({ n, resolve: () => resolve(items) }));
    },
  };
}
