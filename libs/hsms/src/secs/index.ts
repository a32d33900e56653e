// The SECS-II layer's public names (design/README.md: secs/): the handler, its callbacks and
// events, its errors, the S9 helpers, and the message catalogue.
export { SecsHandler } from './secs-handler.js';
export type { SecsHandlerOptions } from './secs-options.js';
export { UNHANDLED, type SecsCallback, type SecsFallback, type SecsReply, type SecsRole } from './secs-callbacks.js';
export type { SecsHandlerEvents } from './secs-handler.events.js';
export {
  SecsAbortError,
  SecsAbortReplyError,
  SecsRegistrationError,
  SecsReplyError,
  SecsReplyTooLongError,
  SecsStream9Error,
  type SecsAbortOptions,
} from './secs-errors.js';
export { S9Function, s9CodeName, s9Message, readS9Header, isS9HeaderFunction, type S9HeaderFunction } from './s9.js';
export * from './catalogue/index.js';
export { SecsRouter } from './secs-router.js';
export type {
  SecsDefaultRoute,
  SecsAdmission,
  SecsApplicationRoutes,
  SecsApplicationMatch,
  SecsApplicationPattern,
  SecsApplicationKind,
} from './secs-routes.js';
