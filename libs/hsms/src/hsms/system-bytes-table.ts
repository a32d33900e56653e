/** What the table holds: anything that carries its own key (system bytes as a signed 32-bit integer). */
export interface SystemBytesKeyed {
  readonly key: number;
}

const INITIAL_CAPACITY = 64;

/**
 * The open requests of one connection by system bytes: open addressing with linear probing over a
 * plain array, kept at most half full, deletions by backward shift (no tombstones).
 *
 * Why not a Map: a Map with steady insert/delete churn (every request opens one entry and its reply
 * deletes it) replaces its backing table every few dozen operations, and each old table links to
 * its successor. Once one table had been promoted to the old generation, that chain kept every
 * later table alive through the young-generation collections, and with them every entry, promise
 * and reply they had held: about half of a pipelined requester's garbage survived each scavenge
 * (`node --trace-gc-nvp`, 64 requests in flight: 3-4 MB survived per scavenge, scavenges took 40%
 * of the time, peak RSS doubled). Slots of a plain array are cleared in place and link nothing.
 *
 * Our system bytes are consecutive, so their low bits spread perfectly; the key is used as its own
 * hash, and entries sit in their home slot unless a long-lived request's slot came round again.
 * The table keeps a bound on how far any entry sits from home (`longestProbe`): lookups and the
 * backward shift after a deletion stop there instead of walking the whole run. Without it, 64
 * consecutive requests in flight made one run of 64 slots, and every reply's deletion walked it
 * (5% of a pipelined requester's time, issue 10). A key looked up for a peer's reply can be any
 * 32-bit value: a miss ends at an empty slot or at that bound.
 */
export class SystemBytesTable<E extends SystemBytesKeyed> {
  private slots: (E | undefined)[] = emptySlots(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private count = 0;
  /** No entry sits further than this from its home slot (an upper bound: shifts only bring entries closer). */
  private longestProbe = 0;

  get size(): number {
    return this.count;
  }

  get(key: number): E | undefined {
    const at = this.slotOf(key);
    return at < 0 ? undefined : this.slots[at];
  }

  /** Adds an entry whose key is not in the table (the caller's system bytes skip open ones). */
  add(entry: E): void {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    this.place(entry);
    this.count++;
  }

  /** Removes and returns the entry with `key`, if any. */
  delete(key: number): E | undefined {
    let hole = this.slotOf(key);
    if (hole < 0) return undefined;
    const slots = this.slots;
    const mask = this.mask;
    const entry = slots[hole]!;
    slots[hole] = undefined;
    if (--this.count === 0) {
      this.longestProbe = 0; // empty: no entry is away from home
      return entry;
    }
    // Backward shift: an entry further along the run moves into the hole unless its home slot lies
    // cyclically in (hole, at], where a lookup starting there would no longer reach it.
    for (let at = (hole + 1) & mask; ; at = (at + 1) & mask) {
      // One that may fill the hole sits at least as far from home as from the hole: past the bound, none can.
      if (((at - hole) & mask) > this.longestProbe) break;
      const next = slots[at];
      if (next === undefined) break;
      const home = next.key & mask;
      const reachable = hole <= at ? home > hole && home <= at : home > hole || home <= at;
      if (reachable) continue;
      slots[hole] = next;
      slots[at] = undefined;
      hole = at;
    }
    return entry;
  }

  /** Every entry, in no particular order (a copy: the table may change while it is used). */
  values(): E[] {
    const out: E[] = [];
    for (const entry of this.slots) if (entry !== undefined) out.push(entry);
    return out;
  }

  /** Removes every entry and returns them. The capacity stays: a connection that had many in flight will again. */
  clear(): E[] {
    const all = this.values();
    this.slots.fill(undefined);
    this.count = 0;
    this.longestProbe = 0;
    return all;
  }

  /** The slot holding `key`, or -1. */
  private slotOf(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let i = key & mask, distance = 0; ; i = (i + 1) & mask, distance++) {
      const entry = slots[i];
      if (entry === undefined) return -1;
      if (entry.key === key) return i;
      if (distance === this.longestProbe) return -1; // further on, `key` would sit further from home than any entry does
    }
  }

  private place(entry: E): void {
    const slots = this.slots;
    const mask = this.mask;
    const home = entry.key & mask;
    let i = home;
    while (slots[i] !== undefined) i = (i + 1) & mask;
    slots[i] = entry;
    const distance = (i - home) & mask;
    if (distance > this.longestProbe) this.longestProbe = distance;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = emptySlots(old.length * 2);
    this.mask = this.slots.length - 1;
    this.longestProbe = 0;
    for (const entry of old) if (entry !== undefined) this.place(entry);
  }
}

/** A packed array of `n` undefined slots (not a holey `new Array(n)`: lookups stay on the fast path). */
function emptySlots<E>(n: number): (E | undefined)[] {
  return Array.from({ length: n }, () => undefined);
}
