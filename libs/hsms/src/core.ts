// nest-hsms/core: the library without NestJS. Every public name of the protocol, connections,
// hsms, secs, gem and simulator layers, listed one by one: this list is the reviewed surface
// (design/style.md), checked by test/package/public-surface.spec.ts. It must never import
// @nestjs/* or the CLI (test/package/core-entry.spec.ts checks that in a child process).

// protocol: HSMS frames and headers, SECS-II items, their codec, SML, and the error root
export { HsmsProtocolError, SecsItemValueError, SecsLoneSurrogateError } from './protocol/errors.js';
export { HsmsOptionError, HsmsError } from './protocol/hsms-error.js';
export {
  DEFAULT_MAX_MESSAGE_LENGTH,
  FrameDecoder,
  type FrameDecoderOptions,
  type OversizeFrameHandler,
} from './protocol/hsms/frame-decoder.js';
export { FrameTooShortError, FrameTooLongError, FrameDecoderFailedError } from './protocol/hsms/frame-errors.js';
export { HEADER_LENGTH, HsmsHeaderLengthError, HsmsHeader } from './protocol/hsms/hsms-header.js';
export { HsmsFrameLengthMismatchError, HsmsPacket } from './protocol/hsms/hsms-packet.js';
export { SType, PTYPE_SECS2, CONTROL_SESSION_ID, SelectStatus, DeselectStatus, RejectReason } from './protocol/hsms/s-type.js';
export {
  SecsDecodeError,
  SecsEmptyInputError,
  SecsTruncatedItemError,
  SecsElementSizeError,
  SecsLocalizedTooShortError,
  SecsTrailingBytesError,
  SecsUnknownFormatError,
  SecsZeroLengthBytesError,
  SecsMaxDepthExceededError,
  SecsMaxItemsExceededError,
  SecsMaxBytesExceededError,
} from './protocol/items/item-decode-errors.js';
export { decodeItem, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS, type ItemDecodeLimits } from './protocol/items/item-decoder.js';
export { encodedItemSize, encodeItem, SecsEncodeSpaceError } from './protocol/items/item-encoder.js';
export {
  ItemFormat,
  C2Encoding,
  type SecsItemType,
  type IntegerItemType,
  type BigIntItemType,
  type FloatItemType,
  type NumericItemType,
  type C2EncodingCode,
} from './protocol/items/item-format.js';
export {
  isSecsItem,
  L,
  B,
  BOOLEAN,
  A,
  J,
  C2,
  itemsEqual,
  SecsList,
  SecsBinary,
  SecsBoolean,
  SecsText,
  SecsLocalized,
  SecsInteger,
  SecsBigInt,
  SecsFloat,
  I1,
  I2,
  I4,
  U1,
  U2,
  U4,
  I8,
  U8,
  F4,
  F8,
  listOf,
  valueAt,
  type SecsItem,
} from './protocol/items/secs-item.js';
export { SecsMessageError, SecsMessage } from './protocol/secs-message.js';
export { DEFAULT_SML_MAX_DEPTH, DEFAULT_SML_MAX_ITEMS, type SmlParseOptions } from './protocol/sml/sml-item-parser.js';
export { printItemSml } from './protocol/sml/sml-item-printer.js';
export { parseSml, parseSmlItem } from './protocol/sml/sml-message-parser.js';
export { printMessageSml } from './protocol/sml/sml-message-printer.js';
export { SmlParseError } from './protocol/sml/sml-parse-error.js';
export { type SmlPrintOptions } from './protocol/sml/sml-print-options.js';

// connections: sockets, framing, T5 and T8
export { DEFAULT_CONNECT_RATE_LIMIT, type HsmsConnectRateLimit } from './connections/connect-rate-limiter.js';
export {
  HsmsConnectionError,
  HsmsSendQueueFullError,
  HsmsDuplicateConnectionError,
  HsmsNotListeningError,
} from './connections/connection-errors.js';
export { HsmsActiveConnection, type HsmsActiveOptions } from './connections/hsms-active-connection.js';
export { type HsmsCloseCause, type HsmsConnectionDelegate } from './connections/hsms-connection-delegate.js';
export { HsmsConnection } from './connections/hsms-connection.js';
export { SILENT_LOGGER, type HsmsLogger, type HsmsLogLevel } from './connections/hsms-logger.js';
export { HsmsMultiPassiveConnection } from './connections/hsms-multi-passive-connection.js';
export { HsmsMultiPassiveServer, type HsmsMultiPassiveServerOptions } from './connections/hsms-multi-passive-server.js';
export { DEFAULT_MAX_QUEUED_BYTES, DEFAULT_TIMERS, type HsmsTimerOptions, type HsmsCommonOptions } from './connections/hsms-options.js';
export { HsmsPassiveConnection, type HsmsPassiveOptions } from './connections/hsms-passive-connection.js';
export { type HsmsListenerSecurityOptions } from './connections/listener-security.js';
export { DEFAULT_NOT_SELECTED_BACKOFF, type HsmsNotSelectedBackoff } from './connections/not-selected-backoff.js';
export { type HsmsQueueFullPolicy, type HsmsSendQueueOptions } from './connections/send-queue-options.js';
export { type HsmsTlsOptions, type HsmsPem } from './connections/tls-options.js';
export { DEFAULT_TRACE_OPTIONS, type HsmsTraceOptions } from './connections/trace-options.js';

