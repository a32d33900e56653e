import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ListenedEvents } from './listened-events.js';

describe('ListenedEvents', () => {
  it('follows listeners added and removed, counting several listeners of one event', () => {
    const emitter = new EventEmitter();
    const listened = new ListenedEvents(emitter);
    expect([listened.packet, listened.sent, listened.message, listened.primary]).toEqual([false, false, false, false]);
    const a = (): void => {};
    const b = (): void => {};
    emitter.on('message', a).once('message', b).on('sent', a);
    expect([listened.message, listened.sent, listened.packet]).toEqual([true, true, false]);
    emitter.off('message', a);
    expect(listened.message).toBe(true); // b is still there
    emitter.emit('message'); // the once listener goes
    expect(listened.message).toBe(false);
    emitter.off('sent', a);
    expect(listened.sent).toBe(false);
  });

  it('watches again after removeAllListeners() took its hooks away', () => {
    const emitter = new EventEmitter();
    const listened = new ListenedEvents(emitter);
    emitter.on('primary', () => {});
    emitter.removeAllListeners();
    listened.watch(); // what HsmsSession.removeAllListeners does
    expect(listened.primary).toBe(false);
    emitter.on('primary', () => {});
    expect(listened.primary).toBe(true);
    listened.watch();
    expect(emitter.listenerCount('newListener')).toBe(1); // never installed twice
  });
});
