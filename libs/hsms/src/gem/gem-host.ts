import type { ParseOptions, TimeBuildOptions } from '../secs/catalogue/index.js';
import type { SecsHandler } from '../secs/secs-handler.js';
import type { GemCommunication } from './gem-communication.js';
import { noteGemCapability } from './gem-capabilities.js';
import type { GemHostHandlerEvents } from './gem-host.events.js';
import { count } from './gem-options.js';
import { registerEquipmentInitiatedReceivers, type HostProcessProgramProvider } from './host/equipment-initiated-receivers.js';
import { EventSubscriber } from './host/event-subscriber.js';
import { registerHostReceivers, type HostReceiverContext } from './host/host-receivers.js';
import type { HostRequestLinks } from './host/host-requests.js';
import { LimitRequests } from './host/limit-requests.js';
import { MoreHostRequests } from './host/more-requests.js';
import { SpoolRequests } from './host/spool-requests.js';
import { TraceRequests } from './host/trace-requests.js';

/** The host's own settings. */
export interface GemHostModelOptions {
  /** The first RPTID subscribeCollectionEvent defines when none is given. Default 1000. */
  firstReportId?: number;
  /** E5 multi-block: an S2F49 body larger than this many bytes is announced with S2F39 first. Default: never. */
  multiBlockInquireBytes?: number;
}

/**
 * The GEM host as a capability of a SECS peer (beside its GemCommunication): the equipment's
 * reports (S6F11, S5F1, S10F1, S6F1 trace data) as default routes that acknowledge them and emit
 * typed events ('collectionEvent', 'alarm', 'terminalMessage', 'traceData') — the events fire also
 * when the application answers those messages itself — the subscriptions that turn report values
 * into names, what an equipment starts (S6F5 multi-block inquire, process programs with S7F1,
 * S7F3 and S7F5), and the typed requests of E30's additional capabilities (spooling, trace, limits,
 * name lists, individual reports, enhanced remote command, multi-block terminal).
 */
export class GemHost {
  readonly subscriber: EventSubscriber;
  /** S6F23 and S2F43. */
  readonly spooling: SpoolRequests;
  /** S2F23, and S6F1 as 'traceData'. */
  readonly traces: TraceRequests;
  /** S2F45 and S2F47. */
  readonly limits: LimitRequests;
  /** S1F21/S1F23, S6F19/S6F21, S2F39/S2F49, S10F5/S10F9. */
  readonly more: MoreHostRequests;
  /** Answers the equipment's S7F5; without one, S7F6 is empty. */
  programProvider: HostProcessProgramProvider | undefined;

  /** Throws HsmsOptionError naming a bad option. */
  constructor(
    peer: SecsHandler<GemHostHandlerEvents>,
    communication: GemCommunication,
    options: GemHostModelOptions,
    { build, parse }: { readonly build: TimeBuildOptions; readonly parse: ParseOptions },
  ) {
    const links: HostRequestLinks = { request: (message, what) => communication.request(message, what), build, parse };
    this.subscriber = new EventSubscriber({ ...links, catalogue: peer.catalogue }, count('firstReportId', options.firstReportId, 1000));
    this.spooling = new SpoolRequests(links);
    this.traces = new TraceRequests(links);
    this.limits = new LimitRequests(links);
    this.more = new MoreHostRequests(
      links,
      options.multiBlockInquireBytes === undefined ? undefined : count('multiBlockInquireBytes', options.multiBlockInquireBytes, 1),
    );
    const receivers: HostReceiverContext = {
      route: (stream, fn, route) => peer.router.addDefaultRoute(stream, fn, { owner: 'GEM host', ...route }),
      emit: (event, ...args) => peer.emitSafely(event, ...args),
      listens: (event) => peer.listenerCount(event) > 0,
      subscriptions: this.subscriber.table,
      build,
      parse,
      warn: (text) => peer.logger.warn(text),
    };
    registerHostReceivers(receivers);
    this.traces.registerReceiver(receivers);
    registerEquipmentInitiatedReceivers(receivers, () => this.programProvider);
    noteGemCapability(peer, { host: this });
  }
}
