import { parseS2F44, parseS6F24, S2F43, S6F23, type S2F44Reading, type SpoolStreamSetting } from '../../secs/catalogue/index.js';
import { ask, type HostRequestLinks } from './host-requests.js';

/** E30 spooling from the host: S6F23 transmit or purge, S2F43 which messages to spool. */
export class SpoolRequests {
  constructor(private readonly links: HostRequestLinks) {}

  /** S6F23 RSDC 0: resolves with RSDA (0 ok: the spooled messages follow as primaries; 1 busy; 2 nothing spooled). */
  requestSpooledData(): Promise<number> {
    return ask(this.links, S6F23(0, this.links.build), parseS6F24);
  }

  /** S6F23 RSDC 1: resolves with RSDA (0 purged; 2 nothing spooled). */
  purgeSpool(): Promise<number> {
    return ask(this.links, S6F23(1, this.links.build), parseS6F24);
  }

  /** S2F43: the streams and functions to spool (an empty list turns spooling off); resolves with RSPACK and the streams refused. */
  resetSpooling(streams: readonly SpoolStreamSetting[]): Promise<S2F44Reading> {
    return ask(this.links, S2F43(streams, this.links.build), parseS2F44);
  }
}
