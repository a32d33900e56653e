/** The exit codes of the `hsms` tool, one per class of failure so scripts can branch on them. */
export const ExitCode = Object.freeze({
  ok: 0,
  /** Anything not listed below (a bug, most likely). */
  unexpected: 1,
  /** Unknown command or option, bad value, SML syntax error. */
  usage: 2,
  /** Could not connect, listen, select, or establish GEM communication in time. */
  connect: 3,
  /** E37 T3: no reply in time. */
  replyTimeout: 4,
  /** E37 Reject.req for the message. */
  rejected: 5,
  /** E5 SxF0: the peer aborted the transaction. */
  aborted: 6,
  /** E5 S9Fx: the peer reported the message as an error (unknown stream, function, data ...). */
  stream9: 7,
  /** The connection closed before the reply came. */
  closed: 8,
});

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit code table as --help prints it. */
export const EXIT_CODE_HELP = `Exit codes:
  0  success
  1  unexpected error
  2  usage: unknown command or option, bad value, SML syntax error
  3  could not connect, listen, select or establish GEM communication in time
  4  no reply within T3
  5  the peer rejected the message (Reject.req)
  6  the peer aborted the transaction (SxF0)
  7  the peer reported the message with a stream 9 error (S9F1 ... S9F11)
  8  the connection closed before the reply came
`;
