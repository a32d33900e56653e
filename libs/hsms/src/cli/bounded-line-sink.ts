import type { CliWritable } from './cli-io.js';

/** A stream that reports backpressure (process.stdout, a pipe, a file stream). */
interface DrainingWritable extends CliWritable {
  write(text: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  readonly writableLength?: number;
}

/** Bytes of log lines kept at most while the output is slower than the log. Default 1 MiB. */
export const DEFAULT_LOG_QUEUE_BYTES = 1024 * 1024;

function drains(out: CliWritable): out is DrainingWritable {
  return typeof (out as Partial<DrainingWritable>).once === 'function';
}

/**
 * Writes lines to a stream without ever buffering more than `maxQueuedBytes` for it. While the
 * stream says it is full (write() returned false) lines wait here; past the bound they are
 * dropped and counted, and once the stream drained the count is written as one line. Without
 * this, a tool whose stdout went to a slow reader grew by the whole log (4 GB in 40 s, issue 11).
 * A sink without backpressure (a test buffer) is written straight through.
 */
export class BoundedLineSink {
  private readonly queue: string[] = [];
  private queuedBytes = 0;
  private dropped = 0;
  private congested = false;

  constructor(
    private readonly out: CliWritable,
    readonly maxQueuedBytes = DEFAULT_LOG_QUEUE_BYTES,
  ) {}

  /** Lines dropped since the last report. */
  get droppedLines(): number {
    return this.dropped;
  }

  write(line: string): void {
    if (!this.congested) {
      this.push(line);
      return;
    }
    const bytes = Buffer.byteLength(line);
    if (this.queuedBytes + bytes > this.maxQueuedBytes) {
      this.dropped++;
      return;
    }
    this.queue.push(line);
    this.queuedBytes += bytes;
  }

  /** Hands `line` to the stream; a false return starts queuing until 'drain'. */
  private push(line: string): void {
    const out = this.out;
    if (!drains(out)) {
      out.write(line);
      return;
    }
    if (out.write(line) !== false) return;
    this.congested = true;
    out.once('drain', () => this.drained(out));
  }

  private drained(out: DrainingWritable): void {
    while (this.queue.length > 0) {
      const line = this.queue.shift()!;
      this.queuedBytes -= Buffer.byteLength(line);
      if (out.write(line) === false) {
        out.once('drain', () => this.drained(out));
        return;
      }
    }
    this.congested = false;
    if (this.dropped > 0) {
      const dropped = this.dropped;
      this.dropped = 0;
      this.push(
        `${new Date().toISOString()} WARN    [hsms] ${dropped} log line(s) dropped: the output was slower than the log (logQueueBytes ${this.maxQueuedBytes})\n`,
      );
    }
  }
}
