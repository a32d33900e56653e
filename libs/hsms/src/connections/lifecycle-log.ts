import type { LeveledLogger } from './hsms-logger.js';

/** Lines of one kind written per window before the rest are only counted. */
const LINES_PER_WINDOW = 3;
const WINDOW_MS = 60_000;

/**
 * A peer's lifecycle lines (connecting, connect failed, established, selected, closed) at `log`
 * level, so that a dead tool is visible at the default level; each kind writes at most 3 lines a
 * minute at `log` (the rest at `debug`) and the next line written tells how many were left out,
 * so a tool that refuses every T5 cannot fill the log.
 */
export class LifecycleLog {
  private readonly kinds = new Map<string, { windowStart: number; written: number; suppressed: number }>();

  constructor(private readonly logger: LeveledLogger) {}

  note(kind: string, line: string): void {
    const now = performance.now();
    let entry = this.kinds.get(kind);
    if (!entry || now - entry.windowStart >= WINDOW_MS) {
      entry = { windowStart: now, written: 0, suppressed: entry?.suppressed ?? 0 };
      this.kinds.set(kind, entry);
    }
    if (entry.written >= LINES_PER_WINDOW) {
      entry.suppressed++;
      this.logger.debug(line); // still there for whoever asked for detail
      return;
    }
    entry.written++;
    const left = entry.suppressed;
    entry.suppressed = 0;
    this.logger.log(left > 0 ? `${line} (${left} like it not logged in the last ${WINDOW_MS / 1000} s)` : line);
  }
}
