// The coroutine library. A coroutine owns a driver stack of generators (runtime/suspend.ts);
// resume runs it until it returns, errors, or yields. A host suspension (recv_any) inside a coroutine
// passes through resume to the host, which later continues inside the coroutine.

import { luaError, toLuaError, where } from '../error.js';
import { markBuiltin } from '../ops.js';
import { Suspend, drive, genOf, suspending, withGen, type DriveResult, type LuaGenerator } from '../suspend.js';
import { cDepth, enterC, leaveC } from '../meta.js';
import { LuaError, LuaKill, LuaTable, LuaValue, Multi, all, results } from '../value.js';
import { NOERR } from '../closing.js';
import { typeError } from './args.js';

export class Coroutine {
  readonly isCoroutine = true;
  status: 'suspended' | 'running' | 'normal' | 'dead' = 'suspended';
  stack: LuaGenerator[] = [];
  started = false;
  /** error value when the coroutine died by an error (for close) */
  error: { value: LuaValue } | undefined = undefined;
  /** C-call depth when it was last resumed: deeper means a built-in stands between it and its resumer */
  cBase = 0;
  constructor(readonly fn: LuaValue) {}
}

/** The running coroutine (undefined: the main chunk). */
let current: Coroutine | undefined = undefined;

function checkCo(v: LuaValue, n: number, fname: string, present = true): Coroutine {
  if (v instanceof Coroutine) return v;
  return typeError(n, fname, 'thread', v, present);
}

type Outcome = { ok: true; values: LuaValue[] } | { ok: false; error: LuaValue };

/** Start or continue co with `input`; host suspensions are returned to the caller to pass on. */
function step(co: Coroutine, input: LuaValue, isThrow: boolean, args: LuaValue[]): DriveResult | { error: LuaValue } {
  const prev = current;
  if (prev !== undefined) prev.status = 'normal';
  current = co;
  co.status = 'running';
  const savedBase = co.cBase;
  co.cBase = cDepth();
  try {
    if (!co.started) {
      co.started = true;
      co.stack = [genOf(co.fn, args)];
      return drive(co.stack, undefined, false);
    }
    return drive(co.stack, input, isThrow);
  } catch (e) {
    if (e instanceof LuaKill) throw e;
    const le = toLuaError(e);
    co.status = 'dead';
    co.stack = [];
    const value = le instanceof LuaError ? le.value : String((e as any)?.message ?? e);
    co.error = { value };
    return { error: value };
  } finally {
    co.cBase = savedBase;
    current = prev;
    if (prev !== undefined) prev.status = 'running';
    if (co.status === 'running') co.status = 'suspended';
  }
}

function finish(co: Coroutine, r: DriveResult | { error: LuaValue }): Outcome | Suspend {
  if ('error' in r) return { ok: false, error: r.error };
  if (r.done) {
    co.status = 'dead';
    return { ok: true, values: all(r.value) };
  }
  if (r.suspend.op === 'yield') return { ok: true, values: r.suspend.args };
  return r.suspend;
}

function cannotResume(co: Coroutine): Outcome | undefined {
  if (co.status === 'dead') return { ok: false, error: 'cannot resume dead coroutine' };
  if (co.status !== 'suspended') return { ok: false, error: `cannot resume non-suspended coroutine` };
  return undefined;
}

/** Resume from plain code: a host suspension inside cannot pass through here. */
function resumePlain(co: Coroutine, args: LuaValue[]): Outcome {
  const bad = cannotResume(co);
  if (bad) return bad;
  // resumed from plain code: a built-in boundary, so nothing inside may pause or suspend to the host
  enterC();
  try {
    return resumePlainBody(co, args);
  } finally {
    leaveC();
  }
}

function resumePlainBody(co: Coroutine, args: LuaValue[]): Outcome {
  let r = finish(co, step(co, results(args), false, args));
  while (r instanceof Suspend) {
    r = finish(co, step(co, new LuaError(`attempt to suspend ('${r.op}') across a C-call boundary`), true, []));
  }
  return r;
}

