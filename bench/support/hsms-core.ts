// HSMS_CORE_ENTRY: the one place the benchmark's core-only processes import the library from:
// the BUILT Nest-free entry, dist/libs/hsms/core.js (what `nest-hsms/core` loads: the bundle
// `npm run build` writes, which loads no @nestjs/*, rxjs or CLI). `#nest-hsms/core` is mapped in
// the root package.json "imports": types from libs/hsms/src/core.ts (the .d.ts tsc writes from
// it are the same), values from dist, so `npm run bench` builds the package first.
export * from '#nest-hsms/core';
