import type { SpoolStreamSetting } from '../../secs/catalogue/index.js';
import type { StateDocument } from '../state/gem-state-store.js';

/**
 * Which messages the equipment spools (E30, set by the host with S2F43): streams, each with its
 * functions or with none for every function of the stream. Stream 1 is never spooled (E30).
 */
export class SpoolSelection {
  /** stream -> functions; an empty set means every function. */
  private streams = new Map<number, Set<number>>();

  constructor(initial: readonly SpoolStreamSetting[]) {
    this.set(initial);
  }

  /** Replaces the whole selection (S2F43 resets, it does not add). */
  set(settings: readonly SpoolStreamSetting[]): void {
    this.streams = new Map(settings.filter((s) => s.stream !== 1).map((s) => [s.stream, new Set(s.functions)]));
  }

  spools(stream: number, fn: number): boolean {
    const functions = this.streams.get(stream);
    return functions !== undefined && (functions.size === 0 || functions.has(fn));
  }

  get settings(): SpoolStreamSetting[] {
    return [...this.streams].map(([stream, functions]) => ({ stream, functions: [...functions] }));
  }

  toDocument(): StateDocument {
    return this.settings.map((s) => ({ stream: s.stream, functions: s.functions }));
  }

  /** The settings in a stored document, or undefined when it is not one. */
  static fromDocument(document: StateDocument | undefined): SpoolStreamSetting[] | undefined {
    if (!Array.isArray(document)) return undefined;
    const settings: SpoolStreamSetting[] = [];
    for (const entry of document as StateDocument[]) {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
      const { stream, functions } = entry as { stream?: unknown; functions?: unknown };
      if (typeof stream !== 'number' || !Array.isArray(functions) || !functions.every((f) => typeof f === 'number')) return undefined;
      settings.push({ stream, functions: functions as number[] });
    }
    return settings;
  }
}