/** Resume from generator code: host suspensions are yielded outwards and their results fed back in. */
function* resumeGen(co: Coroutine, args: LuaValue[]): Generator<unknown, Outcome, LuaValue> {
  const bad = cannotResume(co);
  if (bad) return bad;
  let r = finish(co, step(co, results(args), false, args));
  while (r instanceof Suspend) {
    const hostResult = yield r;
    r = finish(co, step(co, hostResult, false, []));
  }
  return r;
}

const asResumeResult = (o: Outcome): LuaValue => (o.ok ? new Multi([true, ...o.values]) : new Multi([false, o.error]));

function wrapResult(o: Outcome): LuaValue {
  if (o.ok) return results(o.values);
  let e = o.error;
  if (typeof e === 'string') e = where(1) + e;
  throw new LuaError(e);
}

export function openCoroutine(G: LuaTable): LuaTable {
  const lib = new LuaTable();
  const def = (name: string, f: (...a: any[]) => LuaValue): void => lib.setStr(name, markBuiltin(f));

  def('create', (...args: LuaValue[]) => {
    if (typeof args[0] !== 'function') typeError(1, 'create', 'function', args[0], args.length > 0);
    return new Coroutine(args[0]);
  });

  def(
    'resume',
    withGen(
      (...args: LuaValue[]) => asResumeResult(resumePlain(checkCo(args[0], 1, 'resume', args.length > 0), args.slice(1))),
      function* (...args: LuaValue[]): LuaGenerator {
        return asResumeResult(yield* resumeGen(checkCo(args[0], 1, 'resume', args.length > 0), args.slice(1)));
      },
    ),
  );

  const yieldFn = suspending('yield');
  const yieldPlain = (..._args: LuaValue[]): LuaValue =>
    luaError(current === undefined ? 'attempt to yield from outside a coroutine' : 'attempt to yield across a C-call boundary');
  def('yield', withGen(yieldPlain, (yieldFn as any).$g));

  // the main thread is "normal" while a coroutine runs
  const statusOf = (co: Coroutine): string => (co === mainThread && current !== undefined ? 'normal' : co.status);
  def('status', (...args: LuaValue[]) => statusOf(checkCo(args[0], 1, 'status', args.length > 0)));

  def('running', () => (current === undefined ? new Multi([mainThread, true]) : new Multi([current, false])));

  def('isyieldable', (...args: LuaValue[]) => {
    const co = args.length > 0 ? checkCo(args[0], 1, 'isyieldable') : current;
    if (co === undefined || co === mainThread) return false;
    return co !== current || cDepth() === co.cBase;
  });

  def('wrap', (...args: LuaValue[]) => {
    if (typeof args[0] !== 'function') typeError(1, 'wrap', 'function', args[0], args.length > 0);
    const co = new Coroutine(args[0]);
    return markBuiltin(
      withGen(
        (...a: LuaValue[]) => wrapResult(resumePlain(co, a)),
        function* (...a: LuaValue[]): LuaGenerator {
          return wrapResult(yield* resumeGen(co, a));
        },
      ),
    );
  });

  def('close', (...args: LuaValue[]) => {
    const co = checkCo(args[0], 1, 'close');
    const st = statusOf(co);
    if (st === 'running' || st === 'normal') luaError(`cannot close a ${st} coroutine`);
    // run pending to-be-closed variables: returning from each suspended generator runs its finally blocks
    let err: unknown = NOERR;
    // Lua closes the variables inside the coroutine: it is "running" meanwhile
    if (co.stack.length > 0) co.status = 'running';
    for (let i = co.stack.length - 1; i >= 0; i--) {
      try {
        co.stack[i].return(undefined);
      } catch (e) {
        err = e;
      }
    }
    co.stack = [];
    co.status = 'dead';
    if (err !== NOERR) {
      const le = toLuaError(err);
      return new Multi([false, le instanceof LuaError ? le.value : String(err)]);
    }
    if (co.error !== undefined) {
      const v = co.error.value;
      co.error = undefined;
      return new Multi([false, v]);
    }
    return true;
  });

  G.setStr('coroutine', lib);
  return lib;
}

/** The main "thread" value returned by coroutine.running() outside any coroutine. */
const mainThread = new Coroutine(undefined);
mainThread.status = 'running';
