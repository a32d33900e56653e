// The public API of the library: every name users may import, and nothing else.
export * from './protocol/index.js';
export * from './connections/index.js';
export * from './hsms/index.js';
export * from './secs/index.js';
export * from './gem/index.js';
export * from './nest/index.js';
export * from './simulator/index.js';
export * from './cli/index.js';
export * from './console/index.js';
