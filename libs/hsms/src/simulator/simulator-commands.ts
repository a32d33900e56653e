import type { GemEquipmentHandler } from '../gem/gem-equipment-handler.js';
import type { RemoteCommandParams } from '../gem/remote-commands.js';
import type { SecsItem } from '../protocol/items/secs-item.js';
import type { ChamberModel } from './chamber-model.js';

/** E5 HCACK codes the simulator answers with (parameter errors, HCACK 3, come from the library's checks). */
const HCACK_OK = 0;
const HCACK_CANNOT_PERFORM_NOW = 2;

/** What the simulator does after a command was accepted (its S2F42 is sent first). */
export interface CommandReactions {
  started(lot: string, recipe: string): void;
  stopped(): void;
  paused(): void;
}

/** Text of an A (or J) parameter; anything else is not a lot id. */
function text(item: SecsItem | undefined): string | undefined {
  return item !== undefined && (item.type === 'A' || item.type === 'J') ? item.value : undefined;
}

const isLotId = (item: SecsItem): boolean => (text(item) ?? '').trim() !== '';
const isText = (item: SecsItem): boolean => text(item) !== undefined;

/**
 * E30 remote control of the simulated chamber (S2F41, ON-LINE REMOTE only):
 * - START LOT=<A> [RECIPE=<A>]: IDLE or PAUSED -> PROCESSING. No LOT, an empty or non-text LOT, or
 *   an unknown parameter: HCACK 3 (with CPACK). While PROCESSING: HCACK 2.
 * - STOP: PROCESSING or PAUSED -> IDLE; HCACK 2 when IDLE.
 * - PAUSE: PROCESSING -> PAUSED; HCACK 2 otherwise.
 */
export function registerSimulatorCommands(handler: GemEquipmentHandler, chamber: ChamberModel, react: CommandReactions): void {
  handler.addRemoteCommand(
    'START',
    (params: RemoteCommandParams) => {
      const lot = text(params['LOT'])!; // required and validated below
      const recipe = text(params['RECIPE']) ?? '';
      if (!chamber.start(lot, recipe)) return HCACK_CANNOT_PERFORM_NOW;
      react.started(lot, recipe);
      return HCACK_OK;
    },
    { parameters: { LOT: { required: true, validate: isLotId }, RECIPE: { validate: isText } } },
  );
  handler.addRemoteCommand(
    'STOP',
    () => {
      if (!chamber.stop()) return HCACK_CANNOT_PERFORM_NOW;
      react.stopped();
      return HCACK_OK;
    },
    { parameters: {} },
  );
  handler.addRemoteCommand(
    'PAUSE',
    () => {
      if (!chamber.pause()) return HCACK_CANNOT_PERFORM_NOW;
      react.paused();
      return HCACK_OK;
    },
    { parameters: {} },
  );
}
