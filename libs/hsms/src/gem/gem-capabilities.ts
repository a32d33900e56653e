import type { GemCommunication } from './gem-communication.js';
import type { GemEquipment } from './gem-equipment.js';
import type { GemHost } from './gem-host.js';

/** The GEM capabilities attached to one peer: communication always, plus the host's or the equipment's. */
export interface GemCapabilities {
  readonly communication: GemCommunication;
  readonly host: GemHost | undefined;
  readonly equipment: GemEquipment | undefined;
}

interface AttachedParts {
  communication?: GemCommunication;
  host?: GemHost;
  equipment?: GemEquipment;
}

// Weak: a removed peer and its capabilities are collected together; the peer object stays untouched.
const attached = new WeakMap<object, AttachedParts>();

/**
 * Records that a capability was attached to `peer`; each capability's constructor calls this, so a
 * peer built with GEM (GemHostHandler, addPeer({ gem })) and one given GEM by attachGem() are found alike.
 */
export function noteGemCapability(peer: object, part: AttachedParts): void {
  const parts = attached.get(peer);
  if (parts === undefined) attached.set(peer, { ...part });
  else Object.assign(parts, part);
}

/** The GEM attached to `peer` (tools that look at any peer: the web console); undefined without GEM. */
export function gemCapabilitiesOf(peer: object): GemCapabilities | undefined {
  const parts = attached.get(peer);
  if (parts?.communication === undefined) return undefined;
  return { communication: parts.communication, host: parts.host, equipment: parts.equipment };
}
