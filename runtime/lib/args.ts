// Argument checks for built-in functions (the luaL_check* family), with Lua's messages:
// "bad argument #1 to 'insert' (table expected, got nil)".

import { argError } from '../error.js';
import { typeNameMeta } from '../meta.js';
import { floatToInt, numberToString, toInteger, toNumber } from '../number.js';
import { LFloat, LuaTable, LuaValue } from '../value.js';

export function typeError(n: number, fname: string, expected: string, got: LuaValue, present = true): never {
  return argError(n, fname, `${expected} expected, got ${present ? typeNameMeta(got) : 'no value'}`);
}

/** luaL_checktype(LUA_TTABLE); `present` is false when the argument is absent ("got no value"). */
export function checkTable(v: LuaValue, n: number, fname: string, present = true): LuaTable {
  if (v instanceof LuaTable) return v;
  return typeError(n, fname, 'table', v, present);
}

/** luaL_checkinteger: integers, floats with an exact integer value, numeric strings. */
export function checkInt(v: LuaValue, n: number, fname: string): number | bigint {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  const i = toInteger(v);
  if (i !== undefined) return i;
  if (typeof v === 'number' || v instanceof LFloat || (typeof v === 'string' && toNumber(v) !== undefined)) {
    return argError(n, fname, 'number has no integer representation');
  }
  return typeError(n, fname, 'number', v);
}

/** checkInt, clamped to a JS number (for sizes and positions, where int64 extremes behave as +-huge). */
export function checkIntN(v: LuaValue, n: number, fname: string): number {
  const i = checkInt(v, n, fname);
  return typeof i === 'number' ? i : i > 0n ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER;
}

export function optIntN(v: LuaValue, n: number, fname: string, def: number): number {
  return v === undefined ? def : checkIntN(v, n, fname);
}

/** luaL_checknumber: any number or numeric string, returned as a Lua number (int or float). */
export function checkNumber(v: LuaValue, n: number, fname: string): number | bigint | LFloat {
  if (typeof v === 'number') return v;
  const x = toNumber(v);
  if (x !== undefined) return x;
  return typeError(n, fname, 'number', v);
}

/** checkNumber as a JS double. */
export function checkFloat(v: LuaValue, n: number, fname: string): number {
  if (typeof v === 'number') return v;
  const x = checkNumber(v, n, fname);
  return typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : x.n;
}

/** luaL_checklstring: strings, and numbers converted to strings. */
export function checkString(v: LuaValue, n: number, fname: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat) return numberToString(v);
  return typeError(n, fname, 'string', v);
}

export function optString(v: LuaValue, n: number, fname: string, def: string): string {
  return v === undefined ? def : checkString(v, n, fname);
}

/** luaL_checkany */
export function checkAny(args: number, n: number, fname: string): void {
  if (args < n) argError(n, fname, 'value expected');
}

export { floatToInt };