// hsms: the E37 session (handler) and the connection manager
export { HsmsConnectionManager, type HsmsManagerOptions, type HsmsPeerOptions, type HsmsPeerInfo } from './hsms/hsms-connection-manager.js';
export {
  HsmsNotConnectedError,
  HsmsNotSelectedError,
  HsmsConnectionClosedError,
  HsmsTimeoutError,
  HsmsReplyTimeoutError,
  HsmsControlTimeoutError,
  HsmsRejectedError,
  HsmsSelectRefusedError,
  HsmsDeselectRefusedError,
  HsmsDuplicatePeerError,
  type HsmsDisconnectCause,
  type HsmsRequestKind,
  type HsmsRequestInfo,
} from './hsms/hsms-errors.js';
export { HsmsState, type HsmsHandlerEvents } from './hsms/hsms-handler.events.js';
export { HsmsHandler, type HsmsHandlerOptions, type HsmsHandlerClass } from './hsms/hsms-handler.js';
export { HsmsSession, type HsmsDataReceiver, type HsmsPacketObserver, type HsmsReplyConverter } from './hsms/hsms-session.js';
export {
  registerPeerHandlerFactory,
  type HsmsPeerDefinition,
  type HsmsPeerHandlerOptions,
  type HsmsPeerHandlerFactory,
} from './hsms/peer-definition.js';
export {
  type HsmsPeerEvent,
  type HsmsPeerStateEvent,
  type HsmsPeerMessageEvent,
  type HsmsPeerPacketEvent,
  type HsmsPeerClosedEvent,
  type HsmsManagerEvents,
} from './hsms/hsms-manager.events.js';
export { type HsmsHandlerStatus, type HsmsPeerCounters, type HsmsPeerStatus } from './hsms/peer-counters.js';
export { type TypedListener, type TypedEventEmitter } from './hsms/typed-event-emitter.js';

