import type { HsmsPeerDefinition } from '../hsms/peer-definition.js';
import type { SecsCatalogue } from './catalogue/index.js';
import type { SecsRole } from './secs-callbacks.js';

declare module '../hsms/peer-definition.js' {
  /** The SECS layer's part of a peer definition (see SecsHandlerOptions). */
  interface HsmsPeerHandlerOptions {
    /** Which end we are toward this peer; only the equipment sends S9. Default 'host'. */
    role?: SecsRole;
    /** The message catalogue for body checks. Default: the shared `secsCatalogue`. */
    catalogue?: SecsCatalogue;
    /** Equipment side: answer S9F7 for a body that does not match its catalogue entry. Default true. */
    validateBodies?: boolean;
  }
}

/** The SecsHandler options a definition carries. */
export function secsOptionsOf(definition: HsmsPeerDefinition): {
  name: string;
  role?: SecsRole;
  catalogue?: SecsCatalogue;
  validateBodies?: boolean;
} {
  const { name, role, catalogue, validateBodies } = definition;
  return {
    name,
    ...(role !== undefined && { role }),
    ...(catalogue !== undefined && { catalogue }),
    ...(validateBodies !== undefined && { validateBodies }),
  };
}
