import { HsmsProtocolError } from '../errors.js';
import { HEADER_LENGTH } from './hsms-header.js';

/**
 * A frame's length field (header + text) is below the 10 header bytes. E37: such a frame cannot
 * exist; the connection is closed without allocating anything.
 */
export class FrameTooShortError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_FRAME_TOO_SHORT';
  constructor(readonly length: number) {
    super(`HSMS frame length ${length} is below the ${HEADER_LENGTH}-byte header`);
  }
}

/** A frame's length field exceeds the configured maximum message length; nothing was allocated. */
export class FrameTooLongError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_FRAME_TOO_LONG';
  constructor(
    readonly length: number,
    readonly maxMessageLength: number,
  ) {
    super(`HSMS frame length ${length} exceeds the maximum message length ${maxMessageLength}`);
  }
}

/** push() after the decoder has thrown: its byte position is lost, so the stream cannot continue. */
export class FrameDecoderFailedError extends HsmsProtocolError {
  static override readonly code: string = 'HSMS_FRAME_DECODER_FAILED';
  constructor(readonly firstError: Error) {
    super(`HSMS frame decoder is unusable after an earlier error: ${firstError.message}`);
  }
}
