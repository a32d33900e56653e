// The Promise floor's host (bare-promise-side.ts) in a process that also imports nest-hsms/core
// and never uses it: what the import alone adds to a Promise API's footprint, to read our host's
// peak RSS against (bench/hsms.bench.ts). The equipment is the bare one.
import { HsmsConnectionManager } from '../hsms-core.js';

if (typeof HsmsConnectionManager !== 'function') throw new Error('bare-promise-core: nest-hsms/core did not load');

export { connectHost } from './bare-promise-side.js';
