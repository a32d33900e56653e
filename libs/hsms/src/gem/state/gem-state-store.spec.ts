import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileGemStateStore } from './file-state-store.js';
import type { GemStateStore } from './gem-state-store.js';
import { MemoryGemStateStore } from './memory-state-store.js';

const directories: string[] = [];
function freshDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gem-state-'));
  directories.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe.each([
  ['memory', (): GemStateStore => new MemoryGemStateStore()],
  ['file', (): GemStateStore => new FileGemStateStore(freshDirectory(), { sync: 'none' })],
])('%s state store', (_name, make) => {
  it('keeps named documents and gives copies back', () => {
    const store = make();
    expect(store.get('reports')).toBeUndefined();
    store.put('reports', { a: [1, 'x', null, true] });
    expect(store.get('reports')).toEqual({ a: [1, 'x', null, true] });
    store.put('reports', []);
    expect(store.get('reports')).toEqual([]);
    expect(() => store.put('../escape', 1)).toThrow(RangeError);
    store.close();
  });

  it('keeps the spool in order: append, peek, drop, clear', () => {
    const store = make();
    for (let i = 0; i < 5; i++) store.spool.append(bytes(i, i));
    expect(store.spool.length).toBe(5);
    expect(store.spool.peek(2).map((r) => [...r])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    store.spool.dropFirst(2);
    expect(store.spool.peek(10).map((r) => r[0])).toEqual([2, 3, 4]);
    store.spool.clear();
    expect(store.spool.length).toBe(0);
    store.spool.append(bytes(9));
    expect(store.spool.peek(1).map((r) => [...r])).toEqual([[9]]);
    store.close();
  });
});

describe('FileGemStateStore across a restart', () => {
  it('reopens documents and the unsent part of the spool', () => {
    const dir = freshDirectory();
    const first = new FileGemStateStore(dir);
    first.put('constants', { '1': 5 });
    for (let i = 0; i < 10; i++) first.spool.append(bytes(i));
    first.spool.dropFirst(3);
    first.close();
    const second = new FileGemStateStore(dir);
    expect(second.get('constants')).toEqual({ '1': 5 });
    expect(second.spool.peek(100).map((r) => r[0])).toEqual([3, 4, 5, 6, 7, 8, 9]);
    second.close();
  });

  it('sends records again rather than lose them when the process dies between head writes (at least once)', () => {
    const dir = freshDirectory();
    const first = new FileGemStateStore(dir, { sync: 'none' });
    for (let i = 0; i < 10; i++) first.spool.append(bytes(i));
    first.spool.dropFirst(3); // not yet recorded in the head file; no close(): a crash
    const second = new FileGemStateStore(dir, { sync: 'none' });
    expect(second.spool.peek(100).map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    second.spool.dropFirst(64 + 3); // past the batch: recorded
    const third = new FileGemStateStore(dir, { sync: 'none' });
    expect(third.spool.length).toBe(0);
    first.close();
    second.close();
    third.close();
  });

  it('cuts off a record torn by a crash in the middle of an append', () => {
    const dir = freshDirectory();
    const first = new FileGemStateStore(dir, { sync: 'none' });
    first.spool.append(bytes(1, 2, 3));
    first.close();
    const log = readdirSync(dir).find((f) => f.endsWith('.log'))!;
    appendFileSync(join(dir, log), Buffer.from([0, 0, 0, 9, 1, 2])); // 9 bytes promised, 2 written
    const second = new FileGemStateStore(dir, { sync: 'none' });
    expect(second.spool.length).toBe(1);
    second.spool.append(bytes(4));
    expect(second.spool.peek(5).map((r) => [...r])).toEqual([[1, 2, 3], [4]]);
    second.close();
  });

  it('starts a new log once the spool empties, so the file does not grow for ever', () => {
    const dir = freshDirectory();
    const store = new FileGemStateStore(dir, { sync: 'none' });
    for (let i = 0; i < 100; i++) store.spool.append(new Uint8Array(1000));
    store.spool.dropFirst(100);
    const logs = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(logs).toHaveLength(1);
    expect(statSync(join(dir, logs[0]!)).size).toBe(0);
    store.close();
  });

  it('compacts a long log whose front was sent and keeps the rest in order', () => {
    const dir = freshDirectory();
    const store = new FileGemStateStore(dir, { sync: 'none' });
    for (let i = 0; i < 300; i++) store.spool.append(Uint8Array.from({ length: 5000 }, () => i % 256));
    store.spool.dropFirst(250); // 1.25 MB sent of 1.5 MB
    const logs = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(logs).toHaveLength(1);
    expect(statSync(join(dir, logs[0]!)).size).toBe(50 * 5004);
    store.close();
    const again = new FileGemStateStore(dir, { sync: 'none' });
    expect(again.spool.peek(100).map((r) => r[0])).toEqual(Array.from({ length: 50 }, (_, i) => (250 + i) % 256));
    again.close();
  });
});
