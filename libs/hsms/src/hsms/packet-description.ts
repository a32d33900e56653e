import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { PTYPE_SECS2, SType } from '../protocol/hsms/s-type.js';
import { SecsMessage } from '../protocol/secs-message.js';
import { rejectReasonText } from './hsms-errors.js';

const CONTROL_NAMES: Readonly<Record<number, string>> = {
  [SType.SelectReq]: 'Select.req',
  [SType.SelectRsp]: 'Select.rsp',
  [SType.DeselectReq]: 'Deselect.req',
  [SType.DeselectRsp]: 'Deselect.rsp',
  [SType.LinktestReq]: 'Linktest.req',
  [SType.LinktestRsp]: 'Linktest.rsp',
  [SType.RejectReq]: 'Reject.req',
  [SType.SeparateReq]: 'Separate.req',
};

/** 'Select.req', 'S1F13 W', 'SType 8': the short name of a packet for labels and logs. */
export function packetLabel(packet: HsmsPacket): string {
  const h = packet.header;
  if (h.sType === SType.DataMessage) return `S${h.stream}F${h.function}${h.requireResponse ? ' W' : ''}`;
  return CONTROL_NAMES[h.sType] ?? `SType ${h.sType}`;
}

/**
 * A packet as the verbose log shows it: the label, the codes that matter, the system bytes, and
 * for data messages the body in SML. Only called when verbose logging is on (LeveledLogger.verbose),
 * because it decodes the body.
 */
export function describePacket(packet: HsmsPacket): string {
  const h = packet.header;
  const system = `system 0x${h.system.toString(16).padStart(8, '0')}`;
  if (h.pType !== PTYPE_SECS2) return `PType ${h.pType} SType ${h.sType} ${system}`;
  if (h.sType !== SType.DataMessage) return `${packetLabel(packet)}${controlDetail(packet)} ${system}`;
  const session = `session 0x${h.sessionId.toString(16).padStart(4, '0')}`;
  return `${packetLabel(packet)} ${session} ${system}\n${messageSml(packet)}`;
}

function controlDetail(packet: HsmsPacket): string {
  const h = packet.header;
  switch (h.sType) {
    case SType.SelectRsp:
    case SType.DeselectRsp:
      return ` status ${h.byte3}`;
    case SType.RejectReq:
      return ` reason ${h.byte3} (${rejectReasonText(h.byte3)}) of ${h.byte3 === 2 ? 'PType' : 'SType'} ${h.byte2}`;
    default:
      return '';
  }
}

function messageSml(packet: HsmsPacket): string {
  try {
    return SecsMessage.fromPacket(packet).toSml();
  } catch (error) {
    return `// ${packet.data.length} bytes of text cannot be printed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
