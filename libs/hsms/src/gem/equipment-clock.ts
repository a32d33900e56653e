/**
 * The equipment's clock as the host sees it (S2F17 / S2F31): the system clock plus an offset. E30
 * lets the host set the equipment time; we keep the offset instead of changing the system clock,
 * which a Node process should not (and usually cannot) do.
 */
export class EquipmentClock {
  private offsetMs = 0;

  /** The equipment time now. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Makes `now()` read `time` at this moment; returns the new offset in milliseconds. */
  set(time: Date): number {
    this.offsetMs = time.getTime() - Date.now();
    return this.offsetMs;
  }

  /** Milliseconds the equipment time runs ahead of the system clock (negative: behind). */
  get offset(): number {
    return this.offsetMs;
  }
}
