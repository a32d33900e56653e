// HSMS_CORE_ENTRY: the one place the benchmark's core-only processes import the library from:
// the Nest-free entry `nest-hsms/core` (libs/hsms/src/core.ts), which loads no @nestjs/*, rxjs or CLI.
export * from '../../libs/hsms/src/core.js';
