import type { WebSocket } from 'ws';

/** Where a session's frames go: a WebSocket, or an in-process sink (benchmarks). */
export interface FrameSink {
  send(frame: string): void;
  /** Close with a code (a Discord close code), or abruptly (no close frame) when `code` is undefined. */
  close(code?: number, reason?: string): void;
}

export function webSocketSink(ws: WebSocket): FrameSink {
  return {
    send: (frame) => {
      if (ws.readyState === ws.OPEN) ws.send(frame);
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
