/**
 * Fresh system bytes for new primaries and control requests of one connection (E37: start
 * anywhere, wrap at 2^32, never reuse a value whose transaction is still open).
 */
export class SystemBytesCounter {
  private value: number;

  /**
   * `start` defaults to a random value so two sessions rarely reuse each other's numbers. E37 asks
   * only for uniqueness among open transactions, not unpredictability: Math.random, so a plain-TCP
   * process never loads node:crypto (issue 10).
   */
  constructor(start: number = Math.floor(Math.random() * 0x1_0000_0000)) {
    this.value = start >>> 0;
  }

  /**
   * The next value for which `isOpen` is false. `openCount` bounds the search: with that many
   * transactions open, one of the next openCount + 1 values must be free.
   */
  next(isOpen: (system: number) => boolean, openCount: number): number {
    for (let tries = 0; tries <= openCount; tries++) {
      const candidate = this.value;
      this.value = (this.value + 1) >>> 0;
      if (!isOpen(candidate)) return candidate;
    }
    throw new RangeError(`no free system bytes among the next ${openCount + 1} values`);
  }
}
