import type { GemId } from '../gem-id.js';
import { HsmsOptionError } from '../../protocol/hsms-error.js';

/**
 * The ids of the variables, events and constants E30 requires of every GEM equipment, which the
 * equipment creates itself. E30 names them but leaves their numbers to the equipment: these
 * defaults sit in the 9000s so they stay clear of an application's own ids, and each can be moved
 * with the `standardIds` option (VIDs share one space: SVs, DVs and ECs must all differ).
 */
export const DEFAULT_STANDARD_IDS = Object.freeze({
  // status variables
  Clock: 9001,
  ControlState: 9002,
  PreviousControlState: 9003,
  EventsEnabled: 9004,
  AlarmsEnabled: 9005,
  AlarmsSet: 9006,
  SpoolCountActual: 9007,
  SpoolCountTotal: 9008,
  SpoolFullTime: 9009,
  SpoolStartTime: 9010,
  SpoolState: 9011,
  SpoolLoadSubstate: 9012,
  SpoolUnloadSubstate: 9013,
  // data values
  OperatorCommand: 9020,
  LimitVariable: 9021,
  EventLimit: 9022,
  TransitionType: 9023,
  RcmdName: 9024,
  RcmdResult: 9025,
  ECIDChanged: 9026,
  // equipment constants
  EstablishCommunicationsTimeout: 9050,
  TimeFormat: 9051,
  MaxSpoolTransmit: 9052,
  OverWriteSpool: 9053,
  EnableSpooling: 9054,
  // collection events
  EquipmentOffline: 9101,
  ControlStateLocal: 9102,
  ControlStateRemote: 9103,
  OperatorCommandIssued: 9104,
  SpoolingActivated: 9105,
  SpoolingDeactivated: 9106,
  SpoolTransmitFailure: 9107,
  LimitZoneTransition: 9108,
  RemoteCommandCompleted: 9109,
  OperatorEquipmentConstantChange: 9110,
} as const);

export type StandardIdName = keyof typeof DEFAULT_STANDARD_IDS;
export type StandardIds = Readonly<Record<StandardIdName, GemId>>;

/** The defaults with the user's overrides; throws HsmsOptionError for an unknown name or a bad id. */
export function resolveStandardIds(overrides: Readonly<Partial<Record<StandardIdName, GemId>>> | undefined): StandardIds {
  const ids: Record<string, GemId> = { ...DEFAULT_STANDARD_IDS };
  for (const [name, id] of Object.entries(overrides ?? {})) {
    if (!(name in DEFAULT_STANDARD_IDS))
      throw new HsmsOptionError(`standardIds.${name}`, `is not a standard E30 name (${Object.keys(DEFAULT_STANDARD_IDS).join(', ')})`);
    if (!(typeof id === 'string' ? id.length > 0 : Number.isSafeInteger(id) && id >= 0))
      throw new HsmsOptionError(`standardIds.${name}`, `must be a non-negative integer or text, got ${String(id)}`);
    ids[name] = id;
  }
  return ids as StandardIds;
}
