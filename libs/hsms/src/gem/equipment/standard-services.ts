import { A, L, listOf, U1, U4, U8, type SecsItem } from '../../protocol/items/secs-item.js';
import { formatSecsTime } from '../../secs/catalogue/index.js';
import { ControlState } from '../control-state.js';
import type { GemId } from '../gem-id.js';
import type { EquipmentContext } from './equipment-context.js';

/** E30 ControlState SV values: 1 EQUIPMENT OFF-LINE, 2 ATTEMPT ON-LINE, 3 HOST OFF-LINE, 4 ON-LINE LOCAL, 5 ON-LINE REMOTE. */
const CONTROL_STATE_CODES: Readonly<Record<ControlState, number>> = {
  [ControlState.EquipmentOffline]: 1,
  [ControlState.AttemptOnline]: 2,
  [ControlState.HostOffline]: 3,
  [ControlState.OnlineLocal]: 4,
  [ControlState.OnlineRemote]: 5,
};

/** E30 TimeFormat EC: 0 = 12-character TIME (YYMMDDhhmmss), 1 = 16-character (YYYYMMDDhhmmsscc). */
const TIME_FORMAT_12 = 0;
const TIME_FORMAT_16 = 1;

/**
 * E30's required standard variables, events and constants beyond spooling: SVs Clock, ControlState,
 * PreviousControlState, EventsEnabled, AlarmsEnabled, AlarmsSet; ECs EstablishCommunicationsTimeout
 * and TimeFormat; the control state events (EquipmentOffline, ControlStateLocal, ControlStateRemote),
 * OperatorCommandIssued (DV OperatorCommand) and OperatorEquipmentConstantChange (DV ECIDChanged).
 * TimeFormat sets the length of the Clock SV and of the spool times; S2F18 keeps the handler's
 * timeFormat option.
 */
export function registerStandardServices(ctx: EquipmentContext): void {
  const { variables, events, ids, control, alarms, reports, options } = ctx;
  let previous: ControlState = control.state;

  variables.addEquipmentConstant({
    ecid: ids.EstablishCommunicationsTimeout,
    name: 'EstablishCommunicationsTimeout',
    unit: 's',
    // F8 keeps fractions (tests run on milliseconds); hosts may send any numeric format
    default: options.establishCommunicationsTimeout,
    min: 0.001,
    max: 86_400,
    format: 'F8',
  });
  variables.addEquipmentConstant({
    ecid: ids.TimeFormat,
    name: 'TimeFormat',
    default: options.timeFormat === 12 ? TIME_FORMAT_12 : TIME_FORMAT_16,
    min: 0,
    max: 1,
    format: 'U1',
  });
  variables.addStatusVariable({ svid: ids.Clock, name: 'Clock', value: () => A(clockText(ctx, ctx.clock.now())) });
  variables.addStatusVariable({ svid: ids.ControlState, name: 'ControlState', value: () => U1(CONTROL_STATE_CODES[control.state]) });
  variables.addStatusVariable({
    svid: ids.PreviousControlState,
    name: 'PreviousControlState',
    value: () => U1(CONTROL_STATE_CODES[previous]),
  });
  variables.addStatusVariable({
    svid: ids.EventsEnabled,
    name: 'EventsEnabled',
    value: () => idList(events.ids.filter((ceid) => reports.isEnabled(ceid))),
  });
  variables.addStatusVariable({
    svid: ids.AlarmsEnabled,
    name: 'AlarmsEnabled',
    value: () => idList(alarms.all.filter((a) => a.enabled).map((a) => a.definition.alid)),
  });
  variables.addStatusVariable({
    svid: ids.AlarmsSet,
    name: 'AlarmsSet',
    value: () => idList(alarms.all.filter((a) => a.set).map((a) => a.definition.alid)),
  });
  variables.addDataValue({ dvid: ids.OperatorCommand, name: 'OperatorCommand' });
  variables.addDataValue({ dvid: ids.ECIDChanged, name: 'ECIDChanged' });
  variables.addDataValue({ dvid: ids.RcmdName, name: 'RcmdName' });
  variables.addDataValue({ dvid: ids.RcmdResult, name: 'RcmdResult' });
  events.add({ ceid: ids.EquipmentOffline, name: 'EquipmentOffline' });
  events.add({ ceid: ids.ControlStateLocal, name: 'ControlStateLocal' });
  events.add({ ceid: ids.ControlStateRemote, name: 'ControlStateRemote' });
  events.add({ ceid: ids.OperatorCommandIssued, name: 'OperatorCommandIssued', dataValues: [ids.OperatorCommand] });
  events.add({ ceid: ids.OperatorEquipmentConstantChange, name: 'OperatorEquipmentConstantChange', dataValues: [ids.ECIDChanged] });
  events.add({ ceid: ids.RemoteCommandCompleted, name: 'RemoteCommandCompleted', dataValues: [ids.RcmdName, ids.RcmdResult] });

  ctx.on('controlState', (state, from) => {
    previous = from;
    const ceid = {
      [ControlState.EquipmentOffline]: ids.EquipmentOffline,
      [ControlState.OnlineLocal]: ids.ControlStateLocal,
      [ControlState.OnlineRemote]: ids.ControlStateRemote,
    }[state as ControlState.EquipmentOffline | ControlState.OnlineLocal | ControlState.OnlineRemote];
    if (ceid !== undefined) ctx.trigger(ceid);
  });
  ctx.on('equipmentConstantChanged', (change) => {
    if (!change.byHost) ctx.trigger(ids.OperatorEquipmentConstantChange, new Map([[ids.ECIDChanged, idItem(change.ecid)]]));
  });
}

/** E30 EstablishCommunicationsTimeout now, in ms (the EC, or the option before the EC exists). */
export function establishCommunicationsMs(ctx: EquipmentContext): number {
  const constants = ctx.variables.constants;
  const seconds = constants.has(ctx.ids.EstablishCommunicationsTimeout)
    ? Number(constants.value(ctx.ids.EstablishCommunicationsTimeout))
    : ctx.options.establishCommunicationsTimeout;
  return seconds * 1000;
}

/** TIME text in the length the TimeFormat EC says. */
export function clockText(ctx: EquipmentContext, date: Date): string {
  const constants = ctx.variables.constants;
  const code = constants.has(ctx.ids.TimeFormat) ? Number(constants.value(ctx.ids.TimeFormat)) : undefined;
  const length = code === TIME_FORMAT_12 ? 12 : code === TIME_FORMAT_16 ? 16 : ctx.options.timeFormat;
  return formatSecsTime(date, length, { utc: ctx.build.utc === true });
}

/** An id as the item reports carry it: A for text, U4 (U8 beyond) for numbers. */
export function idItem(id: GemId | bigint): SecsItem {
  if (typeof id === 'string') return A(id);
  if (typeof id === 'bigint') return U8(id);
  return id >= 0 && id <= 0xffff_ffff ? U4(id) : U8(BigInt(id));
}

function idList(ids: ReadonlyArray<GemId | bigint>): SecsItem {
  return ids.length === 0 ? L() : listOf(ids.map(idItem));
}
