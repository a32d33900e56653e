import type { ResolvedTraceOptions } from '../connections/trace-options.js';
import type { HsmsPacket } from '../protocol/hsms/hsms-packet.js';
import { ItemFormat, itemTypeOfCode } from '../protocol/items/item-format.js';
import type { ItemDecodeLimits } from '../protocol/items/item-decoder.js';
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

/** The caps describePacket prints within (the trace options), and the decoder limits of the peer. */
export type PacketDescriptionCaps = Pick<ResolvedTraceOptions, 'maxValues' | 'maxChars' | 'maxBodyBytes'>;

/**
 * A packet as the verbose log shows it: the label, the codes that matter, the system bytes, and
 * for data messages the body in SML. Only called when verbose logging is on (LeveledLogger.verbose),
 * because it decodes the body. The cost is bounded by `caps`, whatever the peer sent: a body over
 * maxBodyBytes is not decoded at all (its size and root item are named instead), a smaller one is
 * decoded within the peer's item limits and printed with at most maxValues values per item and
 * maxChars characters in all.
 */
export function describePacket(packet: HsmsPacket, caps: PacketDescriptionCaps, limits?: ItemDecodeLimits): string {
  const h = packet.header;
  const system = `system 0x${h.system.toString(16).padStart(8, '0')}`;
  if (h.pType !== PTYPE_SECS2) return `PType ${h.pType} SType ${h.sType} ${system}`;
  if (h.sType !== SType.DataMessage) return `${packetLabel(packet)}${controlDetail(packet)} ${system}`;
  const session = `session 0x${h.sessionId.toString(16).padStart(4, '0')}`;
  return `${packetLabel(packet)} ${session} ${system}\n${messageSml(packet, caps, limits)}`;
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

function messageSml(packet: HsmsPacket, caps: PacketDescriptionCaps, limits: ItemDecodeLimits | undefined): string {
  const bytes = packet.data.length;
  if (bytes > caps.maxBodyBytes) {
    return `${packetLabel(packet)}\n// body of ${bytes} bytes not decoded for the trace (over trace.maxBodyBytes ${caps.maxBodyBytes})${rootItem(packet.data)}\n.`;
  }
  try {
    return SecsMessage.fromPacket(packet, limits).toSml({ maxValues: caps.maxValues, maxLength: caps.maxChars });
  } catch (error) {
    return `// ${bytes} bytes of text cannot be printed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** `: <U1 [16777216 bytes]>`: the root item's type and length from its header bytes, or '' when they do not read. */
function rootItem(data: Buffer): string {
  const format = data[0];
  if (format === undefined) return '';
  const lengthBytes = format & 3;
  const type = itemTypeOfCode(format >> 2);
  if (lengthBytes === 0 || type === undefined || data.length < 1 + lengthBytes) return '';
  let length = 0;
  for (let i = 1; i <= lengthBytes; i++) length = length * 256 + data[i]!;
  return `: root <${type} [${length} ${(format >> 2) === ItemFormat.L ? 'items' : 'bytes'}] ...>`;
}
