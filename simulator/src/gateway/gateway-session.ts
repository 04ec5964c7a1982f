import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** Where a session's frames go: a WebSocket, or an in-process sink (benchmarks). */
export interface FrameSink {
  send(frame: string): void;
  /** Close with a code (a Discord close code), or abruptly (no close frame) when `code` is undefined. */
  close(code?: number, reason?: string): void;
}

/**
 * Frames sent in one turn of the event loop (a traffic tick dispatches thousands) are corked on the TCP socket and
 * leave in one write when the turn ends, instead of one write syscall per frame. ws has no public batching API;
 * its sender corks each frame itself, and cork/uncork nest.
 */
export function webSocketSink(ws: WebSocket): FrameSink {
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket?.uncork();
  };
  return {
    send: (frame) => {
      if (ws.readyState !== ws.OPEN) return;
      if (!corked && socket) {
        corked = true;
        socket.cork();
        process.nextTick(uncork);
      }
      ws.send(frame);
    },
    close: (code, reason) => {
      if (code === undefined) ws.terminate();
      else ws.close(code, reason);
    },
  };
}

/** One gateway session (survives its connection so the client can RESUME). */
export interface GatewaySession {
  id: string;
  intents: number;
  shardId: number;
  shardCount: number;
  largeThreshold: number;
  seq: number;
  /**
   * The last `resumeBufferSize` dispatch frames, kept for RESUME: a ring where the frame of seq `s` is at
   * `(s - 1) % resumeBufferSize` (plain strings, no entry object per dispatch).
   */
  buffer: string[];
  /** Null while disconnected (events are still buffered for a resume). */
  sink: FrameSink | null;
  disconnectedAt: number | null;
}
