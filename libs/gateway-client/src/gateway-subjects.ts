// The wire contract between the gateways and fab services: subjects, stream and header names.
// Both sides import it from here, so a rename cannot split them.

/** The JetStream stream every gateway publishes tool events to. */
export const GATEWAY_EVENT_STREAM = 'HSMS_EVENTS';

/** Events: `hsms.evt.<equipment>.<SxFy>`; the stream captures `hsms.evt.>`. */
export const EVENT_SUBJECT_PREFIX = 'hsms.evt';

/** Commands: `hsms.cmd.<equipment>.<SxFy>`, served (core request/reply) by the owning gateway only. */
export const COMMAND_SUBJECT_PREFIX = 'hsms.cmd';

/** Headers on events and commands. Nats-Msg-Id (the idempotency key) is set by the JetStream client. */
export const GatewayHeader = {
  /** The equipment name as configured (the subject carries its token-safe form). */
  Equipment: 'Hsms-Equipment',
  /** 'S6F11': stream and function of the SECS-II message in the payload. */
  StreamFunction: 'Hsms-Sf',
  /** '1' when the message has the W-bit set. */
  WBit: 'Hsms-W',
  /** Id of the gateway that received the event (ownership moves, so it is not in the subject). */
  Gateway: 'Hsms-Gateway',
  /** Wall-clock time (ms since the epoch, fractional) the gateway received the event. */
  ReceivedAt: 'Hsms-Received-At',
  /** Command requests: wall-clock deadline (ms since the epoch) after which the caller no longer waits. */
  Deadline: 'Gateway-Deadline',
  /** Command replies: a GatewayErrorCode when the gateway answers with an error instead of the tool's reply. */
  ErrorCode: 'Gateway-Error-Code',
  /** Command replies: the error's text. */
  ErrorMessage: 'Gateway-Error-Message',
  /** Command replies to GATEWAY_TOOL_UNAVAILABLE: why (GatewayUnavailableReason). */
  ErrorReason: 'Gateway-Error-Reason',
} as const;

/** Characters kept as they are in a subject token or KV key; everything else is escaped. */
const SAFE = /^[A-Za-z0-9_-]$/;

/**
 * The equipment name as one NATS subject token (and KV key segment): letters, digits, '_' and '-'
 * stay, every other UTF-8 byte becomes '=XX' (hex). Injective, so two names never share a
 * subject; '.', '*', '>' and whitespace (which NATS gives meaning or forbids) never appear.
 */
export function equipmentToken(equipment: string): string {
  if (equipment.length === 0) throw new RangeError('an equipment name must not be empty');
  let token = '';
  for (const ch of equipment) {
    if (SAFE.test(ch)) token += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) token += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return token;
}

/** `hsms.evt.<equipment>.<SxFy>` */
export function eventSubject(equipment: string, streamFunction: string): string {
  return `${EVENT_SUBJECT_PREFIX}.${equipmentToken(equipment)}.${streamFunction}`;
}

/** Every event subject of one equipment: `hsms.evt.<equipment>.*` */
export function equipmentEventFilter(equipment: string): string {
  return `${EVENT_SUBJECT_PREFIX}.${equipmentToken(equipment)}.*`;
}

/** `hsms.cmd.<equipment>.<SxFy>` */
export function commandSubject(equipment: string, streamFunction: string): string {
  return `${COMMAND_SUBJECT_PREFIX}.${equipmentToken(equipment)}.${streamFunction}`;
}

/** What the owning gateway subscribes to: `hsms.cmd.<equipment>.*` */
export function equipmentCommandFilter(equipment: string): string {
  return `${COMMAND_SUBJECT_PREFIX}.${equipmentToken(equipment)}.*`;
}
