import type { SecsHandler } from '../secs/secs-handler.js';
import { GemCommunication } from './gem-communication.js';
import { GemEquipment } from './gem-equipment.js';
import type { GemEquipmentHandlerOptions } from './gem-equipment-handler.js';
import type { GemEquipmentHandlerEvents } from './gem-equipment.events.js';
import type { GemHandlerEvents } from './gem-handler.events.js';
import { GemHost } from './gem-host.js';
import type { GemHostHandlerOptions } from './gem-host-handler.js';
import type { GemHostHandlerEvents } from './gem-host.events.js';
import { resolveGemOptions } from './gem-options.js';

/** The GEM capabilities attached to a host peer. */
export interface AttachedGemHost {
  readonly communication: GemCommunication;
  readonly host: GemHost;
}

/** The GEM capabilities attached to an equipment peer. */
export interface AttachedGemEquipment {
  readonly communication: GemCommunication;
  readonly equipment: GemEquipment;
}

/**
 * Attaches GEM to an existing SECS peer, by its role: E30 communication plus the host's report
 * routes, or plus the equipment's models and services. The peer's events then include GEM's
 * ('communicating', 'collectionEvent' ...). GemHostHandler and GemEquipmentHandler are SecsHandlers
 * with exactly this attached; use this when the peer is already built (a handler class of your own).
 * Throws HsmsOptionError naming a bad option.
 */
export function attachGem(
  peer: SecsHandler,
  options?: GemHostHandlerOptions & GemEquipmentHandlerOptions,
): AttachedGemHost | AttachedGemEquipment;
export function attachGem(
  peer: SecsHandler,
  options: GemHostHandlerOptions & GemEquipmentHandlerOptions = {},
): AttachedGemHost | AttachedGemEquipment {
  const resolved = resolveGemOptions(options);
  const catalogue = { catalogue: peer.catalogue, formats: resolved.formats, timeLength: resolved.timeFormat, utc: resolved.utcTime };
  const catalogueOptions = { build: catalogue, parse: { catalogue: peer.catalogue } };
  const identity = peer.role === 'equipment' ? { mdln: resolved.mdln, softrev: resolved.softrev } : undefined;
  const communication = new GemCommunication(peer as unknown as SecsHandler<GemHandlerEvents>, {
    options: resolved,
    identity,
    ...catalogueOptions,
  });
  if (peer.role === 'equipment') {
    return {
      communication,
      equipment: new GemEquipment(peer as unknown as SecsHandler<GemEquipmentHandlerEvents>, communication, options, catalogueOptions),
    };
  }
  return {
    communication,
    host: new GemHost(peer as unknown as SecsHandler<GemHostHandlerEvents>, communication, options, catalogueOptions),
  };
}
