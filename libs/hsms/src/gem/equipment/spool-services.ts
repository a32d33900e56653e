import { A, U1, U4 } from '../../protocol/items/secs-item.js';
import type { SecsMessage } from '../../protocol/secs-message.js';
import {
  parseS2F43,
  parseS6F23,
  S2F44,
  S6F24,
  type ParseOptions,
  type SpoolStreamError,
  type SpoolStreamSetting,
} from '../../secs/catalogue/index.js';
import type { StandardIds } from '../standard/standard-ids.js';
import { SpoolSelection } from '../spooling/spool-selection.js';
import { Spooler, type SpoolChange, type SpoolStatus } from '../spooling/spooler.js';
import type { ResolvedSpoolingOptions } from '../spooling/spooling-options.js';
import type { EquipmentContext } from './equipment-context.js';
import { clockText } from './standard-services.js';

// E5 RSPACK and STRACK codes, RSDC values.
const RSPACK_ACCEPTED = 0;
const RSPACK_REJECTED = 1;
const STRACK_NOT_ALLOWED = 1;
const STRACK_STREAM_UNKNOWN = 2;
const STRACK_FUNCTION_UNKNOWN = 3;
const STRACK_SECONDARY = 4;
const RSDC_TRANSMIT = 0;
const RSDC_PURGE = 1;

const SELECTION_DOCUMENT = 'spool-selection';

/** The spool pieces the equipment's reporter and services share. */
export interface SpoolCapability {
  readonly spooler: Spooler;
  readonly selection: SpoolSelection;
  /** Whether a message of this stream and function is spooled when it cannot be sent (EnableSpooling and S2F43). */
  wouldSpool(stream: number, fn: number): boolean;
}

/** Makes the spooler over the context's store; its constants are read from the ECs registerSpoolServices adds. */
export function createSpoolCapability(
  ctx: Pick<EquipmentContext, 'store' | 'variables' | 'clock' | 'ids'>,
  options: ResolvedSpoolingOptions,
  links: {
    send(message: SecsMessage): Promise<void>;
    changed(change: SpoolChange, status: SpoolStatus): void;
  },
): SpoolCapability {
  const ids = ctx.ids;
  const constants = ctx.variables.constants;
  const spooler = new Spooler({
    store: ctx.store,
    capacity: options.capacity,
    now: () => ctx.clock.now(),
    constants: () => ({
      enabled: constants.has(ids.EnableSpooling) ? constants.value(ids.EnableSpooling) === true : options.enabled,
      overwrite: constants.has(ids.OverWriteSpool) ? constants.value(ids.OverWriteSpool) === true : options.overwrite,
      maxTransmit: constants.has(ids.MaxSpoolTransmit) ? Number(constants.value(ids.MaxSpoolTransmit)) : options.maxTransmit,
    }),
    send: links.send,
    changed: links.changed,
  });
  const selection = new SpoolSelection(SpoolSelection.fromDocument(ctx.store.get(SELECTION_DOCUMENT)) ?? options.streams);
  return {
    spooler,
    selection,
    wouldSpool: (stream, fn) => spooler.enabled && selection.spools(stream, fn),
  };
}

/**
 * E30 spooling: the spooling constants (EnableSpooling, OverWriteSpool, MaxSpoolTransmit), status
 * variables (SpoolCountActual, SpoolCountTotal, SpoolFullTime, SpoolStartTime and the state) and
 * events (SpoolingActivated, SpoolingDeactivated, SpoolTransmitFailure); S2F43 Reset Spooling
 * Streams and Functions and S6F23 Request Spooled Data.
 */
export function registerSpoolServices(ctx: EquipmentContext): void {
  const { ids, spool, build, parse } = ctx;
  addSpoolVariables(ctx, ids);

  ctx.register(2, 43, (m) => {
    const settings = parseS2F43(m, parse);
    const catalogue = parse.catalogue;
    const errors: SpoolStreamError<number>[] = [];
    for (const s of settings) {
      const error = streamError(s, catalogue);
      if (error !== undefined) errors.push(error);
    }
    if (errors.length > 0) return S2F44({ rspack: RSPACK_REJECTED, errors }, build);
    spool.selection.set(settings);
    ctx.store.put(SELECTION_DOCUMENT, spool.selection.toDocument());
    return S2F44({ rspack: RSPACK_ACCEPTED }, build);
  });

  ctx.register(6, 23, (m) => {
    const rsdc = parseS6F23(m, parse);
    if (rsdc === RSDC_PURGE) return S6F24(spool.spooler.purge(), build);
    if (rsdc !== RSDC_TRANSMIT) return S6F24(RSDA_NOT_A_CODE, build);
    const { rsda, start } = spool.spooler.requestTransmit();
    // the spooled messages follow S6F24, which leaves when this callback returns
    if (start !== undefined) setImmediate(() => void start());
    return S6F24(rsda, build);
  });
}

