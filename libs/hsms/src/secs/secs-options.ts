import { HsmsOptionError } from '../connections/hsms-options.js';
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

/** Fills the defaults; throws HsmsOptionError naming the first bad option. */
export function resolveSecsOptions(options: SecsHandlerOptions): ResolvedSecsOptions {
  const role = options.role ?? 'host';
  if (role !== 'host' && role !== 'equipment') throw new HsmsOptionError('role', `must be 'host' or 'equipment', got '${String(role)}'`);
  const catalogue = options.catalogue ?? secsCatalogue;
  if (!(catalogue instanceof SecsCatalogue)) throw new HsmsOptionError('catalogue', 'must be a SecsCatalogue');
  const validateBodies = options.validateBodies ?? true;
  if (typeof validateBodies !== 'boolean') throw new HsmsOptionError('validateBodies', `must be true or false, got ${String(validateBodies)}`);
  return { role, catalogue, validateBodies };
}
