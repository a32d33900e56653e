/**
 * A growable byte array for the parser: `<B 0x00 0x01 ...>` with 16 million values appends one
 * byte at a time, and doubling the capacity keeps that linear (no per-byte objects, no concat).
 */
export class SmlByteSink {
  private buffer = new Uint8Array(16);
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(byte: number): void {
    this.reserve(1);
    this.buffer[this.size++] = byte;
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.size);
    this.size += bytes.length;
  }

  /** The bytes written so far (a view; the sink is not used after this). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.size);
  }

  private reserve(extra: number): void {
    if (this.size + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.size + extra));
    grown.set(this.buffer.subarray(0, this.size));
    this.buffer = grown;
  }
}
