// HSMS_ROOT_ENTRY: the library's BUILT root entry, dist/libs/hsms/index.js (what `import ... from
// 'nest-hsms'` loads, Nest included). `#nest-hsms` is mapped in the root package.json "imports":
// types from libs/hsms/src/index.ts, values from dist, so `npm run bench` builds the package first.
export * from '#nest-hsms';
