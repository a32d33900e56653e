import type { HsmsConnection } from '../connections/hsms-connection.js';
import type { HsmsConnectionDelegate } from '../connections/hsms-connection-delegate.js';
import type { HsmsHeader } from '../protocol/hsms/hsms-header.js';

/**
 * The connection's delegate with `onConnectionOversizeMessage` going to `onOversize`; every other
 * call goes on to `base` (the HSMS handler's wiring), with `base` as `this` and its result
 * returned, so an async delegate's rejection is still logged by the connection.
 */
export function withOversizeHook(
  base: HsmsConnectionDelegate<HsmsConnection> | undefined,
  onOversize: (header: HsmsHeader, length: number) => void,
): HsmsConnectionDelegate<HsmsConnection> {
  return {
    onConnectionEstablished: (c) => base?.onConnectionEstablished?.call(base, c),
    onConnectionPacketReceived: (c, packet) => base?.onConnectionPacketReceived?.call(base, c, packet),
    onConnectionOversizeMessage: (_c, header, length) => onOversize(header, length),
    onConnectionBeforeClosed: (c) => base?.onConnectionBeforeClosed?.call(base, c),
    onConnectionClosed: (c) => base?.onConnectionClosed?.call(base, c),
  };
}
