/** A body that matches its message's structure. */
export interface ValidationSuccess {
  readonly ok: true;
}

/** The first place where a body departs from its message's structure. */
export interface ValidationFailure {
  readonly ok: false;
  /** 'S2F41' */
  readonly sf: string;
  /** Where the mismatch is: 'body' for the root, 'body[1][0][1]' for nested elements. */
  readonly path: string;
  /** The data item at `path` when the mismatch is in one ('CPVAL'), else undefined. */
  readonly dataItem: string | undefined;
  /** What the structure asks for there: 'CPVAL (one of A, U4, ...)', 'L[2]', 'no body'. */
  readonly expected: string;
  /** What the body holds there: 'L', 'B[2]', 'no body'. */
  readonly actual: string;
  /** 'S2F41 body[1][0][1]: CPVAL expected one of A, J, ..., got L' */
  readonly message: string;
}

export type ValidationResult = ValidationSuccess | ValidationFailure;

export const VALID: ValidationSuccess = Object.freeze({ ok: true });
