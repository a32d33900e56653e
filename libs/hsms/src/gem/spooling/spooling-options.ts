import type { SpoolStreamSetting } from '../../secs/catalogue/index.js';
import { HsmsOptionError } from '../../protocol/hsms-error.js';
import { readInteger } from '../../protocol/option-checks.js';
import { count, flag } from '../gem-options.js';

/** E30 spooling settings of a GemEquipmentHandler (the host changes them later through the ECs and S2F43). */
export interface SpoolingOptions {
  /** EnableSpooling at first start (an EC; a stored value wins). Default false. */
  enabled?: boolean;
  /** OverWriteSpool at first start: at full, overwrite the oldest (true) or discard the new message. Default false. */
  overwrite?: boolean;
  /** MaxSpoolTransmit at first start: messages per S6F23 transmit request, 0 for all. Default 0. */
  maxTransmit?: number;
  /** Most messages the spool holds. Default 10000. */
  capacity?: number;
  /** What is spooled until the host's S2F43 says otherwise. Default S5F1 and S6F11. */
  streams?: readonly SpoolStreamSetting[];
}

export interface ResolvedSpoolingOptions {
  readonly enabled: boolean;
  readonly overwrite: boolean;
  readonly maxTransmit: number;
  readonly capacity: number;
  readonly streams: readonly SpoolStreamSetting[];
}

const DEFAULT_STREAMS: readonly SpoolStreamSetting[] = Object.freeze([
  { stream: 5, functions: [1] },
  { stream: 6, functions: [11] },
]);

/** Throws HsmsOptionError naming the first bad option. */
export function resolveSpoolingOptions(options: SpoolingOptions | undefined): ResolvedSpoolingOptions {
  const o = options ?? {};
  const maxTransmit = readInteger('spooling.maxTransmit', o.maxTransmit, 0, 0xffff_ffff, 0);
  const streams = o.streams ?? DEFAULT_STREAMS;
  for (const s of streams) {
    const ok =
      Number.isInteger(s.stream) &&
      s.stream > 1 &&
      s.stream < 128 &&
      s.functions.every((f) => Number.isInteger(f) && f > 0 && f < 256 && f % 2 === 1);
    if (!ok)
      throw new HsmsOptionError(
        'spooling.streams',
        `stream ${String(s.stream)} with functions [${s.functions.join(', ')}]: E30 spools primaries (odd functions) of streams 2-127`,
      );
  }
  return {
    enabled: flag('spooling.enabled', o.enabled, false),
    overwrite: flag('spooling.overwrite', o.overwrite, false),
    maxTransmit,
    capacity: count('spooling.capacity', o.capacity, 10_000),
    streams,
  };
}