// secs: stream/function dispatch, the E5 S9 rules, the typed message catalogue
export { encodeAlcd, decodeAlcd, ALCD_SET, AlarmCategory, type AlarmCode } from './secs/catalogue/alcd.js';
export { type BodyDefinition, type BodyShape } from './secs/catalogue/body-shape.js';
export {
  CatalogueDefinitionError,
  CatalogueDataMissingError,
  CatalogueValueError,
  SecsBodyMismatchError,
  UnknownDataItemError,
  UnknownSecsMessageError,
} from './secs/catalogue/catalogue-errors.js';
export {
  type MessageDirection,
  type WBitRule,
  type ConstantDefinition,
  type DataItemDefinition,
  type DataItemEntry,
  type MessageDefinition,
  type MessageEntry,
} from './secs/catalogue/catalogue-types.js';
export {
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
  CODE_TABLES,
  type CodeInput,
} from './secs/catalogue/code-constants.js';
export { type FormatRule, type LengthRule } from './secs/catalogue/format-rules.js';
export { type ItemValue, type IdValue, type IdReading, type BuildOptions } from './secs/catalogue/item-values.js';
export { buildCatalogueMessage, readCatalogueBody, type ParseInput, type ParseOptions } from './secs/catalogue/message-codec.js';
export {
  S1F1,
  S1F2,
  parseS1F2,
  S1F3,
  parseS1F3,
  S1F4,
  parseS1F4,
  S1F11,
  parseS1F11,
  S1F12,
  parseS1F12,
  S1F13,
  parseS1F13,
  S1F14,
  parseS1F14,
  S1F15,
  S1F16,
  parseS1F16,
  S1F17,
  S1F18,
  parseS1F18,
  type EquipmentIdentity,
  type StatusVariableName,
  type StatusVariableNameReading,
  type S1F14Body,
  type S1F14Reading,
} from './secs/catalogue/messages/s1-equipment-status.js';
export {
  S10F1,
  parseS10F1,
  S10F2,
  parseS10F2,
  S10F3,
  parseS10F3,
  S10F4,
  parseS10F4,
  type TerminalText,
  type TerminalTextReading,
} from './secs/catalogue/messages/s10-terminal-services.js';
export {
  S2F17,
  S2F18,
  parseS2F18,
  S2F31,
  parseS2F31,
  S2F32,
  parseS2F32,
  type TimeInput,
  type TimeBuildOptions,
} from './secs/catalogue/messages/s2-clock.js';
export {
  S2F13,
  parseS2F13,
  S2F14,
  parseS2F14,
  S2F15,
  parseS2F15,
  S2F16,
  parseS2F16,
  S2F29,
  parseS2F29,
  S2F30,
  parseS2F30,
  type EquipmentConstantValue,
  type EquipmentConstantName,
} from './secs/catalogue/messages/s2-equipment-constants.js';
export {
  S2F33,
  parseS2F33,
  S2F34,
  parseS2F34,
  S2F35,
  parseS2F35,
  S2F36,
  parseS2F36,
  S2F37,
  parseS2F37,
  S2F38,
  parseS2F38,
  type ReportDefinition,
  type S2F33Body,
  type EventReportLink,
  type S2F35Body,
  type S2F37Body,
} from './secs/catalogue/messages/s2-event-reports.js';
export {
  S2F41,
  parseS2F41,
  S2F42,
  parseS2F42,
  type CommandParameter,
  type S2F41Body,
  type S2F41Reading,
  type CommandParameterAck,
  type S2F42Body,
  type S2F42Reading,
} from './secs/catalogue/messages/s2-remote-commands.js';
export {
  S5F1,
  parseS5F1,
  S5F2,
  parseS5F2,
  S5F3,
  parseS5F3,
  S5F4,
  parseS5F4,
  S5F5,
  parseS5F5,
  S5F6,
  parseS5F6,
  S5F7,
  S5F8,
  parseS5F8,
  type AlarmRecord,
  type AlarmRecordReading,
  type S5F3Body,
  type S5F3Reading,
} from './secs/catalogue/messages/s5-alarms.js';
export {
  S6F11,
  parseS6F11,
  S6F12,
  parseS6F12,
  S6F15,
  parseS6F15,
  S6F16,
  parseS6F16,
  type EventReportData,
  type EventReportBody,
  type EventReportReading,
} from './secs/catalogue/messages/s6-data-collection.js';
export {
  S7F1,
  parseS7F1,
  S7F2,
  parseS7F2,
  S7F3,
  parseS7F3,
  S7F4,
  parseS7F4,
  S7F5,
  parseS7F5,
  S7F6,
  parseS7F6,
  S7F17,
  parseS7F17,
  S7F18,
  parseS7F18,
  S7F19,
  S7F20,
  parseS7F20,
  type PpidValue,
  type PpidReading,
  type ProcessProgramData,
  type ProcessProgramReading,
  type S7F1Body,
} from './secs/catalogue/messages/s7-process-programs.js';
export {
  S9F1,
  S9F3,
  S9F5,
  S9F7,
  S9F9,
  S9F11,
  S9F13,
  parseS9F1,
  parseS9F3,
  parseS9F5,
  parseS9F7,
  parseS9F9,
  parseS9F11,
  parseS9F13,
  type HeaderInput,
  type S9F13Body,
} from './secs/catalogue/messages/s9-system-errors.js';
export {
  S1F21,
  parseS1F21,
  S1F22,
  parseS1F22,
  S1F23,
  parseS1F23,
  S1F24,
  parseS1F24,
  type DataVariableName,
  type CollectionEventName,
} from './secs/catalogue/messages/s1-name-lists.js';
export {
  S10F5,
  parseS10F5,
  S10F6,
  parseS10F6,
  S10F7,
  parseS10F7,
  S10F9,
  parseS10F9,
  S10F10,
  parseS10F10,
  type TerminalLines,
  type TerminalLinesReading,
} from './secs/catalogue/messages/s10-multi-block-terminal.js';
export {
  S2F49,
  parseS2F49,
  S2F50,
  parseS2F50,
  type EnhancedCommandParameter,
  type S2F49Body,
  type S2F49Reading,
  type EnhancedParameterAck,
  type S2F50Body,
  type S2F50Reading,
} from './secs/catalogue/messages/s2-enhanced-remote-command.js';
export {
  S2F45,
  parseS2F45,
  S2F46,
  parseS2F46,
  S2F47,
  parseS2F47,
  S2F48,
  parseS2F48,
  type LimitDefinition,
  type LimitDefinitionReading,
  type VariableLimits,
  type S2F45Body,
  type S2F45Reading,
  type VariableLimitError,
  type S2F46Body,
  type S2F46Reading,
  type VariableLimitAttributes,
  type VariableLimitAttributesReading,
} from './secs/catalogue/messages/s2-limits.js';
export {
  S2F39,
  parseS2F39,
  S2F40,
  parseS2F40,
  S6F5,
  parseS6F5,
  S6F6,
  parseS6F6,
  type MultiBlockInquiry,
} from './secs/catalogue/messages/s2-multi-block.js';
export {
  S2F43,
  parseS2F43,
  S2F44,
  parseS2F44,
  type SpoolStreamSetting,
  type SpoolStreamError,
  type S2F44Body,
  type S2F44Reading,
} from './secs/catalogue/messages/s2-spooling.js';
export {
  S2F23,
  parseS2F23,
  S2F24,
  parseS2F24,
  parseDsper,
  formatDsper,
  type S2F23Body,
  type S2F23Reading,
} from './secs/catalogue/messages/s2-trace.js';
export {
  S6F19,
  parseS6F19,
  S6F20,
  parseS6F20,
  S6F21,
  parseS6F21,
  S6F22,
  parseS6F22,
  type AnnotatedValue,
} from './secs/catalogue/messages/s6-individual-reports.js';
export {
  S6F23,
  parseS6F23,
  S6F24,
  parseS6F24,
} from './secs/catalogue/messages/s6-spooled-data.js';
export {
  S6F1,
  parseS6F1,
  S6F2,
  parseS6F2,
  type TraceData,
} from './secs/catalogue/messages/s6-trace-data.js';
export {
  SecsCatalogue,
  secsCatalogue,
  validateBody,
  type SecsCatalogueOptions,
  type AddOptions,
  type LoadOptions,
  type LoadedEntries,
} from './secs/catalogue/secs-catalogue.js';
export { formatSecsTime, parseSecsTime, type SecsTimeLength, type SecsTimeOptions } from './secs/catalogue/secs-time.js';
export { type MessageRef } from './secs/catalogue/sf-reference.js';
export { type ValidationResult, type ValidationSuccess, type ValidationFailure } from './secs/catalogue/validation-result.js';
export { S9Function, s9CodeName, s9Message, readS9Header, isS9HeaderFunction, type S9HeaderFunction } from './secs/s9.js';
export { UNHANDLED, type SecsCallback, type SecsFallback, type SecsReply, type SecsRole } from './secs/secs-callbacks.js';
export {
  SecsAbortError,
  SecsAbortReplyError,
  SecsRegistrationError,
  SecsReplyError,
  SecsReplyTooLongError,
  SecsStream9Error,
  type SecsAbortOptions,
} from './secs/secs-errors.js';
export { type SecsHandlerEvents } from './secs/secs-handler.events.js';
export { SecsHandler } from './secs/secs-handler.js';
export { SecsRouter } from './secs/secs-router.js';
export {
  type SecsDefaultRoute,
  type SecsAdmission,
  type SecsScreen,
  type SecsApplicationRoutes,
  type SecsApplicationMatch,
  type SecsApplicationPattern,
  type SecsApplicationKind,
} from './secs/secs-routes.js';
export { type SecsHandlerOptions } from './secs/secs-options.js';

