/**
 * Typed names of the codes in data/data-items.yaml, for code that compares or sends them:
 * `reply.hcack === HCACK.ok`, `S2F42({ hcack: HCACK.invalidCommand })` or `S2F42({ hcack: 'invalidCommand' })`.
 * The data file stays the source of truth; a spec checks these objects against it.
 * Reverse look-up (code -> name): secsCatalogue.constantName('HCACK', 0) === 'ok'.
 */

export const COMMACK = Object.freeze({ accepted: 0, denied: 1 } as const);
export const OFLACK = Object.freeze({ accepted: 0 } as const);
export const ONLACK = Object.freeze({ accepted: 0, notAllowed: 1, alreadyOnline: 2 } as const);
export const EAC = Object.freeze({ accepted: 0, constantUnknown: 1, busy: 2, outOfRange: 3 } as const);
export const TIACK = Object.freeze({ ok: 0, notDone: 1 } as const);
export const DRACK = Object.freeze({ accepted: 0, insufficientSpace: 1, invalidFormat: 2, rptidAlreadyDefined: 3, vidUnknown: 4 } as const);
export const LRACK = Object.freeze({
  accepted: 0,
  insufficientSpace: 1,
  invalidFormat: 2,
  ceidAlreadyLinked: 3,
  ceidUnknown: 4,
  rptidUnknown: 5,
} as const);
export const ERACK = Object.freeze({ accepted: 0, ceidUnknown: 1 } as const);
export const HCACK = Object.freeze({
  ok: 0,
  invalidCommand: 1,
  cannotPerformNow: 2,
  parameterInvalid: 3,
  acceptedWillFinishLater: 4,
  alreadyInCondition: 5,
  noSuchObject: 6,
} as const);
export const CPACK = Object.freeze({ unknownName: 1, illegalValue: 2, illegalFormat: 3 } as const);
export const ACKC5 = Object.freeze({ accepted: 0 } as const);
export const ACKC6 = Object.freeze({ accepted: 0 } as const);
export const ACKC7 = Object.freeze({
  accepted: 0,
  permissionNotGranted: 1,
  lengthError: 2,
  matrixOverflow: 3,
  ppidNotFound: 4,
  modeUnsupported: 5,
  performedLater: 6,
} as const);
export const ACKC10 = Object.freeze({ accepted: 0, notDisplayed: 1, terminalNotAvailable: 2 } as const);
export const PPGNT = Object.freeze({ ok: 0, alreadyHave: 1, noSpace: 2, invalidPpid: 3, busy: 4, willNotAccept: 5 } as const);
export const ALED = Object.freeze({ disable: 0, enable: 0x80 } as const);

export const TIAACK = Object.freeze({
  ok: 0,
  tooManySvids: 1,
  noMoreTraces: 2,
  invalidPeriod: 3,
  unknownSvid: 4,
  invalidRepgsz: 5,
} as const);
export const RSDA = Object.freeze({ ok: 0, busy: 1, noSpooledData: 2 } as const);
export const RSDC = Object.freeze({ transmit: 0, purge: 1 } as const);
export const RSPACK = Object.freeze({ accepted: 0, rejected: 1 } as const);
export const STRACK = Object.freeze({ notAllowed: 1, streamUnknown: 2, functionUnknown: 3, secondaryFunction: 4 } as const);
export const GRANT = Object.freeze({ granted: 0, busy: 1, noSpace: 2, duplicateDataid: 3 } as const);
export const GRANT6 = Object.freeze({ granted: 0, busy: 1, notInterested: 2 } as const);
export const VLAACK = Object.freeze({ accepted: 0, definitionError: 1, cannotPerformNow: 2 } as const);
export const LVACK = Object.freeze({ variableUnknown: 1, noLimitsCapability: 2, variableRepeated: 3, limitError: 4 } as const);
export const LIMITACK = Object.freeze({
  limitidUnknown: 1,
  limitidRepeated: 2,
  upperAboveMax: 3,
  lowerBelowMin: 4,
  upperBelowLower: 5,
  illegalFormat: 6,
} as const);
export const CEPACK = Object.freeze({ noError: 0, unknownName: 1, illegalValue: 2, illegalFormat: 3, nameNotValid: 4 } as const);

/** Every typed code table above, by data item name. */
export const CODE_TABLES = Object.freeze({
  COMMACK,
  OFLACK,
  ONLACK,
  EAC,
  TIACK,
  DRACK,
  LRACK,
  ERACK,
  HCACK,
  CPACK,
  ACKC5,
  ACKC6,
  ACKC7,
  ACKC10,
  PPGNT,
  ALED,
  TIAACK,
  RSDA,
  RSDC,
  RSPACK,
  STRACK,
  GRANT,
  GRANT6,
  VLAACK,
  LVACK,
  LIMITACK,
  CEPACK,
});

/** A code as builders take it: the number, or its name in the table (`'ok'` for HCACK 0). */
export type CodeInput<Table extends Readonly<Record<string, number>>> = number | (keyof Table & string);
