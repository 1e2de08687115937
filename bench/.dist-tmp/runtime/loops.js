// Loop support for compiled code: numeric `for` preparation and generic `for` iterators.
import { luaError } from './error.js';
import { call, metamethod, typeNameMeta } from './meta.js';
import { MAX_SAFE, floatToInt, mkfloat, normInt, toNumber } from './number.js';
import { closeVar } from './closing.js';
import { LuaTable, Multi } from './value.js';
import { PendingCall, genOf } from './suspend.js';
/** Loop modes: 0 integer (JS numbers), 1 float, 2 integer beyond 2^53 (bigints). */
export function forprep(init, limit, step = 1) {
    if (typeof init === 'number' && typeof limit === 'number' && typeof step === 'number' &&
        Number.isInteger(init) && Number.isInteger(limit) && Number.isInteger(step) && step !== 0 &&
        Math.abs(limit) + Math.abs(step) <= MAX_SAFE) {
        return [init, limit, step, 0];
    }
    const i = forNum(init, 'initial value');
    const l = forNum(limit, 'limit');
    const s = forNum(step, 'step');
    const intLoop = isInt(i) && isInt(s);
    if (intLoop) {
        if (s === 0 || s === 0n)
            return luaError("'for' step is zero");
        // clip a float limit to the integer range (Lua's forlimit)
        let lim;
        if (isInt(l))
            lim = l;
        else {
            const f = fval(l);
            if (f !== f)
                return [0, -1, 1, 0]; // NaN limit: no iterations
            const fl = fval(s) > 0 ? Math.floor(f) : Math.ceil(f);
            const li = floatToInt(fl);
            if (li !== undefined)
                lim = li;
            else if (fl > 0) {
                if (fval(s) < 0)
                    return [0, -1, 1, 0];
                lim = 9223372036854775807n;
            }
            else {
                if (fval(s) > 0)
                    return [0, -1, 1, 0];
                lim = -9223372036854775808n;
            }
        }
        const bi = BigInt(i), bl = BigInt(lim), bs = BigInt(s);
        if (absB(bi) + absB(bs) <= BigInt(MAX_SAFE) && absB(bl) + absB(bs) <= BigInt(MAX_SAFE))
            return [Number(bi), Number(bl), Number(bs), 0];
        return [bi, bl, bs, 2];
    }
    const fs = fval(s);
    if (fs === 0)
        return luaError("'for' step is zero");
    return [fval(i), fval(l), fs, 1];
}
/** The loop variable's Lua value in float and bigint modes. */
export function forvar(i, mode) {
    return mode === 1 ? mkfloat(i) : normInt(i);
}
function absB(b) {
    return b < 0n ? -b : b;
}
function isInt(v) {
    return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}
function fval(v) {
    return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v.n;
}
function forNum(v, what) {
    const n = typeof v === 'string' ? undefined : toNumber(v);
    if (n === undefined)
        return luaError(`bad 'for' ${what} (number expected, got ${typeNameMeta(v)})`);
    return n;
}
// ---- generic for ----
/** State of a `for ... in` loop. `step()` advances (plain callers); `pend()`/`accept()` for generator callers. */
export class ForIter {
    f;
    s;
    c;
    closing;
    k = undefined;
    v = undefined;
    rest = undefined;
    isG;
    /** ipairs fast path: the table, when the iterator is ipairs' and the table has no metatable */
    arr = undefined;
    i = 0;
    constructor(f, s, c, closing) {
        this.f = f;
        this.s = s;
        this.c = c;
        this.closing = closing;
        this.isG = typeof f !== 'function' || f.$g !== undefined;
        if (f === ipairsIter && s instanceof LuaTable && s.mt === undefined) {
            this.arr = s;
            this.i = typeof c === 'number' ? c : 0;
        }
        if (typeof f !== 'function' && metamethod(f, '__call') === undefined) {
            luaError(`attempt to call a ${typeNameMeta(f)} value (for iterator 'for iterator')`);
        }
    }
    step() {
        const t = this.arr;
        if (t !== undefined) {
            const i = ++this.i;
            const v = i <= t.a.length ? t.a[i - 1] : t.getInt(i);
            if (v === undefined)
                return false;
            this.k = i;
            this.v = v;
            return true;
        }
        return this.accept(call(this.f, this.s, this.c));
    }
    pend() {
        return new PendingCall(genOf(this.f, [this.s, this.c]));
    }
    accept(r) {
        let k;
        if (r instanceof Multi) {
            const vs = r.v;
            k = vs[0];
            this.v = vs[1];
            this.rest = vs.length > 2 ? vs : undefined;
        }
        else {
            k = r;
            this.v = undefined;
            this.rest = undefined;
        }
        if (k === undefined)
            return false;
        this.k = this.c = k;
        return true;
    }
    extra(n) {
        return this.rest === undefined ? undefined : this.rest[n];
    }
    close(err) {
        closeVar(this.closing, err);
    }
}
export function forIter(vals) {
    return new ForIter(vals[0], vals[1], vals[2], vals[3]);
}
/** ipairs' iterator function (set by the base library so the loop can recognise it). */
export let ipairsIter = undefined;
export function setIpairsIter(f) {
    ipairsIter = f;
}
//# sourceMappingURL=loops.js.map