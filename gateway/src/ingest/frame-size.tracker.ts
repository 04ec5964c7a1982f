/**
 * Measures the wire size of each `to-backend` frame before Socket.IO decodes it, so the byte limit of a
 * batch is checked on what the bot really sent rather than by re-serialising the decoded payload.
 *
 * Engine.IO emits `packet` for every frame, synchronously and in arrival order, before Socket.IO decodes
 * it; Socket.IO then dispatches event handlers in the same order. So a FIFO of sizes, pushed here and
 * shifted by the handler, pairs each handler call with its own frame.
 */
export class FrameSizeTracker {
  private readonly sizes: number[] = [];

  /** Call for each Engine.IO packet of the connection. */
  onPacket(packet: { type: string; data?: unknown }): void {
    if (packet.type !== 'message' || typeof packet.data !== 'string') return;
    if (!TO_BACKEND_FRAME.test(packet.data)) return;
    this.sizes.push(Buffer.byteLength(packet.data, 'utf8'));
  }

  /** Size of the frame of the `to-backend` event being handled, or undefined if it was not seen. */
  next(): number | undefined {
    return this.sizes.shift();
  }
}

/**
 * A Socket.IO EVENT (2) or BINARY_EVENT (5, with its attachment count) on the main namespace, with an
 * optional ack id, whose first argument is the event name `to-backend`.
 */
const TO_BACKEND_FRAME = /^(?:2|5\d+-)\d*\["to-backend"/;
