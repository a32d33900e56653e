// HSMS_CORE_ENTRY: the one place the benchmark's core-only processes import the library from.
// Until the Nest-free entry `nest-hsms/core` exists (issue 9), it re-exports the layer indexes
// below nest/ directly: nothing here may load @nestjs/*, rxjs or the CLI. When the entry exists,
// replace these lines with:   export * from '../../libs/hsms/src/core.js';
export * from '../../libs/hsms/src/protocol/index.js';
export * from '../../libs/hsms/src/connections/index.js';
export * from '../../libs/hsms/src/hsms/index.js';
export * from '../../libs/hsms/src/secs/index.js';
