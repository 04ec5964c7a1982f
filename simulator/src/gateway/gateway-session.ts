import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** Where a session's frames go: a WebSocket, or an in-process sink (benchmarks). */
export interface FrameSink {
  send(frame: string): void;
  /** The same frame already encoded as UTF-8 (sent as a text frame); optional, `send` is used without it. */
  sendUtf8?(frame: Buffer): void;
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
  const cork = () => {
    if (corked || !socket) return;
    corked = true;
    socket.cork();
    process.nextTick(uncork);
  };
  return {
    send: (frame) => {
      if (ws.readyState !== ws.OPEN) return;
      cork();
      ws.send(frame);
    },
    sendUtf8: (bytes) => {
      if (ws.readyState !== ws.OPEN) return;
      cork();
      ws.send(bytes, { binary: false });
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
   * The last `resumeBufferSize` dispatch frames (UTF-8), kept for RESUME: a ring where the frame of seq `s` is at
   * `(s - 1) % resumeBufferSize` (no entry object per dispatch).
   */
  buffer: Buffer[];
  /** Null while disconnected (events are still buffered for a resume). */
  sink: FrameSink | null;
  disconnectedAt: number | null;
}
