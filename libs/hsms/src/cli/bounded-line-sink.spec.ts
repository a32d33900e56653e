import { createServer, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LeveledLogger } from '../connections/hsms-logger.js';
import { BoundedLineSink } from './bounded-line-sink.js';
import { LineLogger } from './line-logger.js';
import { CapturedOutput } from './testing/captured-output.js';

// Issue 11, finding 2: a slow log reader cannot make the tool buffer without bound.

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('BoundedLineSink', () => {
  it('keeps at most maxQueuedBytes for a socket that does not read, drops and counts the rest, and reports them once drained', async () => {
    const chunks: Buffer[] = [];
    let reader!: Socket;
    const server = createServer((socket) => {
      reader = socket;
      socket.pause();
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    });
    closers.push(() => server.close());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const writer = connect((server.address() as { port: number }).port, '127.0.0.1');
    closers.push(() => writer.destroy());
    await new Promise<void>((resolve) => writer.once('connect', resolve));
    await expect.poll(() => reader !== undefined).toBe(true);
    closers.push(() => reader.destroy());

    const bound = 64 * 1024;
    const logger = new LineLogger(writer, { maxQueuedBytes: bound });
    const leveled = new LeveledLogger(logger, 'log', 'flood');
    const line = 'x'.repeat(1000);
    const total = 20_000; // 20 MB of log, far more than the kernel's socket buffers take
    let peak = 0;
    for (let i = 0; i < total; i++) {
      leveled.log(`${i} ${line}`);
      peak = Math.max(peak, writer.writableLength);
    }
    // what we hold: the socket's own buffer (one write past its high-water mark) and the queue
    expect(peak).toBeLessThanOrEqual(writer.writableHighWaterMark + 2 * 1100);
    reader.resume();
    await expect.poll(() => Buffer.concat(chunks).toString().includes('log line(s) dropped'), { timeout: 20_000 }).toBe(true);
    const text = Buffer.concat(chunks).toString();
    const written = text.split('\n').filter((l) => l.includes('[flood]')).length;
    const dropped = Number(/(\d+) log line\(s\) dropped/.exec(text)![1]);
    expect(dropped).toBeGreaterThan(0);
    expect(written + dropped).toBe(total);
    expect(written * 1000).toBeLessThan(20 * bound + 8 * 1024 * 1024); // far less than was logged
  }, 60_000);

  it('writes straight through to a sink without backpressure', () => {
    const out = new CapturedOutput();
    const sink = new BoundedLineSink(out, 10);
    for (let i = 0; i < 100; i++) sink.write('line\n');
    expect(out.lines).toHaveLength(100);
    expect(sink.droppedLines).toBe(0);
  });
});

describe('hsms serve --log-queue', () => {
  it('sets the bound in bytes (at least 1 KiB)', async () => {
    const { readEndpointArgs } = await import('./endpoint-args.js');
    const settings = readEndpointArgs('serve', ['--port', '0', '--log-queue', '2048']);
    expect(settings !== 'help' && settings.logQueueBytes).toBe(2048);
    expect(() => readEndpointArgs('serve', ['--port', '0', '--log-queue', '10'])).toThrow(/log-queue/);
  });
});
