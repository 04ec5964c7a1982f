/**
 * Measures the wire size of each `to-backend` frame before Socket.IO decodes it, so the byte limit of a
 * batch is checked on what the bot really sent, before any per-event work, rather than by
 * re-serialising the decoded payload.
 *
 * Engine.IO emits `packet` for every frame, synchronously and in arrival order, before Socket.IO decodes
 * it. Socket.IO then calls the `onAny` listeners of each decoded event, in the same order, and only later
 * (next tick) the event's own handler. So: every EVENT frame's size is queued at `packet` time; at `onAny`
 * time the size of the event being dispatched is taken, and kept for the `to-backend` handler if that is
 * its (decoded) name. The name is read after decoding, so escaping tricks in the raw JSON cannot misalign
 * the queue.
 */
export class FrameSizeTracker {
  private readonly eventFrames: number[] = [];
  private readonly toBackend: number[] = [];

  /** Call for each Engine.IO packet of the connection. */
  onPacket(packet: { type: string; data?: unknown }): void {
    if (packet.type !== 'message' || typeof packet.data !== 'string') return;
    // Socket.IO EVENT (2) and BINARY_EVENT (5) frames; binary attachments are not strings.
    const kind = packet.data.charCodeAt(0);
    if (kind !== 0x32 && kind !== 0x35) return;
    this.eventFrames.push(Buffer.byteLength(packet.data, 'utf8'));
  }

  /** Call from a `prependAny` listener: an event named `event` is being dispatched. */
  onEvent(event: unknown): void {
    const size = this.eventFrames.shift();
    if (event === 'to-backend') this.toBackend.push(size ?? -1);
  }

  /** Size of the frame of the `to-backend` event being handled, or undefined if it was not measured. */
  next(): number | undefined {
    const size = this.toBackend.shift();
    return size === undefined || size < 0 ? undefined : size;
  }
}
