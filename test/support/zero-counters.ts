import type { HsmsPeerCounters } from '../../libs/hsms/src/core.js';

/** A peer's counters with nothing counted yet (countingSince left to the caller). */
export function zeroCounters(): Omit<HsmsPeerCounters, 'countingSince'> {
  return {
    messagesIn: {},
    messagesOut: {},
    controlIn: {},
    controlOut: {},
    bytesIn: 0,
    bytesOut: 0,
    requestsSent: 0,
    repliesReceived: 0,
    timeouts: { t3: 0, t6: 0 },
    rejectsSent: {},
    rejectsReceived: {},
    s9Sent: {},
    s9Received: {},
    sxF0Sent: 0,
    sxF0Received: 0,
    connections: 0,
    reconnects: 0,
    selects: 0,
    disconnects: {},
  };
}