// gem: E30 state models, host and equipment
export { CommunicationState } from './gem/communication-state.js';
export { ControlState, type InitialControlState, type OnlineFailedState } from './gem/control-state.js';
export { type EquipmentConstantChange } from './gem/equipment-constants.js';
export { type ReportSendResult } from './gem/equipment/equipment-reporter.js';
export { GemReplyTooLargeError, DEFAULT_MAX_REPLY_ITEMS } from './gem/equipment/reply-budget.js';
export { GemEquipmentHandler, type GemEquipmentHandlerOptions } from './gem/gem-equipment-handler.js';
export { type GemEquipmentHandlerEvents, type ProcessProgramChange } from './gem/gem-equipment.events.js';
export {
  GemError,
  GemDuplicateIdError,
  GemUnknownIdError,
  GemValueError,
  GemNotCommunicatingError,
  GemCommunicationFailedError,
  GemRequestDeniedError,
  GemOfflineError,
} from './gem/gem-errors.js';
export { type GemHandlerEvents, type TerminalMessage } from './gem/gem-handler.events.js';
export { GemHandler } from './gem/gem-handler.js';
export { GemCommunication, type GemCommunicationSettings } from './gem/gem-communication.js';
export { GemHost, type GemHostModelOptions } from './gem/gem-host.js';
export { GemEquipment, type GemEquipmentModelOptions, type CollectionEventState, type AlarmState } from './gem/gem-equipment.js';
export { type GemPeerOptions } from './gem/gem-peer-kind.js';
export { attachGem, type AttachedGemHost, type AttachedGemEquipment } from './gem/attach-gem.js';
export { GemHostHandler, type GemHostHandlerOptions, type RemoteCommandParamsInput } from './gem/gem-host-handler.js';
export { type GemHostHandlerEvents, type CollectionEventReport, type ReceivedReport, type AlarmReport } from './gem/gem-host.events.js';
export { type GemId } from './gem/gem-id.js';
export { type GemHandlerOptions } from './gem/gem-options.js';
export { type SubscribeOptions } from './gem/host/event-subscriber.js';
export { type ProcessProgramSendResult } from './gem/host/process-program-transfer.js';
export { type CollectionEventSubscription, type SubscribedVariable } from './gem/host/subscription-table.js';
export {
  DEFAULT_PROCESS_PROGRAM_LIMITS,
  type ProcessProgramBody,
  type ProcessProgramLimits,
  type StoredProcessProgram,
} from './gem/process-program-store.js';
export {
  type RemoteCommandCallback,
  type RemoteCommandOptions,
  type RemoteCommandParameter,
  type RemoteCommandParams,
  type RemoteCommandRequest,
  type RemoteCommandResult,
  type ParameterError,
} from './gem/remote-commands.js';
export {
  type ItemSource,
  type StatusVariableDefinition,
  type DataValueDefinition,
  type ConstantValue,
  type EquipmentConstantFormat,
  type EquipmentConstantDefinition,
  type CollectionEventDefinition,
  type AlarmDefinition,
} from './gem/variable-definitions.js';
export { type DataValueInput } from './gem/variable-table.js';
export { type EquipmentCapabilityOptionsInput } from './gem/equipment/capability-setup.js';
export { type HostProcessProgramProvider } from './gem/host/equipment-initiated-receivers.js';
export { type EnhancedRemoteCommand } from './gem/host/more-requests.js';
export { type TraceRequest, type TraceReport, type TraceHandle } from './gem/host/trace-requests.js';
export { type LimitMonitorDefinition, type LimitTransitionType } from './gem/limits/limit-table.js';
export { type SpoolingOptions } from './gem/spooling/spooling-options.js';
export { type SpoolStatus, type SpoolChange, type SpoolLoadState, type SpoolUnloadState } from './gem/spooling/spooler.js';
export { DEFAULT_STANDARD_IDS, type StandardIdName, type StandardIds } from './gem/standard/standard-ids.js';
export { FileGemStateStore, type FileGemStateStoreOptions } from './gem/state/file-state-store.js';
export { type GemStateStore, type SpoolQueue, type StateDocument } from './gem/state/gem-state-store.js';
export { MemoryGemStateStore, MemorySpoolQueue } from './gem/state/memory-state-store.js';

// simulator: a GEM equipment to talk to
export { type ChamberSnapshot, type ChamberProcessState } from './simulator/chamber-model.js';
export { EquipmentSimulator } from './simulator/equipment-simulator.js';
export { SimulatorListenError } from './simulator/simulator-errors.js';
export { SIMULATOR_IDS, SIMULATOR_MDLN, SIMULATOR_SOFTREV } from './simulator/simulator-ids.js';
export { type EquipmentSimulatorOptions } from './simulator/simulator-options.js';

// console: the live web console's server (node:http; HsmsConsoleModule runs it in a Nest app)
export { HsmsConsoleServer } from './console/hsms-console-server.js';
export { type HsmsConsoleOptions } from './console/console-options.js';
export { HsmsConsoleHttpError, HsmsConsoleListenError, HsmsConsoleSetupError, type ConsoleErrorBody } from './console/console-errors.js';
export { type ConsolePeerView, type ConsoleCounters, type ConsoleGemView } from './console/peer-view.js';
export { type ConsoleError, type ConsoleEventReport, type ConsoleAlarm, type ConsoleStatusVariable } from './console/peer-activity.js';
export { type TraceRecord, type TraceDirection } from './console/trace-entry.js';
