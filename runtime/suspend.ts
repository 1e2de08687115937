// Suspension: functions that may suspend are generators, run by a flat driver loop.
//
// A generator function's Lua value is a plain wrapper (so built-ins and plain code can call it) that
// carries the generator in `$g`. Inside generator code, a call to a callee that may suspend yields a
// PendingCall; the driver pushes the callee's generator on an explicit stack and resumes the caller
// with its result, so resuming never costs time proportional to the call depth. A suspending built-in
// yields a Suspend, which the driver hands to its owner (the host, or a coroutine's resumer).

import { luaError } from './error.js';
import { GM, enterC, leaveC, metamethod, typeNameMeta } from './meta.js';
import { fault } from './error.js';
import { LuaError, LuaValue, Multi } from './value.js';

export type LuaGenerator = Generator<unknown, LuaValue, LuaValue>;
export type GenFn = (...args: LuaValue[]) => LuaGenerator;

import { NOT_STARTED, PendingCall } from './pending.js';
export { PendingCall };

/** A request to leave the running thread: `op` names it ('yield' for coroutines, host ops otherwise). */
export class Suspend {
  constructor(
    readonly op: string,
    readonly args: LuaValue[],
  ) {}
}

/** Maximum nesting of Lua calls on one driver stack (Lua's limit is about 200000 C levels). */
export const MAX_DEPTH = 200000;

/** Wrap a generator function as a Lua function value. */
export function mkG(g: GenFn): (...args: LuaValue[]) => LuaValue {
  const w = (...args: LuaValue[]): LuaValue => runSync(g(...args));
  (w as any).$g = g;
  return w;
}

/**
 * Give a built-in a generator twin used when it is called from generator code (pcall, coroutine.resume, ...).
 * Built-in twins are started eagerly by callG (see PendingCall.first).
 */
export function withGen<F extends Function>(plain: F, g: GenFn): F {
  (plain as any).$g = g;
  (plain as any).$eager = true;
  return plain;
}

/** A Lua function value that suspends the script with `op` when called. */
export function suspending(op: string): (...args: LuaValue[]) => LuaValue {
  return withGen(
    (..._args: LuaValue[]): LuaValue => luaError('attempt to yield across a C-call boundary'),
    function* (...args: LuaValue[]): LuaGenerator {
      return yield new Suspend(op, args);
    },
  );
}

/** Call from generator code: a PendingCall when the callee is a generator, else the result itself. */
export function callG(f: LuaValue, ...args: LuaValue[]): LuaValue {
  if (typeof f === 'function') {
    const g = f.$g;
    if (g === undefined) return f(...args);
    if (f.$eager !== true) return new PendingCall(g(...args));
    // a built-in: run its first step here, on the caller's JS stack
    const gen = g(...args);
    const r = gen.next();
    return r.done ? r.value : new PendingCall(gen, r.value);
  }
  const mm = metamethod(f, '__call');
  if (mm === undefined) return fault(`attempt to call a ${typeNameMeta(f)} value`);
  return callG(mm, f, ...args);
}

/** The generator for calling f (plain functions become one-step generators). */
export function genOf(f: LuaValue, args: LuaValue[]): LuaGenerator {
  if (typeof f === 'function') {
    const g = f.$g;
    if (g !== undefined) return g(...args);
    return plainGen(f, args);
  }
  const mm = metamethod(f, '__call');
  if (mm === undefined) return fault(`attempt to call a ${typeNameMeta(f)} value`);
  return genOf(mm, [f, ...args]);
}

function* plainGen(f: Function, args: LuaValue[]): LuaGenerator {
  return f(...args);
}

/** Outcome of running a driver stack until it finishes or suspends. */
export type DriveResult = { done: true; value: LuaValue } | { done: false; suspend: Suspend };

/**
 * Run the generator stack until the bottom generator returns or something suspends.
 * `input`/`isThrow` is what the top generator receives first.
 */
export function drive(stack: LuaGenerator[], input: LuaValue, isThrow: boolean): DriveResult {
  let started: unknown = NOT_STARTED; // a yield the new top generator already made
  for (;;) {
    const top = stack[stack.length - 1];
    let r: IteratorResult<unknown, LuaValue>;
    if (started !== NOT_STARTED) {
      r = { done: false, value: started };
      started = NOT_STARTED;
    } else try {
      r = isThrow ? top.throw(input) : top.next(input);
    } catch (e) {
      GM.on = false;
      stack.pop();
      if (stack.length === 0) throw e;
      input = e;
      isThrow = true;
      continue;
    }
    if (r.done) {
      stack.pop();
      if (stack.length === 0) return { done: true, value: r.value };
      input = r.value;
      isThrow = false;
      continue;
    }
    const y = r.value;
    if (y instanceof PendingCall) {
      if (stack.length >= MAX_DEPTH) {
        input = new LuaError('stack overflow');
        isThrow = true;
        continue;
      }
      stack.push(y.gen);
      started = y.first;
      input = undefined;
      isThrow = false;
      continue;
    }
    if (y instanceof Suspend) return { done: false, suspend: y };
    throw new Error('driver: unexpected yield');
  }
}

/** Run a generator to completion from plain code; suspending here is Lua's C-call boundary error. */
export function runSync(gen: LuaGenerator): LuaValue {
  enterC();
  let r: DriveResult;
  try {
    r = drive([gen], undefined, false);
  } finally {
    leaveC();
  }
  if (r.done) return r.value;
  const op = r.suspend.op;
  throw new LuaError(op === 'yield' ? 'attempt to yield across a C-call boundary' : `attempt to suspend ('${op}') across a C-call boundary`);
}

export { Multi };
