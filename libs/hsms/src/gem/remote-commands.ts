import type { SecsItem } from '../protocol/items/secs-item.js';
import type { CommandParameter, IdReading } from '../secs/catalogue/index.js';
import { GemDuplicateIdError } from './gem-errors.js';

/** The parameters of a received S2F41 by CPNAME (numeric CPNAMEs as their decimal text). */
export type RemoteCommandParams = Readonly<Record<string, SecsItem>>;

/** A parameter in error, as S2F42 lists it (E5 CPACK: 1 unknown name, 2 illegal value, 3 illegal format). */
export interface ParameterError {
  readonly cpname: string;
  readonly cpack: number;
}

/** What a command callback answers: an HCACK alone, or with the parameters in error. */
export type RemoteCommandResult = number | { readonly hcack: number; readonly params?: readonly ParameterError[] };

/** The full request, for callbacks that need the parameter order or the RCMD as received. */
export interface RemoteCommandRequest {
  readonly rcmd: string;
  readonly params: readonly CommandParameter<IdReading>[];
  /** S2F49 (enhanced remote command): the object the command acts on, and its DATAID. Undefined for S2F41. */
  readonly objspec?: string;
  readonly dataId?: IdReading;
}

export type RemoteCommandCallback = (
  params: RemoteCommandParams,
  request: RemoteCommandRequest,
) => RemoteCommandResult | Promise<RemoteCommandResult>;

export interface RemoteCommandParameter {
  /** HCACK 3 when the host leaves it out. Default false. */
  readonly required?: boolean;
  /** CPACK 2 (illegal value) and HCACK 3 when this returns false. */
  readonly validate?: (value: SecsItem) => boolean;
}

export interface RemoteCommandOptions {
  /** The parameters the command takes, by CPNAME; any other is CPACK 1 and HCACK 3. Left out: every parameter goes to the callback. */
  readonly parameters?: Readonly<Record<string, RemoteCommandParameter>>;
  /** E30: remote commands are for ON-LINE REMOTE; HCACK 2 otherwise. Default true. */
  readonly requiresRemote?: boolean;
}

interface CommandEntry {
  readonly callback: RemoteCommandCallback;
  readonly options: RemoteCommandOptions;
}

// E5 HCACK and CPACK codes.
const HCACK_INVALID_COMMAND = 1;
const HCACK_CANNOT_PERFORM_NOW = 2;
const HCACK_PARAMETER_INVALID = 3;
const CPACK_UNKNOWN_NAME = 1;
const CPACK_ILLEGAL_VALUE = 2;

/** The answer to one S2F41. */
export interface RemoteCommandAnswer {
  readonly hcack: number;
  readonly params: readonly ParameterError[];
}

/** E30 remote control: the commands the equipment accepts (S2F41) and their checks before the callback runs. */
export class RemoteCommandTable {
  private readonly commands = new Map<string, CommandEntry>();

  add(rcmd: string, callback: RemoteCommandCallback, options: RemoteCommandOptions = {}): void {
    if (this.commands.has(rcmd)) throw new GemDuplicateIdError('RCMD', rcmd);
    this.commands.set(rcmd, { callback, options });
  }

  remove(rcmd: string): boolean {
    return this.commands.delete(rcmd);
  }

  /** Checks and runs one command; a callback's throw propagates (the SECS layer answers SxF0 and logs it). */
  async run(request: RemoteCommandRequest, remote: boolean): Promise<RemoteCommandAnswer> {
    const entry = this.commands.get(request.rcmd);
    if (entry === undefined) return { hcack: HCACK_INVALID_COMMAND, params: [] };
    if ((entry.options.requiresRemote ?? true) && !remote) return { hcack: HCACK_CANNOT_PERFORM_NOW, params: [] };
    const params: Record<string, SecsItem> = {};
    for (const p of request.params) params[String(p.cpname)] = p.cpval;
    const refused = checkParameters(params, entry.options.parameters);
    if (refused !== undefined) return refused;
    const result = await entry.callback(Object.freeze(params), request);
    return typeof result === 'number' ? { hcack: result, params: [] } : { hcack: result.hcack, params: result.params ?? [] };
  }
}

function checkParameters(params: Record<string, SecsItem>, declared: RemoteCommandOptions['parameters']): RemoteCommandAnswer | undefined {
  if (declared === undefined) return undefined;
  const errors: ParameterError[] = [];
  for (const [name, value] of Object.entries(params)) {
    const rule = declared[name];
    if (rule === undefined) errors.push({ cpname: name, cpack: CPACK_UNKNOWN_NAME });
    else if (rule.validate !== undefined && !rule.validate(value)) errors.push({ cpname: name, cpack: CPACK_ILLEGAL_VALUE });
  }
  const missing = Object.entries(declared).some(([name, rule]) => rule.required === true && !(name in params));
  return errors.length > 0 || missing ? { hcack: HCACK_PARAMETER_INVALID, params: errors } : undefined;
}
