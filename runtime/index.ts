// The runtime's public face for hosts (the CLI, the gateway, tests and benchmarks).

export { createInstance, Instance, type InstanceOptions, type RunResult } from './instance.js';
export { suspending, withGen } from './suspend.js';
export { createGlobals, createLibraries, type Libraries } from './stdlib.js';
export { LuaTable, LuaError, LuaKill, LFloat, Multi, NONE, first, all, results, fromText, toText, type, truthy } from './value.js';
export type { LuaValue } from './value.js';
export { tostr } from './ops.js';
export { call } from './meta.js';
