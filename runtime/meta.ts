// Metatables: lookup of metamethods, the shared string metatable, and calling any callable value.

import { fault, luaError } from './error.js';
import { LuaError, LuaTable, LuaValue, Multi, first, type } from './value.js';
import { PendingCall } from './pending.js';

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
  return mt === undefined ? undefined : mt.getStr(name);
}

/** A JS function that performs a call of `f` (resolving __call), or a Lua error naming the culprit. */
export function tocall(f: LuaValue): (...args: LuaValue[]) => LuaValue {
  if (typeof f === 'function') return f;
  const mm = metamethod(f, '__call');
  if (mm !== undefined) {
    const target = typeof mm === 'function' ? mm : tocall(mm);
    return (...args: LuaValue[]) => target(f, ...args);
  }
  const msg = `attempt to call a ${typeNameMeta(f)} value`;
  // raised when the result is called: after the arguments are evaluated, as in Lua
  return () => fault(msg);
}

/**
 * Nesting of calls made by the runtime on Lua's behalf (metamethods, callbacks of built-ins): Lua
 * counts these "C calls" and stops at 200 (LUAI_MAXCCALLS), which also bounds runaway __index chains.
 */
const MAX_C_CALLS = 200;
let cCalls = 0;

/** Current nesting of C-like calls (a coroutine can yield only when none is open since it started). */
export function cDepth(): number {
  return cCalls;
}
export function enterC(): void {
  if (++cCalls >= MAX_C_CALLS) {
    cCalls--;
    luaError('C stack overflow');
  }
}
export function leaveC(): void {
  cCalls--;
}

/** A non-function called by a built-in (pcall(nil)): __call, or an error without position, as in Lua. */
export function calleeFromC(f: LuaValue): (...args: LuaValue[]) => LuaValue {
  let g = f;
  for (let i = 0; i < MAX_C_CALLS && typeof g !== 'function'; i++) {
    const mm = metamethod(g, '__call');
    if (mm === undefined) throw new LuaError(`attempt to call a ${typeNameMeta(g)} value`);
    g = mm;
  }
  return tocall(f);
}

/** Call any callable value from JS with Lua's calling convention (first result or Multi). */
export function call(f: LuaValue, ...args: LuaValue[]): LuaValue {
  const fn = typeof f === 'function' ? f : calleeFromC(f);
  enterC();
  try {
    return fn(...args);
  } finally {
    cCalls--;
  }
}

/**
 * Metamethods that may suspend. Generator code sets GM.on around an operator helper's slow path;
 * a metamethod that is a generator function is then not run here: the helper returns NEEDG and
 * the generator code runs the pending call on the driver (takePending), so a script can suspend
 * inside __index, __add, __lt, ... Plain code never sees NEEDG (GM.on is off while a plain
 * metamethod runs, and reset whenever an error unwinds to a catch of the runtime).
 */
export const GM = { on: false };
export const NEEDG = Symbol('metamethod must run on the driver');

export interface PendingMeta {
  call: PendingCall;
  post: (r: LuaValue) => LuaValue;
}
let pending: PendingMeta | undefined;

const firstOf = (r: LuaValue): LuaValue => (r instanceof Multi ? r.v[0] : r);

/** The metamethod call a helper left pending (after it returned NEEDG). */
export function takePending(): PendingMeta {
  const p = pending!;
  pending = undefined;
  return p;
}

/** Change what happens to the pending call's result (comparisons keep its truth value). */
export function pendingPost(post: (r: LuaValue) => LuaValue): void {
  const p = pending!;
  const prev = p.post;
  p.post = (r) => post(prev(r));
}

/** Call a metamethod and keep its first result. */
export function callMeta(mm: LuaValue, a: LuaValue, b: LuaValue, c?: LuaValue): LuaValue {
  if (typeof mm !== 'function' && metamethod(mm, '__call') === undefined) metaCallError(mm, a, b);
  if (GM.on) {
    if (typeof mm === 'function' && mm.$g !== undefined) {
      pending = { call: new PendingCall(mm.$g(a, b, c)), post: firstOf };
      return NEEDG;
    }
    GM.on = false;
    try {
      return firstOf(c === undefined ? call(mm, a, b) : call(mm, a, b, c));
    } finally {
      GM.on = true;
    }
  }
  return firstOf(c === undefined ? call(mm, a, b) : call(mm, a, b, c));
}

export { first };

const EVENTS = ['add', 'sub', 'mul', 'div', 'mod', 'pow', 'unm', 'idiv', 'band', 'bor', 'bxor', 'shl', 'shr', 'bnot',
  'concat', 'len', 'eq', 'lt', 'le', 'index', 'newindex', 'close'];

/** "attempt to call a X value (metamethod 'add')": the event is the one of a's or b's metatable holding mm. */
function metaCallError(mm: LuaValue, a: LuaValue, b: LuaValue): never {
  for (const v of [a, b]) {
    const mt = getMetatable(v);
    if (mt === undefined) continue;
    for (const ev of EVENTS) if (mt.getStr('__' + ev) === mm) return fault(`attempt to call a ${typeNameMeta(mm)} value (metamethod '${ev}')`, -1);
  }
  return fault(`attempt to call a ${typeNameMeta(mm)} value`, -1);
}

/** Type name for error messages, honouring __name. */
export function typeNameMeta(v: LuaValue): string {
  if (v instanceof LuaTable && v.mt !== undefined) {
    const n = v.mt.getStr('__name');
    if (typeof n === 'string') return n;
  }
  return type(v);
}
