// The GEM layer's public names (design/README.md: gem/): E30 state models, host and equipment handlers.
export { GemHandler } from './gem-handler.js';
export { GemCommunication, type GemCommunicationSettings } from './gem-communication.js';
export { GemHost, type GemHostModelOptions } from './gem-host.js';
export { attachGem, type AttachedGemHost, type AttachedGemEquipment } from './attach-gem.js';
export { GemEquipment, type GemEquipmentModelOptions } from './gem-equipment.js';
export { GemEquipmentHandler } from './gem-equipment-handler.js';
export type { GemEquipmentHandlerOptions } from './gem-equipment-handler.js';
export { GemHostHandler } from './gem-host-handler.js';
export type { GemHostHandlerOptions, RemoteCommandParamsInput } from './gem-host-handler.js';
export type { GemHandlerOptions } from './gem-options.js';
export type { GemPeerOptions } from './gem-peer-kind.js';
export type { GemHandlerEvents, TerminalMessage } from './gem-handler.events.js';
export type { GemEquipmentHandlerEvents, ProcessProgramChange } from './gem-equipment.events.js';
export type { GemHostHandlerEvents, CollectionEventReport, ReceivedReport, AlarmReport } from './gem-host.events.js';
export { CommunicationState } from './communication-state.js';
export { ControlState } from './control-state.js';
export type { InitialControlState, OnlineFailedState } from './control-state.js';
export type { GemId } from './gem-id.js';
export type {
  ItemSource,
  StatusVariableDefinition,
  DataValueDefinition,
  ConstantValue,
  EquipmentConstantFormat,
  EquipmentConstantDefinition,
  CollectionEventDefinition,
  AlarmDefinition,
} from './variable-definitions.js';
export type { DataValueInput } from './variable-table.js';
export type { EquipmentConstantChange } from './equipment-constants.js';
export type {
  RemoteCommandCallback,
  RemoteCommandOptions,
  RemoteCommandParameter,
  RemoteCommandParams,
  RemoteCommandRequest,
  RemoteCommandResult,
  ParameterError,
} from './remote-commands.js';
export type { ProcessProgramBody, ProcessProgramLimits, StoredProcessProgram } from './process-program-store.js';
export { DEFAULT_PROCESS_PROGRAM_LIMITS } from './process-program-store.js';
export { GemReplyTooLargeError, DEFAULT_MAX_REPLY_ITEMS } from './equipment/reply-budget.js';
export type { ReportSendResult } from './equipment/equipment-reporter.js';
export type { SubscribeOptions } from './host/event-subscriber.js';
export type { CollectionEventSubscription, SubscribedVariable } from './host/subscription-table.js';
export type { ProcessProgramSendResult } from './host/process-program-transfer.js';
export {
  GemError,
  GemDuplicateIdError,
  GemUnknownIdError,
  GemValueError,
  GemNotCommunicatingError,
  GemCommunicationFailedError,
  GemRequestDeniedError,
  GemOfflineError,
} from './gem-errors.js';
export type { GemStateStore, SpoolQueue, StateDocument } from './state/gem-state-store.js';
export { MemoryGemStateStore, MemorySpoolQueue } from './state/memory-state-store.js';
export { FileGemStateStore } from './state/file-state-store.js';
export type { FileGemStateStoreOptions } from './state/file-state-store.js';
export type { SpoolingOptions } from './spooling/spooling-options.js';
export type { SpoolStatus, SpoolChange, SpoolLoadState, SpoolUnloadState } from './spooling/spooler.js';
export { DEFAULT_STANDARD_IDS } from './standard/standard-ids.js';
export type { StandardIdName, StandardIds } from './standard/standard-ids.js';
export type { TraceRequest, TraceReport, TraceHandle } from './host/trace-requests.js';
export type { LimitMonitorDefinition, LimitTransitionType } from './limits/limit-table.js';
export type { EnhancedRemoteCommand } from './host/more-requests.js';
export type { HostProcessProgramProvider } from './host/equipment-initiated-receivers.js';
export type { EquipmentCapabilityOptionsInput } from './equipment/capability-setup.js';