/** Why S2F43 may not spool this stream's functions (E5 STRACK, with the functions at fault), or undefined. */
function streamError(s: SpoolStreamSetting, catalogue: ParseOptions['catalogue']): SpoolStreamError<number> | undefined {
  if (s.stream === 1) return { stream: s.stream, strack: STRACK_NOT_ALLOWED, functions: [] }; // E30: stream 1 is never spooled
  if (catalogue !== undefined && !catalogue.hasStream(s.stream)) return { stream: s.stream, strack: STRACK_STREAM_UNKNOWN, functions: [] };
  const secondaries = s.functions.filter((f) => f % 2 === 0);
  if (secondaries.length > 0) return { stream: s.stream, strack: STRACK_SECONDARY, functions: secondaries };
  const unknown = catalogue === undefined ? [] : s.functions.filter((f) => !catalogue.has(s.stream, f));
  if (unknown.length > 0) return { stream: s.stream, strack: STRACK_FUNCTION_UNKNOWN, functions: unknown };
  return undefined;
}

/** E5 defines RSDC 0 and 1 only; anything else is refused as "spooled data does not exist" for that request. */
const RSDA_NOT_A_CODE = 2;

function addSpoolVariables(ctx: EquipmentContext, ids: StandardIds): void {
  const { variables, events, spool, options } = ctx;
  const status = (): SpoolStatus => spool.spooler.status;
  const time = (date: Date | undefined): string => (date === undefined ? '' : clockText(ctx, date));
  variables.addEquipmentConstant({
    ecid: ids.EnableSpooling,
    name: 'EnableSpooling',
    default: options.spooling.enabled,
    format: 'BOOLEAN',
  });
  variables.addEquipmentConstant({
    ecid: ids.OverWriteSpool,
    name: 'OverWriteSpool',
    default: options.spooling.overwrite,
    format: 'BOOLEAN',
  });
  variables.addEquipmentConstant({
    ecid: ids.MaxSpoolTransmit,
    name: 'MaxSpoolTransmit',
    default: options.spooling.maxTransmit,
    min: 0,
    max: 0xffff_ffff,
    format: 'U4',
  });
  variables.addStatusVariable({ svid: ids.SpoolCountActual, name: 'SpoolCountActual', value: () => U4(status().countActual) });
  variables.addStatusVariable({ svid: ids.SpoolCountTotal, name: 'SpoolCountTotal', value: () => U4(status().countTotal) });
  variables.addStatusVariable({ svid: ids.SpoolFullTime, name: 'SpoolFullTime', value: () => A(time(status().fullTime)) });
  variables.addStatusVariable({ svid: ids.SpoolStartTime, name: 'SpoolStartTime', value: () => A(time(status().startTime)) });
  // E30 leaves the encoding of the substates to the equipment: 0/1 INACTIVE/ACTIVE, 0/1 NOT FULL/FULL, 0/1/2 NO OUTPUT/TRANSMIT/PURGE
  variables.addStatusVariable({ svid: ids.SpoolState, name: 'SpoolState', value: () => U1(status().active ? 1 : 0) });
  variables.addStatusVariable({
    svid: ids.SpoolLoadSubstate,
    name: 'SpoolLoadSubstate',
    value: () => U1(status().load === 'SPOOL_FULL' ? 1 : 0),
  });
  variables.addStatusVariable({
    svid: ids.SpoolUnloadSubstate,
    name: 'SpoolUnloadSubstate',
    value: () => U1(['NO_SPOOL_OUTPUT', 'TRANSMIT_SPOOL', 'PURGE_SPOOL'].indexOf(status().unload)),
  });
  events.add({ ceid: ids.SpoolingActivated, name: 'SpoolingActivated' });
  events.add({ ceid: ids.SpoolingDeactivated, name: 'SpoolingDeactivated' });
  events.add({ ceid: ids.SpoolTransmitFailure, name: 'SpoolTransmitFailure' });
}
