// Metatables: lookup of metamethods, the shared string metatable, and calling any callable value.

import { fault } from './error.js';
import { LuaTable, LuaValue, Multi, first, type } from './value.js';

/** The metatable shared by all strings (set by the string library: { __index = string }). */
export const stringMeta: { mt: LuaTable | undefined } = { mt: undefined };

export function getMetatable(v: LuaValue): LuaTable | undefined {
  if (v instanceof LuaTable) return v.mt;
  if (typeof v === 'string') return stringMeta.mt;
  return undefined;
}

/** The metamethod `name` of v, or undefined. */
export function metamethod(v: LuaValue, name: string): LuaValue {
  const mt = v instanceof LuaTable ? v.mt : typeof v === 'string' ? stringMeta.mt : undefined;
  return mt === undefined ? undefined : mt.s[name];
}

/** A JS function that performs a call of `f` (resolving __call), or a Lua error naming the culprit. */
export function tocall(f: LuaValue): (...args: LuaValue[]) => LuaValue {
  if (typeof f === 'function') return f;
  const mm = metamethod(f, '__call');
  if (mm !== undefined) {
    const target = typeof mm === 'function' ? mm : tocall(mm);
    return (...args: LuaValue[]) => target(f, ...args);
  }
  return fault(`attempt to call a ${typeNameMeta(f)} value`);
}

/** Call any callable value from JS with Lua's calling convention (first result or Multi). */
export function call(f: LuaValue, ...args: LuaValue[]): LuaValue {
  return (typeof f === 'function' ? f : tocall(f))(...args);
}

/** Call a metamethod and keep its first result. */
export function callMeta(mm: LuaValue, a: LuaValue, b: LuaValue): LuaValue {
  const r = (typeof mm === 'function' ? mm : tocall(mm))(a, b);
  return r instanceof Multi ? r.v[0] : r;
}

export { first };

/** Type name for error messages, honouring __name. */
export function typeNameMeta(v: LuaValue): string {
  if (v instanceof LuaTable && v.mt !== undefined) {
    const n = v.mt.s.__name;
    if (typeof n === 'string') return n;
  }
  return type(v);
}
