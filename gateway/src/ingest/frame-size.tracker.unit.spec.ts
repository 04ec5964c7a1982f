import { describe, expect, it } from '@jest/globals';
import { FrameSizeTracker } from './frame-size.tracker.js';

describe('FrameSizeTracker', () => {
  it('pairs each to-backend handler call with the size of its own frame, whatever came in between', () => {
    const tracker = new FrameSizeTracker();
    const frames = [
      '20["to-backend",[1,2]]',
      '2["module:ack",{"position":"7"}]',
      '21["to\\u002dbackend",[]]',
    ];
    for (const data of frames) tracker.onPacket({ type: 'message', data });
    tracker.onPacket({ type: 'ping' });
    tracker.onPacket({ type: 'message', data: '30[{"ok":true}]' }); // an ack from the bot: not an event
    for (const name of ['to-backend', 'module:ack', 'to-backend']) tracker.onEvent(name);
    expect(tracker.next()).toBe(frames[0]?.length);
    expect(tracker.next()).toBe(frames[2]?.length);
    expect(tracker.next()).toBeUndefined();
  });

  it('counts UTF-8 bytes, not characters', () => {
    const tracker = new FrameSizeTracker();
    tracker.onPacket({ type: 'message', data: '2["to-backend",["é"]]' });
    tracker.onEvent('to-backend');
    expect(tracker.next()).toBe(22); // 21 characters, é is 2 bytes
  });
});
