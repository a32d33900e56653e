import { HsmsOptionError } from '../protocol/hsms-error.js';
import { optionPath, readBoolean, readOneOf } from '../protocol/option-checks.js';
import type { HsmsHandlerOptions } from '../hsms/hsms-handler.js';
import { SecsCatalogue, secsCatalogue } from './catalogue/index.js';
import type { SecsRole } from './secs-callbacks.js';

export interface SecsHandlerOptions extends HsmsHandlerOptions {
  /** Which end we are (default 'host'). Only the equipment sends S9 messages (E5/E30). */
  role?: SecsRole;
  /**
   * The message catalogue for body checks and for which streams are known (default: the shared
   * `secsCatalogue`, with whatever messages the application added to it).
   */
  catalogue?: SecsCatalogue;
  /**
   * Equipment side: answer S9F7 when a primary's body does not match its catalogue entry
   * (default true). A body that does not decode at all gets S9F7 either way.
   */
  validateBodies?: boolean;
}

export interface ResolvedSecsOptions {
  readonly role: SecsRole;
  readonly catalogue: SecsCatalogue;
  readonly validateBodies: boolean;
}

/** The keys of SecsHandlerOptions beside those of HsmsHandlerOptions, for unknown-key checks. */
export const SECS_OPTION_KEYS: readonly (keyof SecsHandlerOptions)[] = ['role', 'catalogue', 'validateBodies'];

/** Fills the defaults; throws HsmsOptionError naming the first bad option (`at` prefixes its path). */
export function resolveSecsOptions(options: SecsHandlerOptions, at = ''): ResolvedSecsOptions {
  const role = readOneOf<SecsRole>(optionPath(at, 'role'), options.role, ['host', 'equipment'], 'host');
  const catalogue = options.catalogue ?? secsCatalogue;
  if (!(catalogue instanceof SecsCatalogue)) throw new HsmsOptionError(optionPath(at, 'catalogue'), 'must be a SecsCatalogue');
  const validateBodies = readBoolean(optionPath(at, 'validateBodies'), options.validateBodies, true);
  return { role, catalogue, validateBodies };
}
