import type { SecsItem } from '../../protocol/items/secs-item.js';
import { encodeItem } from '../../protocol/items/item-encoder.js';
import {
  parseS1F22,
  parseS1F24,
  parseS2F40,
  parseS2F50,
  parseS6F20,
  parseS6F22,
  parseS10F10,
  parseS10F6,
  S1F21,
  S1F23,
  S2F39,
  S2F49,
  S6F19,
  S6F21,
  S10F5,
  S10F9,
  type AnnotatedValue,
  type CollectionEventName,
  type DataVariableName,
  type EnhancedCommandParameter,
  type IdReading,
  type IdValue,
  type S2F50Reading,
} from '../../secs/catalogue/index.js';
import { GemRequestDeniedError } from '../gem-errors.js';
import { ask, type HostRequestLinks } from './host-requests.js';

/** What sendEnhancedRemoteCommand sends. */
export interface EnhancedRemoteCommand {
  readonly rcmd: string;
  /** OBJSPEC: the object the command acts on; '' (the equipment) by default. */
  readonly objspec?: string;
  readonly params?: readonly EnhancedCommandParameter[];
  /** DATAID; a counter by default. */
  readonly dataId?: number;
}

/**
 * The host's calls for E30 name lists (S1F21, S1F23), individual reports (S6F19, S6F21), the
 * enhanced remote command (S2F49, announced with S2F39 when larger than `multiBlockBytes`) and
 * multi-block terminal display and broadcast (S10F5, S10F9).
 */
export class MoreHostRequests {
  private nextDataId = 1;

  constructor(
    private readonly links: HostRequestLinks,
    /** Bodies larger than this are announced with S2F39 first (E5 multi-block); undefined: never. */
    private readonly multiBlockBytes: number | undefined,
  ) {}

  /** S1F21 and S1F23: names of data variables and of collection events (with their DVIDs); none asks for all. */
  async requestNameLists(
    vids: readonly IdValue[] = [],
    ceids: readonly IdValue[] = [],
  ): Promise<{ dataVariables: DataVariableName<IdReading>[]; collectionEvents: CollectionEventName<IdReading>[] }> {
    const dataVariables = await ask(this.links, S1F21(vids, this.links.build), parseS1F22);
    const collectionEvents = await ask(this.links, S1F23(ceids, this.links.build), parseS1F24);
    return { dataVariables, collectionEvents };
  }

  /** S6F19: the values of one report (empty when the RPTID is not defined). */
  requestIndividualReport(rptid: IdValue): Promise<SecsItem[]> {
    return ask(this.links, S6F19(rptid, this.links.build), parseS6F20);
  }

  /** S6F21: the values of one report with their VIDs. */
  requestAnnotatedReport(rptid: IdValue): Promise<AnnotatedValue<IdReading>[]> {
    return ask(this.links, S6F21(rptid, this.links.build), parseS6F22);
  }

  /** S2F39: resolves with GRANT (0 granted, 1 busy, 2 no space, 3 duplicate DATAID). */
  inquireMultiBlock(dataId: IdValue, dataLength: number): Promise<number> {
    return ask(this.links, S2F39({ dataId, dataLength }, this.links.build), parseS2F40);
  }

  /** S2F49, after an S2F39 grant when the body is large; fails with GemRequestDeniedError (GRANT) when not granted. */
  async sendEnhancedRemoteCommand(command: EnhancedRemoteCommand): Promise<S2F50Reading> {
    const dataId = command.dataId ?? this.dataId();
    const message = S2F49({ dataId, objspec: command.objspec ?? '', rcmd: command.rcmd, params: command.params ?? [] }, this.links.build);
    const length = message.body === undefined ? 0 : encodeItem(message.body).length;
    if (this.multiBlockBytes !== undefined && length > this.multiBlockBytes) {
      const grant = await this.inquireMultiBlock(dataId, length);
      if (grant !== 0) throw new GemRequestDeniedError('S2F39', 'GRANT', grant, this.links.parse.catalogue?.constantName('GRANT', grant));
    }
    return ask(this.links, message, parseS2F50);
  }

  /** S10F5: several lines for one terminal; resolves with ACKC10. */
  sendTerminalDisplayMultiBlock(tid: number, lines: readonly string[]): Promise<number> {
    return ask(this.links, S10F5({ tid, lines }, this.links.build), parseS10F6);
  }

  /** S10F9: a line for every terminal; resolves with ACKC10. */
  sendBroadcast(text: string): Promise<number> {
    return ask(this.links, S10F9(text, this.links.build), parseS10F10);
  }

  private dataId(): number {
    const id = this.nextDataId;
    this.nextDataId = (this.nextDataId % 0xffff_ffff) + 1;
    return id;
  }
}
