// Loop support for compiled code: numeric `for` preparation and generic `for` iterators.

import { luaError } from './error.js';
import { call, metamethod, typeNameMeta } from './meta.js';
import { MAX_SAFE, floatToInt, mkfloat, normInt, toNumber } from './number.js';
import { closeVar } from './closing.js';
import { LFloat, LuaTable, LuaValue, Multi } from './value.js';
import { PendingCall, genOf } from './suspend.js';

/** Loop modes: 0 integer (JS numbers), 1 float, 2 integer beyond 2^53 (bigints), 3 once with a NaN variable. */
export function forprep(init: LuaValue, limit: LuaValue, step?: LuaValue): [any, any, any, number] {
  // no step given: 1 (an explicit nil step is an error)
  if (arguments.length < 3) step = 1;
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
    if (s === 0 || s === 0n) return luaError("'for' step is zero");
    // clip a float limit to the integer range (Lua's forlimit)
    let lim: number | bigint;
    if (isInt(l)) lim = l as number | bigint;
    else {
      const f = fval(l);
      // NaN compares as "below every integer", as in Lua's forlimit
      const fl = f !== f ? -Infinity : fval(s) > 0 ? Math.floor(f) : Math.ceil(f);
      const li = floatToInt(fl);
      if (li !== undefined) lim = li;
      else if (fl > 0) {
        if (fval(s) < 0) return [0, -1, 1, 0];
        lim = 9223372036854775807n;
      } else {
        if (fval(s) > 0) return [0, -1, 1, 0];
        lim = -9223372036854775808n;
      }
    }
    const bi = BigInt(i as any), bl = BigInt(lim), bs = BigInt(s as any);
    if (absB(bi) + absB(bs) <= BigInt(MAX_SAFE) && absB(bl) + absB(bs) <= BigInt(MAX_SAFE)) return [Number(bi), Number(bl), Number(bs), 0];
    return [bi, bl, bs, 2];
  }
  const fs = fval(s);
  if (fs === 0) return luaError("'for' step is zero");
  const fi = fval(i), fl = fval(l);
  // Lua skips the loop only if `limit < init` (step > 0) or `init < limit`; with a NaN bound neither
  // holds, so the body runs once (and the loop's `<=` test ends it). Encode "once": a NaN step.
  if (fi !== fi) {
    onceNaN = fi; // (kept out of the array, where V8 could canonicalize the NaN's sign)
    return [0, 0, NaN, 3];
  }
  if (fl !== fl) return [fi, fi, NaN, 1];
  return [fi, fl, fs, 1];
}

/** The limit of an integer loop with literal start and step (Lua's forlimit): floats clipped, NaN → no loop. */
export function forlimit(start: number, limit: LuaValue, step: number): number {
  const l = forNum(limit, 'limit');
  const max = Number.MAX_SAFE_INTEGER - Math.abs(step);
  let n: number;
  if (typeof l === 'bigint') n = Number(l);
  else {
    const f = fval(l);
    // NaN compares as "below every integer", as in Lua's forlimit
    n = f !== f ? -Infinity : step > 0 ? Math.floor(f) : Math.ceil(f);
  }
  // past 2^53 the loop could not end in any reasonable time anyway
  return n > max ? max : n < -max ? -max : n;
}

let onceNaN = NaN;

/** The loop variable's Lua value in float and bigint modes. */
export function forvar(i: any, mode: number): LuaValue {
  return mode === 1 ? mkfloat(i) : mode === 3 ? onceNaN : normInt(i);
}

function absB(b: bigint): bigint {
  return b < 0n ? -b : b;
}
function isInt(v: LuaValue): boolean {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}
function fval(v: LuaValue): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : (v as LFloat).n;
}
function forNum(v: LuaValue, what: string): number | bigint | LFloat {
  // numeric strings are accepted (and make a float loop: only true integers make an integer loop)
  const n = typeof v === 'string' ? floatOf(toNumber(v)) : toNumber(v);
  if (n === undefined) return luaError(`bad 'for' ${what} (number expected, got ${typeNameMeta(v)})`);
  return n;
}

