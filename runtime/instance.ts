// A script instance: one main function bound to its own _ENV, run by the host.
//
//   run()            start the main chunk
//   resume(values)   continue after a suspension, with the suspending call's results
//   kill(reason)     drop the instance (its pending state is discarded)
//
// run/resume return { status: 'done' | 'suspended' | 'error' }. A CPU time limit per run/resume slice
// stops a runaway script with "CPU time limit exceeded" (which pcall cannot catch).

import type { CompiledScript } from '../compiler/index.js';
import { PAUSE, endSlice, startSlice } from './budget.js';
import { chunkFactory } from './chunk.js';
import { toLuaError } from './error.js';
import { drive, type LuaGenerator } from './suspend.js';
import { createGlobals, createLibraries, type GlobalsOptions, type Libraries, type LibraryOptions } from './stdlib.js';
import { GM, stringMeta, metamethod, call } from './meta.js';
import { numberToString } from './number.js';
import { LFloat, LuaError, LuaKill, LuaTable, LuaValue, all, first, results } from './value.js';

export type RunResult =
  | { status: 'done'; values: LuaValue[] }
  | { status: 'suspended'; op: string; args: LuaValue[] }
  /** the script used up its pause slice (pauseAfterMs) in code that can pause: resume() continues it */
  | { status: 'paused' }
  | { status: 'error'; error: LuaError; message: string; cpuLimit: boolean };

export interface InstanceOptions extends Partial<GlobalsOptions>, LibraryOptions {
  /** extra globals (e.g. the gateway's `solidb`, `request`, `response`) */
  globals?: Record<string, LuaValue>;
  /** CPU time allowed per run/resume slice, in ms; then the script is killed (default: no limit) */
  cpuLimitMs?: number;
  /** pause (status 'paused') a script that runs this long in one slice, where it can pause (default: never) */
  pauseAfterMs?: number;
  /** the main chunk's `...` */
  args?: LuaValue[];
  /** library tables to use (shared with other instances; their os.getenv, not `getenv`, applies); default: fresh copies for this instance */
  libraries?: Libraries;
}

const START = 0;
const CONTINUE = 1;

export class Instance {
  readonly env: LuaTable;
  private main: LuaValue;
  private stack: LuaGenerator[] | undefined;
  private state: 'new' | 'suspended' | 'paused' | 'done' | 'dead' = 'new';
  private readonly cpuLimitMs: number;
  private readonly stringMt: LuaTable;

  constructor(
    script: CompiledScript,
    private readonly opts: InstanceOptions = {},
  ) {
    const libs = opts.libraries ?? createLibraries(opts);
    this.env = createGlobals(opts, libs);
    if (opts.globals) for (const k of Object.keys(opts.globals)) this.env.setField(k, opts.globals[k]);
    this.stringMt = libs.stringMt;
    this.main = chunkFactory(script)(this.env);
    this.cpuLimitMs = opts.cpuLimitMs ?? Infinity;
  }

  run(): RunResult {
    if (this.state !== 'new') throw new Error(`instance already ${this.state}`);
    return this.slice(START, undefined);
  }

  resume(values: LuaValue[] = []): RunResult {
    if (this.state !== 'suspended' && this.state !== 'paused') throw new Error(`cannot resume an instance that is ${this.state}`);
    return this.slice(CONTINUE, results(values));
  }

  /** Start the main function (a plain one runs to the end here). */
  private start(): RunResult {
    const args = this.opts.args ?? [];
    const g = this.main.$g;
    if (g === undefined) return { status: 'done', values: all(this.main(...args)) };
    this.stack = [g(...args)];
    return this.step(undefined);
  }

  kill(_reason = 'killed'): void {
    this.stack = undefined;
    this.state = 'dead';
  }

  get status(): string {
    return this.state;
  }

  private step(input: LuaValue): RunResult {
    let r = drive(this.stack!, input, false);
    // coroutine.yield reaching the host: the main chunk is not a coroutine
    while (!r.done && r.suspend.op === 'yield') r = drive(this.stack!, new LuaError('attempt to yield from outside a coroutine'), true);
    if (r.done) {
      this.stack = undefined;
      return { status: 'done', values: all(r.value) };
    }
    if (r.suspend === PAUSE) return { status: 'paused' };
    return { status: 'suspended', op: r.suspend.op, args: r.suspend.args };
  }

  /** One run or resume (no closure per call: resuming is the gateway's hot path). */
  private slice(what: typeof START | typeof CONTINUE, input: LuaValue): RunResult {
    startSlice(this.cpuLimitMs, this.opts.pauseAfterMs ?? Infinity);
    stringMeta.mt = this.stringMt;
    try {
      const r = what === START ? this.start() : this.step(input);
      this.state = r.status === 'suspended' ? 'suspended' : r.status === 'paused' ? 'paused' : 'done';
      return r;
    } catch (e) {
      GM.on = false;
      this.stack = undefined;
      this.state = 'dead';
      if (e instanceof LuaKill) {
        const err = new LuaError(e.reason);
        return { status: 'error', error: err, message: e.reason, cpuLimit: true };
      }
      const le = toLuaError(e);
      if (le instanceof LuaError) return { status: 'error', error: le, message: errorMessage(le.value), cpuLimit: false };
      throw e;
    } finally {
      endSlice();
    }
  }
}

/** How the standalone interpreter shows an uncaught error object (lua.c's msghandler). */
export function errorMessage(v: LuaValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat) return numberToString(v);
  const mm = metamethod(v, '__tostring');
  if (mm !== undefined) {
    try {
      const s = first(call(mm, v));
      if (typeof s === 'string') return s;
    } catch {
      // fall through to the generic message
    }
  }
  return new LuaError(v).toString();
}

export function createInstance(script: CompiledScript, opts: InstanceOptions = {}): Instance {
  return new Instance(script, opts);
}
