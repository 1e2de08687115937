// The one place the gateway touches the compiler/runtime API: Lua values, instances and JSON.
import { createInstance, createLibraries, suspending, LuaTable, LuaError, Multi, NONE, fromText, toText, type Libraries } from '../runtime/index.js';
import { luaToJson, jsonToLua, jsToLua, luaToJs, SharedJson, openJson, markArray } from '../runtime/lib/json.js';
import { where } from '../runtime/error.js';
import { tostr } from '../runtime/ops.js';
import { toNumber } from '../runtime/number.js';
import { withGen, Suspend } from '../runtime/suspend.js';

export { createInstance, createLibraries, suspending, LuaTable, LuaError, Multi, NONE, fromText, toText };
export type { Libraries };
export { luaToJson, jsonToLua, jsToLua, luaToJs, SharedJson, openJson, markArray, withGen, Suspend };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LuaValue = any;

/** The runtime's run/resume outcome ('paused' only happens when pauseAfterMs is set, which the gateway does not do). */
export type { RunResult } from '../runtime/instance.js';
import type { RunResult } from '../runtime/instance.js';

/** What a session or an HTTP invocation needs from a script instance (the runtime's, or a fake in tests). */
export interface ScriptInstance {
  /** The instance's globals (the runtime's instances have them; test fakes may not). */
  readonly env?: LuaTable;
  run(): RunResult;
  resume(values: LuaValue[]): RunResult;
  kill(reason: string): void;
}

export interface InstanceOptions {
  print: (line: string) => void;
  globals: Record<string, LuaValue>;
  cpuLimitMs?: number;
}

/** Creates instances of one compiled script. */
export type InstanceFactory = (opts: InstanceOptions) => ScriptInstance;

/** A Lua table from a JS record of Lua values (undefined entries skipped). */
export function table(fields: Record<string, LuaValue>): LuaTable {
  const t = new LuaTable();
  for (const k in fields) {
    const v = fields[k];
    if (v !== undefined) t.setStr(k, v);
  }
  return t;
}

/** A Lua sequence from an array of Lua values, marked as a JSON array (json.encode gives `[]` when empty). */
export function list(items: LuaValue[]): LuaTable {
  const t = new LuaTable();
  for (let i = 0; i < items.length; i++) t.setInt(i + 1, items[i]);
  return markArray(t);
}

/** A number, or a string Lua converts to one (" 30 ", "0x1e", "1e3"), as a JS number; else undefined. */
export function coerceNum(v: LuaValue): number | undefined {
  const n = toNumber(v);
  return n === undefined ? undefined : toNum(n);
}

/** A Lua number (int, bigint or LFloat) as a JS number; undefined when it is not a number. */
export function toNum(v: LuaValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v !== null && typeof v === 'object' && typeof v.n === 'number' && !(v instanceof LuaTable)) return v.n;
  return undefined;
}

/**
 * A Lua error raised by a built-in, positioned at the Lua code that called it as luaL_error does
 * ("chat.lua:12: bad argument #1 to 'subscribe' (string expected, got no value)").
 */
export function builtinError(msg: string): never {
  throw new LuaError(where(1) + msg);
}

export function argError(n: number, fname: string, msg: string): never {
  return builtinError(`bad argument #${n} to '${fname}' (${msg})`);
}

export function luaTypeName(v: LuaValue): string {
  if (v === undefined) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'function') return 'function';
  if (v instanceof LuaTable) return 'table';
  if (toNum(v) !== undefined) return 'number';
  return 'userdata';
}

export function checkString(v: LuaValue, n: number, fname: string): string {
  if (typeof v === 'string') return v;
  if (toNum(v) !== undefined && !(v instanceof LuaTable)) return tostr(v); // numbers convert, as in Lua (2.0 → "2.0")
  return argError(n, fname, `string expected, got ${v === undefined ? 'no value' : luaTypeName(v)}`);
}

/** Text of a close reason: at most 123 UTF-8 bytes, cut on a character boundary. */
export function closeReason(msg: string): string {
  const s = toText(msg);
  const b = Buffer.from(s, 'utf8');
  if (b.length <= 123) return s;
  let end = 123; // b[end] is the first byte left out: never a continuation byte
  while (end > 0 && (b[end] & 0xc0) === 0x80) end--;
  return b.subarray(0, end).toString('utf8');
}
