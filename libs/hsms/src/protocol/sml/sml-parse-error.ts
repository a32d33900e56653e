import { HsmsProtocolError } from '../errors.js';

/**
 * SML text that cannot be read as a SECS-II item or message. `line` and `column` are 1-based and
 * point at the first character of the offending token; columns count UTF-16 code units, and
 * `\r\n`, `\n` and `\r` each end a line.
 */
export class SmlParseError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_SML_PARSE';
  constructor(
    /** What was wrong, and what was expected instead, without the position. */
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
  }

  /** The error for `reason` at character `offset` of `source`. */
  static at(source: string, offset: number, reason: string): SmlParseError {
    const { line, column } = positionAt(source, offset);
    return new SmlParseError(reason, line, column);
  }
}

/** 1-based line and column of `offset`. Computed only when an error is raised, so parsing keeps no line table. */
export function positionAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && source.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
