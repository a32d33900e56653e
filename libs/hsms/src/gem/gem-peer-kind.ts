import type { HsmsPeerDefinition } from '../hsms/peer-definition.js';
import { secsOptionsOf } from '../secs/secs-peer-kind.js';
import type { GemEquipmentHandlerOptions } from './gem-equipment-handler.js';
import type { GemHostHandlerOptions } from './gem-host-handler.js';

/** GEM options of a peer definition: identity, timers and state-model settings of either end. */
export type GemPeerOptions = Omit<GemHostHandlerOptions & GemEquipmentHandlerOptions, 'name' | 'role' | 'catalogue' | 'validateBodies'>;

declare module '../hsms/peer-definition.js' {
  /** The GEM layer's part of a peer definition. */
  interface HsmsPeerHandlerOptions {
    /**
     * Run GEM for this peer: true, or the GEM options ({ mdln, softrev, establishCommunicationsTimeout,
     * ... }). The handler is then a GemHostHandler (role 'host') or GemEquipmentHandler ('equipment').
     */
    gem?: boolean | GemPeerOptions;
  }
}

/** The handler options of a GEM peer definition (undefined when `gem` is not set). */
export function gemOptionsOf(definition: HsmsPeerDefinition): (GemHostHandlerOptions & GemEquipmentHandlerOptions) | undefined {
  const gem = definition.gem;
  if (gem === undefined || gem === false) return undefined;
  const { role: _role, ...secs } = secsOptionsOf(definition);
  return { ...(gem === true ? {} : gem), ...secs };
}
