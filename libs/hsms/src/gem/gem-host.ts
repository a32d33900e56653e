import type { ParseOptions, TimeBuildOptions } from '../secs/catalogue/index.js';
import type { SecsHandler } from '../secs/secs-handler.js';
import type { GemCommunication } from './gem-communication.js';
import { noteGemCapability } from './gem-capabilities.js';
import type { GemHostHandlerEvents } from './gem-host.events.js';
import { count } from './gem-options.js';
import { EventSubscriber } from './host/event-subscriber.js';
import { registerHostReceivers } from './host/host-receivers.js';

/** The host's own settings. */
export interface GemHostModelOptions {
  /** The first RPTID subscribeCollectionEvent defines when none is given. Default 1000. */
  firstReportId?: number;
}

/**
 * The GEM host as a capability of a SECS peer (beside its GemCommunication): the equipment's
 * reports (S6F11, S5F1, S10F1) as default routes that acknowledge them and emit typed events
 * ('collectionEvent', 'alarm', 'terminalMessage') — the events fire also when the application
 * answers those messages itself — and the subscriptions that turn report values into names.
 */
export class GemHost {
  readonly subscriber: EventSubscriber;

  /** Throws GemOptionError naming a bad option. */
  constructor(
    peer: SecsHandler<GemHostHandlerEvents>,
    communication: GemCommunication,
    options: GemHostModelOptions,
    { build, parse }: { readonly build: TimeBuildOptions; readonly parse: ParseOptions },
  ) {
    this.subscriber = new EventSubscriber(
      { request: (message, what) => communication.request(message, what), build, parse, catalogue: peer.catalogue },
      count('firstReportId', options.firstReportId, 1000),
    );
    registerHostReceivers({
      route: (stream, fn, route) => peer.router.addDefaultRoute(stream, fn, { owner: 'GEM host', ...route }),
      emit: (event, ...args) => peer.emitSafely(event, ...args),
      listens: (event) => peer.listenerCount(event) > 0,
      subscriptions: this.subscriber.table,
      build,
      parse,
      warn: (text) => peer.logger.warn(text),
    });
    noteGemCapability(peer, { host: this });
  }
}
