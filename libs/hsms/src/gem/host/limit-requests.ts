import {
  parseS2F46,
  parseS2F48,
  S2F45,
  S2F47,
  type IdValue,
  type S2F46Reading,
  type VariableLimitAttributesReading,
  type VariableLimits,
} from '../../secs/catalogue/index.js';
import { ask, type HostRequestLinks } from './host-requests.js';

/** E30 limits monitoring from the host: S2F45 define, S2F47 ask. */
export class LimitRequests {
  private nextDataId = 1;

  constructor(private readonly links: HostRequestLinks) {}

  /** S2F45: resolves with VLAACK and the variables refused (the equipment applies all or none). */
  defineLimits(variables: readonly VariableLimits[]): Promise<S2F46Reading> {
    const dataId = this.nextDataId;
    this.nextDataId = (this.nextDataId % 0xffff_ffff) + 1;
    return ask(this.links, S2F45({ dataId, variables }, this.links.build), parseS2F46);
  }

  /** S2F47: units, range and limits per VID (none: every variable with limits). */
  requestLimitAttributes(vids: readonly IdValue[] = []): Promise<VariableLimitAttributesReading[]> {
    return ask(this.links, S2F47(vids, this.links.build), parseS2F48);
  }
}
