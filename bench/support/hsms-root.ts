// HSMS_ROOT_ENTRY: the library's root entry (what `import ... from 'nest-hsms'` loads, Nest included).
export * from '../../libs/hsms/src/index.js';
