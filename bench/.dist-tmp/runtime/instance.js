// A script instance: one main function bound to its own _ENV, run by the host.
//
//   run()            start the main chunk
//   resume(values)   continue after a suspension, with the suspending call's results
//   kill(reason)     drop the instance (its pending state is discarded)
//
// run/resume return { status: 'done' | 'suspended' | 'error' }. A CPU time limit per run/resume slice
// stops a runaway script with "CPU time limit exceeded" (which pcall cannot catch).
import { endSlice, startSlice } from './budget.js';
import { chunkFactory } from './chunk.js';
import { toLuaError } from './error.js';
import { drive } from './suspend.js';
import { createGlobals, stringMetatableFor } from './stdlib.js';
import { stringMeta, metamethod, call } from './meta.js';
import { numberToString } from './number.js';
import { LFloat, LuaError, LuaKill, all, first, results } from './value.js';
export class Instance {
    opts;
    env;
    main;
    stack;
    state = 'new';
    cpuLimitMs;
    stringMt;
    constructor(script, opts = {}) {
        this.opts = opts;
        this.env = createGlobals(opts);
        if (opts.globals)
            for (const k of Object.keys(opts.globals))
                this.env.setStr(k, opts.globals[k]);
        this.stringMt = stringMetatableFor(this.env);
        this.main = chunkFactory(script)(this.env);
        this.cpuLimitMs = opts.cpuLimitMs ?? Infinity;
    }
    run() {
        if (this.state !== 'new')
            throw new Error(`instance already ${this.state}`);
        const args = this.opts.args ?? [];
        return this.slice(() => {
            const g = this.main.$g;
            if (g === undefined)
                return { status: 'done', values: all(this.main(...args)) };
            this.stack = [g(...args)];
            return this.step(undefined);
        });
    }
    resume(values = []) {
        if (this.state !== 'suspended')
            throw new Error(`cannot resume an instance that is ${this.state}`);
        return this.slice(() => this.step(results(values)));
    }
    kill(_reason = 'killed') {
        this.stack = undefined;
        this.state = 'dead';
    }
    get status() {
        return this.state;
    }
    step(input) {
        let r = drive(this.stack, input, false);
        // coroutine.yield reaching the host: the main chunk is not a coroutine
        while (!r.done && r.suspend.op === 'yield')
            r = drive(this.stack, new LuaError('attempt to yield from outside a coroutine'), true);
        if (r.done) {
            this.stack = undefined;
            return { status: 'done', values: all(r.value) };
        }
        return { status: 'suspended', op: r.suspend.op, args: r.suspend.args };
    }
    slice(body) {
        startSlice(this.cpuLimitMs);
        stringMeta.mt = this.stringMt;
        try {
            const r = body();
            this.state = r.status === 'suspended' ? 'suspended' : 'done';
            return r;
        }
        catch (e) {
            this.stack = undefined;
            this.state = 'dead';
            if (e instanceof LuaKill) {
                const err = new LuaError(e.reason);
                return { status: 'error', error: err, message: e.reason, cpuLimit: true };
            }
            const le = toLuaError(e);
            if (le instanceof LuaError)
                return { status: 'error', error: le, message: errorMessage(le.value), cpuLimit: false };
            throw e;
        }
        finally {
            endSlice();
        }
    }
}
/** How the standalone interpreter shows an uncaught error object (lua.c's msghandler). */
export function errorMessage(v) {
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat)
        return numberToString(v);
    const mm = metamethod(v, '__tostring');
    if (mm !== undefined) {
        try {
            const s = first(call(mm, v));
            if (typeof s === 'string')
                return s;
        }
        catch {
            // fall through to the generic message
        }
    }
    return new LuaError(v).toString();
}
export function createInstance(script, opts = {}) {
    return new Instance(script, opts);
}
//# sourceMappingURL=instance.js.map