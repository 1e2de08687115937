// Indexing, comparison, concatenation, length and tostring, with metamethods and Lua's error messages.

import { fault, luaError } from './error.js';
import { NEEDG, callMeta, calleeFromC, metamethod, pendingPost, tocall, typeNameMeta, stringMeta } from './meta.js';
import { numberToString } from './number.js';
import { LFloat, LuaTable, LuaValue, Multi, PROTO_KEY, truthy, type } from './value.js';

const MAX_META_CHAIN = 2000;

/** o[k] with __index. */
export function index(o: LuaValue, k: LuaValue): LuaValue {
  if (o instanceof LuaTable) {
    const v = o.get(k);
    if (v !== undefined || o.mt === undefined) return v;
  }
  return indexMeta(o, k);
}

/**
 * o[k] for a constant string key, called by compiled code after its inline check of o's own field
 * missed (or, for the key "constructor", instead of one): so o's own dict need not be read again.
 */
export function indexS(o: LuaValue, k: string): LuaValue {
  if (o instanceof LuaTable) {
    if (o.sm !== undefined || k === PROTO_KEY) return indexMeta(o, k);
    if (o.mt === undefined) return undefined;
    // the class pattern, with inheritance: a chain of __index tables holding the methods
    let h = o.mt.s.__index;
    for (let depth = 0; depth < 8 && h instanceof LuaTable && h.sm === undefined; depth++) {
      const m = h.s[k];
      if (m !== undefined) return m;
      const mt: LuaTable | undefined = h.mt;
      if (mt === undefined) return undefined;
      h = mt.s.__index;
    }
  }
  return indexMeta(o, k);
}

function indexMeta(o: LuaValue, k: LuaValue): LuaValue {
  let cur = o;
  const strKey = typeof k === 'string';
  for (let loop = 0; loop < MAX_META_CHAIN; loop++) {
    let h: LuaValue;
    if (cur instanceof LuaTable) {
      const v = strKey ? cur.getStr(k) : cur.get(k);
      if (v !== undefined) return v;
      const mt = cur.mt;
      if (mt === undefined) return undefined;
      h = mt.getStr('__index');
      if (h === undefined) return undefined;
    } else {
      h = typeof cur === 'string' ? stringMeta.mt?.getStr('__index') : metamethod(cur, '__index');
      if (h === undefined) {
        if (Object.is(cur, o)) return fault(`attempt to index a ${typeNameMeta(o)} value`);
        return luaError(`attempt to index a ${typeNameMeta(cur)} value`);
      }
    }
    if (typeof h === 'function') return callMeta(h, cur, k);
    cur = h;
  }
  return luaError("'__index' chain too long; possible loop");
}

/** No metatable, or one without __newindex (objects of a class): a store is a raw set. */
function rawStore(t: LuaTable): boolean {
  const mt = t.mt;
  return mt === undefined || (mt.sm === undefined && mt.s.__newindex === undefined);
}

/** o[k] = v with __newindex. */
export function setindex(o: LuaValue, k: LuaValue, v: LuaValue): unknown {
  if (o instanceof LuaTable && rawStore(o)) {
    if (typeof k === 'string') o.setStr(k, v);
    else rawsetChecked(o, k, v);
    return;
  }
  return setindexMeta(o, k, v);
}

/** o.k = v for a constant key k (compiled code, after its inline store missed): see LuaTable.setStr. */
export function setfield(o: LuaValue, k: string, v: LuaValue): unknown {
  if (o instanceof LuaTable && rawStore(o)) {
    o.setField(k, v);
    return;
  }
  return setindexMeta(o, k, v);
}

export function rawsetChecked(t: LuaTable, k: LuaValue, v: LuaValue): void {
  if (k === undefined) luaError('table index is nil');
  if (typeof k === 'number' && k !== k) luaError('table index is NaN');
  t.set(k, v);
}

function setindexMeta(o: LuaValue, k: LuaValue, v: LuaValue): unknown {
  let cur = o;
  for (let loop = 0; loop < MAX_META_CHAIN; loop++) {
    let h: LuaValue;
    if (cur instanceof LuaTable) {
      const mt = cur.mt;
      if (mt === undefined || (h = mt.getStr('__newindex')) === undefined || cur.get(k) !== undefined) {
        rawsetChecked(cur, k, v);
        return;
      }
    } else {
      h = metamethod(cur, '__newindex');
      if (h === undefined) {
        if (Object.is(cur, o)) fault(`attempt to index a ${typeNameMeta(o)} value`);
        luaError(`attempt to index a ${typeNameMeta(cur)} value`);
      }
    }
    if (typeof h === 'function') {
      return callMeta(h, cur, k, v) === NEEDG ? NEEDG : undefined;
    }
    cur = h;
  }
  luaError("'__newindex' chain too long; possible loop");
}