// ---- generic for ----

/** State of a `for ... in` loop. `step()` advances (plain callers); `pend()`/`accept()` for generator callers. */
export class ForIter {
  k: LuaValue = undefined;
  v: LuaValue = undefined;
  rest: LuaValue[] | undefined = undefined;
  isG: boolean;
  /** ipairs fast path: the table, when the iterator is ipairs' and the table has no metatable */
  private arr: LuaTable | undefined = undefined;
  private i = 0;
  /**
   * pairs fast path (the iterator is the raw next, from the start): the table and its keys, walked
   * here as next() would walk them, without a call and a result list per step
   */
  private tbl: LuaTable | undefined = undefined;
  private keys: LuaValue[] | undefined = undefined;
  constructor(
    public f: LuaValue,
    public s: LuaValue,
    public c: LuaValue,
    public closing: LuaValue,
  ) {
    this.isG = typeof f !== 'function' || f.$g !== undefined;
    if (f === ipairsIter && s instanceof LuaTable && s.mt === undefined) {
      this.arr = s;
      this.i = typeof c === 'number' ? c : 0;
    }
    if (f === nextFn) {
      if (!(s instanceof LuaTable)) luaError(`bad argument #1 to 'for iterator' (table expected, got ${typeNameMeta(s)})`);
      if (c === undefined) this.tbl = s;
    }
    if (typeof f !== 'function' && metamethod(f, '__call') === undefined) {
      luaError(`attempt to call a ${typeNameMeta(f)} value (for iterator 'for iterator')`);
    }
  }

  step(): boolean {
    const t = this.arr;
    if (t !== undefined) {
      const i = ++this.i;
      const v = i <= t.a.length ? t.a[i - 1] : t.getInt(i);
      if (v === undefined) return false;
      this.k = i;
      this.v = v;
      return true;
    }
    const tbl = this.tbl;
    if (tbl !== undefined) {
      const keys = (this.keys ??= tbl.snapshotKeys());
      while (this.i < keys.length) {
        const k = keys[this.i++];
        const v = tbl.get(k);
        if (v !== undefined) {
          this.k = this.c = k;
          this.v = v;
          return true;
        }
      }
      return false;
    }
    return this.accept(call(this.f, this.s, this.c));
  }

  pend(): PendingCall {
    return new PendingCall(genOf(this.f, [this.s, this.c]));
  }

  accept(r: LuaValue): boolean {
    let k: LuaValue;
    if (r instanceof Multi) {
      const vs = r.v;
      k = vs[0];
      this.v = vs[1];
      this.rest = vs.length > 2 ? vs : undefined;
    } else {
      k = r;
      this.v = undefined;
      this.rest = undefined;
    }
    if (k === undefined) return false;
    this.k = this.c = k;
    return true;
  }

  extra(n: number): LuaValue {
    return this.rest === undefined ? undefined : this.rest[n];
  }

  close(err: unknown): void {
    closeVar(this.closing, err);
  }
}

export function forIter(vals: LuaValue[]): ForIter {
  return new ForIter(vals[0], vals[1], vals[2], vals[3]);
}

/** ipairs' iterator function (set by the base library so the loop can recognise it). */
export let ipairsIter: LuaValue = undefined;
export function setIpairsIter(f: LuaValue): void {
  ipairsIter = f;
}

/** The base library's next (so a `for ... in pairs(x)` over a non-table names 'for iterator'). */
let nextFn: LuaValue = undefined;
export function setNextFn(f: LuaValue): void {
  nextFn = f;
}

function floatOf(n: number | bigint | LFloat | undefined): number | LFloat | undefined {
  if (n === undefined) return undefined;
  return mkfloat(typeof n === 'number' ? n : typeof n === 'bigint' ? Number(n) : n.n);
}
