import { Inject } from '@nestjs/common';
import { HSMS_PEER_TOKEN_PREFIX } from './hsms.constants.js';

/** The injection token of a configured peer's handler. */
export function getHsmsPeerToken(name: string): string {
  return `${HSMS_PEER_TOKEN_PREFIX}${name}`;
}

/** Injects the handler of the peer configured under `name` (a GemHostHandler, SecsHandler ...). */
export function InjectHsmsPeer(name: string): PropertyDecorator & ParameterDecorator {
  return Inject(getHsmsPeerToken(name));
}