// ---- comparison ----

/** truthy() of a metamethod result; a pending generator metamethod gets truthy() applied later. */
function truthyMeta(r: LuaValue): any {
  if (r === NEEDG) {
    pendingPost(truthy);
    return NEEDG;
  }
  return truthy(r);
}

function isNum(v: LuaValue): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat;
}
function numVal(v: LuaValue): number | bigint {
  return v instanceof LFloat ? v.n : v;
}

/** a == b (the compiler emits `a === b ||` before calling this). */
export function eq(a: LuaValue, b: LuaValue): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta === 'object') {
    if (a instanceof LuaTable) {
      if (!(b instanceof LuaTable)) return false;
      const mm = metamethod(a, '__eq') ?? metamethod(b, '__eq');
      return mm !== undefined && truthyMeta(callMeta(mm, a, b));
    }
    if (a instanceof LFloat) return isNum(b) && a.n == (numVal(b) as any);
    return false;
  }
  if ((ta === 'number' || ta === 'bigint') && isNum(b)) return a == (numVal(b) as any);
  return false;
}

export function lt(a: LuaValue, b: LuaValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  if (isNum(a) && isNum(b)) return numVal(a) < numVal(b);
  return compareMeta(a, b, '__lt');
}

export function le(a: LuaValue, b: LuaValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  if (typeof a === 'string' && typeof b === 'string') return a <= b;
  if (isNum(a) && isNum(b)) return numVal(a) <= numVal(b);
  return compareMeta(a, b, '__le');
}

function compareMeta(a: LuaValue, b: LuaValue, event: string): boolean {
  const mm = metamethod(a, event) ?? metamethod(b, event);
  if (mm !== undefined) return truthyMeta(callMeta(mm, a, b));
  const t1 = typeNameMeta(a), t2 = typeNameMeta(b);
  return luaError(t1 === t2 ? `attempt to compare two ${t1} values` : `attempt to compare ${t1} with ${t2}`);
}

// ---- concatenation and length ----

export function concat(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  const sa = typeof a === 'string' ? a : isNum(a) ? numberToString(a) : undefined;
  const sb = typeof b === 'string' ? b : isNum(b) ? numberToString(b) : undefined;
  if (sa !== undefined && sb !== undefined) return sa + sb;
  const mm = metamethod(a, '__concat') ?? metamethod(b, '__concat');
  if (mm !== undefined) return callMeta(mm, a, b);
  const culprit = sa === undefined ? 0 : 1;
  return fault(`attempt to concatenate a ${typeNameMeta(culprit === 0 ? a : b)} value`, culprit);
}

export function len(o: LuaValue): LuaValue {
  if (typeof o === 'string') return o.length;
  if (o instanceof LuaTable) {
    if (o.mt === undefined) return o.length();
    const mm = o.mt.getStr('__len');
    if (mm === undefined) return o.length();
    return callMeta(mm, o, o);
  }
  const mm = metamethod(o, '__len');
  if (mm !== undefined) return callMeta(mm, o, o);
  return fault(`attempt to get length of a ${typeNameMeta(o)} value`);
}

// ---- tostring ----

const ids = new WeakMap<object, string>();
let nextId = 0x55a4c0e0;

/** A stable pseudo address for tables and functions ("table: 0x55a4c0e012a0"). */
export function addressOf(o: object): string {
  let id = ids.get(o);
  if (id === undefined) {
    nextId += 0x40;
    id = '0x' + nextId.toString(16).padStart(12, '0');
    ids.set(o, id);
  }
  return id;
}

/** Lua's tostring (luaL_tolstring): __tostring, __name, numbers, addresses. */
export function tostr(v: LuaValue): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
      return numberToString(v);
    case 'undefined':
      return 'nil';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'function':
      return 'function: ' + addressOf(v);
  }
  if (v instanceof LFloat) return numberToString(v);
  const mm = metamethod(v, '__tostring');
  if (mm !== undefined) {
    // luaL_tolstring calls it from C: a value that cannot be called fails without a position
    if (typeof mm !== 'function') calleeFromC(mm);
    const s = callMeta(mm, v, undefined);
    if (typeof s !== 'string') {
      if (isNum(s)) return numberToString(s);
      return luaError("'__tostring' must return a string");
    }
    return s;
  }
  return `${typeNameMeta(v)}: ${addressOf(v)}`;
}

const builtins = new WeakSet<Function>();
/** Mark a JS function as a built-in (a "C function" for the library's purposes). */
export function markBuiltin<F extends Function>(f: F): F {
  builtins.add(f);
  return f;
}
export function isBuiltin(f: Function): boolean {
  return builtins.has(f);
}

export { tocall, type };
