// The Lua 5.4 `table` library (ltablib.c): concat, insert, move, pack, remove, sort, unpack.
//
// Like PUC Lua, every access goes through lua_geti/lua_seti semantics (honouring __index, __newindex
// and __len). Tables without those metamethods take a raw fast path on the array part.
// Errors raised by luaL_error get the caller's position (luaError); errors that PUC Lua raises from
// inside the C function (comparisons in sort, length of a non-table) carry no position.

import { argError, luaError } from '../error.js';
import { call, getMetatable, metamethod, typeNameMeta, enterC, leaveC } from '../meta.js';
import { MAXINTEGER, normInt, numberToString, toInteger } from '../number.js';
import { eq, index, isBuiltin, markBuiltin, setindex } from '../ops.js';
import { LFloat, LuaError, LuaTable, LuaValue, Multi, NONE, truthy, type } from '../value.js';
import { checkInt, checkString, typeError } from './args.js';

type Int = number | bigint;

const TAB_R = 1, TAB_W = 2, TAB_L = 4;
const INT_MAX = 2147483647;
/** Lua's stack limit (LUAI_MAXSTACK) less a few slots already in use: beyond it unpack fails. */
const MAX_RESULTS = 1000000 - 20;

/** A table whose integer keys can be accessed raw (no __index/__newindex/__len). */
function isPlain(t: LuaValue): t is LuaTable {
  if (!(t instanceof LuaTable)) return false;
  const mt = t.mt;
  return mt === undefined || (mt.getStr('__index') === undefined && mt.getStr('__newindex') === undefined && mt.getStr('__len') === undefined);
}

/** checktab: a table, or a value whose metatable has the required metamethods. */
function checkTab(v: LuaValue, n: number, fname: string, what: number, present: boolean): void {
  if (v instanceof LuaTable) return;
  const mt = getMetatable(v);
  if (
    mt !== undefined &&
    (!(what & TAB_R) || mt.get('__index') !== undefined) &&
    (!(what & TAB_W) || mt.get('__newindex') !== undefined) &&
    (!(what & TAB_L) || mt.get('__len') !== undefined)
  ) {
    return;
  }
  typeError(n, fname, 'table', v, present);
}

/** luaL_len: the length (with __len) as an integer. */
function lenOf(v: LuaValue): Int {
  if (v instanceof LuaTable) {
    const mt = v.mt;
    const mm = mt === undefined ? undefined : mt.getStr('__len');
    if (mm === undefined) return v.length();
    const r = call(mm, v);
    const i = toInteger(r instanceof Multi ? r.v[0] : r);
    if (i === undefined) return luaError('object length is not an integer');
    return i;
  }
  if (typeof v === 'string') return v.length;
  const mm = metamethod(v, '__len');
  if (mm !== undefined) {
    const r = call(mm, v);
    const i = toInteger(r instanceof Multi ? r.v[0] : r);
    if (i === undefined) return luaError('object length is not an integer');
    return i;
  }
  // raised inside the C function: no position
  throw new LuaError(`attempt to get length of a ${typeNameMeta(v)} value`);
}

/** aux_getn */
function getn(t: LuaValue, fname: string, what: number, present: boolean): Int {
  checkTab(t, 1, fname, what | TAB_L, present);
  return lenOf(t);
}

/** luaL_checkinteger distinguishing an absent argument. */
function intArg(v: LuaValue, present: boolean, n: number, fname: string): Int {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v === undefined) return typeError(n, fname, 'number', v, present);
  return checkInt(v, n, fname);
}
function optInt(v: LuaValue, n: number, fname: string, def: Int): Int {
  if (v === undefined) return def;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  return checkInt(v, n, fname);
}

/** lua_geti / lua_seti with integer keys that may be bigints. */
function geti(t: LuaValue, i: Int): LuaValue {
  if (typeof i === 'bigint') i = normInt(i);
  return indexFromC(t, i);
}

/**
 * lua_geti as a C function does it: indexing a value that cannot be indexed fails without a position
 * or a variable name ("attempt to index a nil value"), unlike the same fault in Lua code.
 */
export function indexFromC(o: LuaValue, k: LuaValue): LuaValue {
  if (o instanceof LuaTable && o.mt === undefined) return o.get(k);
  // walk the __index chain up to a handler function, a raw hit or a miss: only an unindexable link fails
  let cur = o;
  for (let loop = 0; loop < MAX_INDEX_CHAIN; loop++) {
    let h: LuaValue;
    if (cur instanceof LuaTable) {
      if (cur.get(k) !== undefined) break;
      h = cur.mt?.getStr('__index');
      if (h === undefined) break;
    } else {
      h = metamethod(cur, '__index');
      if (h === undefined) throw new LuaError(`attempt to index a ${typeNameMeta(cur)} value`);
    }
    if (typeof h === 'function') break;
    cur = h;
  }
  return index(o, k);
}
const MAX_INDEX_CHAIN = 2000;
function seti(t: LuaValue, i: Int, v: LuaValue): void {
  if (typeof i === 'bigint') i = normInt(i);
  setindex(t, i, v);
}

function big(i: Int): bigint {
  return typeof i === 'bigint' ? i : BigInt(i);
}
/** Exact int64 result of integer arithmetic as a number when safe. */
function norm(b: bigint): Int {
  return normInt(b);
}
const SAFE = Number.MAX_SAFE_INTEGER;

// ---- insert / remove ----

function tinsert(this: unknown, t: LuaValue, a2: LuaValue, a3: LuaValue): LuaValue {
  const nargs = arguments.length;
  if (nargs === 2 && t instanceof LuaTable && t.mt === undefined) {
    // hot path: append to a plain table
    if (t.h === undefined) {
      if (a2 !== undefined) t.a.push(a2);
    } else {
      t.setInt(t.length() + 1, a2);
    }
    return NONE;
  }
  const size = getn(t, 'insert', TAB_R | TAB_W, nargs >= 1);
  const plain = isPlain(t);
  if (typeof size === 'number' && size < SAFE) {
    const e = size + 1; // first empty element
    let pos: number;
    switch (nargs) {
      case 2:
        pos = e;
        break;
      case 3: {
        const p = intArg(a2, true, 2, 'insert');
        // check whether 'pos' is in [1, e]
        if (typeof p !== 'number' || p < 1 || p > e) return argError(2, 'insert', 'position out of bounds');
        pos = p;
        if (plain && t.h === undefined && a3 !== undefined && t.a.length === size) {
          t.a.splice(pos - 1, 0, a3);
          return NONE;
        }
        if (plain) {
          for (let i = e; i > pos; i--) t.setInt(i, t.getInt(i - 1));
        } else {
          for (let i = e; i > pos; i--) setindex(t, i, index(t, i - 1));
        }
        a2 = a3;
        break;
      }
      default:
        return luaError("wrong number of arguments to 'insert'");
    }
    if (plain) t.setInt(pos, a2);
    else setindex(t, pos, a2);
    return NONE;
  }
  // sizes beyond 2^53 (only through __len): int64 arithmetic
  const e = BigInt.asIntN(64, big(size) + 1n);
  let pos: bigint;
  switch (nargs) {
    case 2:
      pos = e;
      break;
    case 3: {
      pos = big(intArg(a2, true, 2, 'insert'));
      if (!(BigInt.asUintN(64, pos - 1n) < BigInt.asUintN(64, e))) return argError(2, 'insert', 'position out of bounds');
      for (let i = e; i > pos; i--) seti(t, i, geti(t, i - 1n));
      a2 = a3;
      break;
    }
    default:
      return luaError("wrong number of arguments to 'insert'");
  }
  seti(t, pos, a2);
  return NONE;
}

function tremove(this: unknown, t: LuaValue, p: LuaValue): LuaValue {
  const nargs = arguments.length;
  const size = getn(t, 'remove', TAB_R | TAB_W, nargs >= 1);
  if (typeof size === 'number' && size < SAFE) {
    let pos: Int = p === undefined ? size : optInt(p, 2, 'remove', size);
    if (pos !== size) {
      // check whether 'pos' is in [1, size + 1]
      if (typeof pos !== 'number' || pos < 1 || pos > size + 1) return argError(2, 'remove', 'position out of bounds');
    }
    let ps = pos as number;
    if (isPlain(t)) {
      const a = t.a;
      if (ps >= 1 && ps <= size && a.length === size) {
        const v = a[ps - 1];
        if (ps === size) {
          t.setInt(ps, undefined);
        } else {
          a.splice(ps - 1, 1);
          // keep the invariant: the array part never ends in nil
          let m = a.length;
          while (m > 0 && a[m - 1] === undefined) m--;
          a.length = m;
        }
        return v;
      }
      const v = t.getInt(ps);
      for (; ps < size; ps++) t.setInt(ps, t.getInt(ps + 1));
      t.setInt(ps, undefined);
      return v;
    }
    const v = index(t, ps);
    for (; ps < size; ps++) setindex(t, ps, index(t, ps + 1));
    setindex(t, ps, undefined);
    return v;
  }
  const sz = big(size);
  let pos = big(optInt(p, 2, 'remove', size));
  if (pos !== sz) {
    if (!(BigInt.asUintN(64, pos - 1n) <= BigInt.asUintN(64, sz))) return argError(2, 'remove', 'position out of bounds');
  }
  const v = geti(t, pos);
  for (; pos < sz; pos++) seti(t, pos, geti(t, pos + 1n));
  seti(t, pos, undefined);
  return v;
}

// ---- move ----

function tmove(this: unknown, a1: LuaValue, f0: LuaValue, e0: LuaValue, t0: LuaValue, tt0: LuaValue): LuaValue {
  const nargs = arguments.length;
  const f = intArg(f0, nargs >= 2, 2, 'move');
  const e = intArg(e0, nargs >= 3, 3, 'move');
  const t = intArg(t0, nargs >= 4, 4, 'move');
  const tt = tt0 !== undefined ? tt0 : a1; // destination table
  checkTab(a1, 1, 'move', TAB_R, nargs >= 1);
  checkTab(tt, tt0 !== undefined ? 5 : 1, 'move', TAB_W, true);
  const other = tt0 !== undefined && a1 !== tt && !eq(a1, tt);
  if (typeof f === 'number' && typeof e === 'number' && typeof t === 'number') {
    if (e >= f) {
      // with safe integers 'too many elements' and 'destination wrap around' cannot happen
      const n = e - f + 1; // number of elements to move
      if (t + n - 1 > SAFE) return moveBig(a1, tt, BigInt(f), BigInt(e), BigInt(t), other);
      const src = a1, dst = tt;
      const plain = isPlain(src) && isPlain(dst);
      if (t > e || t <= f || other) {
        if (plain) {
          const s = src as LuaTable, d = dst as LuaTable;
          for (let i = 0; i < n; i++) d.setInt(t + i, s.getInt(f + i));
        } else {
          for (let i = 0; i < n; i++) setindex(dst, t + i, index(src, f + i));
        }
      } else {
        if (plain) {
          const s = src as LuaTable, d = dst as LuaTable;
          for (let i = n - 1; i >= 0; i--) d.setInt(t + i, s.getInt(f + i));
        } else {
          for (let i = n - 1; i >= 0; i--) setindex(dst, t + i, index(src, f + i));
        }
      }
    }
    return tt;
  }
  const F = big(f), E = big(e), T = big(t);
  if (E >= F) {
    if (!(F > 0n || E < MAXINTEGER + F)) return argError(3, 'move', 'too many elements to move');
    const n = E - F + 1n;
    if (!(T <= MAXINTEGER - n + 1n)) return argError(4, 'move', 'destination wrap around');
    return moveBig(a1, tt, F, E, T, other);
  }
  return tt;
}

function moveBig(src: LuaValue, dst: LuaValue, f: bigint, e: bigint, t: bigint, other: boolean): LuaValue {
  const n = e - f + 1n;
  if (t > e || t <= f || other) {
    for (let i = 0n; i < n; i++) seti(dst, t + i, geti(src, f + i));
  } else {
    for (let i = n - 1n; i >= 0n; i--) seti(dst, t + i, geti(src, f + i));
  }
  return dst;
}

// ---- concat ----

function addfield(t: LuaValue, plain: boolean, i: Int): string {
  const v = plain && typeof i === 'number' ? (t as LuaTable).getInt(i) : geti(t, i);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat) return numberToString(v);
  return luaError(`invalid value (${type(v)}) at index ${String(i)} in table for 'concat'`);
}

function tconcat(this: unknown, t: LuaValue, sep0: LuaValue, i0: LuaValue, j0: LuaValue): LuaValue {
  const last0 = getn(t, 'concat', TAB_R, arguments.length >= 1);
  const sep = sep0 === undefined ? '' : checkString(sep0, 2, 'concat');
  let i = optInt(i0, 3, 'concat', 1);
  let last = optInt(j0, 4, 'concat', last0);
  const plain = isPlain(t);
  if (typeof i === 'number' && typeof last === 'number' && last < SAFE) {
    if (i > last) return '';
    if (plain && i >= 1 && last <= (t as LuaTable).a.length) {
      // common case: a run of strings in the array part
      const a = (t as LuaTable).a;
      let allStr = true;
      for (let k = i - 1; k < last; k++) {
        if (typeof a[k] !== 'string') {
          allStr = false;
          break;
        }
      }
      if (allStr) return (i === 1 && last === a.length ? a : a.slice(i - 1, last)).join(sep);
    }
    let out = '';
    for (; i < last; i++) {
      out += addfield(t, plain, i);
      out += sep;
    }
    return out + addfield(t, plain, last);
  }
  let I = big(i);
  const L = big(last);
  let out = '';
  for (; I < L; I++) {
    out += addfield(t, plain, norm(I));
    out += sep;
  }
  if (I === L) out += addfield(t, plain, norm(I));
  return out;
}

// ---- pack / unpack ----

function tpack(...args: LuaValue[]): LuaValue {
  const n = args.length;
  const t = new LuaTable(args);
  t.setStr('n', n);
  return t;
}

function tunpack(this: unknown, t: LuaValue, i0: LuaValue, j0: LuaValue): LuaValue {
  const i = optInt(i0, 2, 'unpack', 1);
  const e = j0 === undefined ? lenOf(t) : optInt(j0, 3, 'unpack', 0);
  if (typeof i === 'number' && typeof e === 'number') {
    if (i > e) return NONE;
    const n = e - i + 1;
    if (n >= MAX_RESULTS) return luaError('too many results to unpack');
    if (isPlain(t)) {
      if (i >= 1 && e <= t.a.length) {
        if (n === 1) return t.a[i - 1];
        return new Multi(t.a.slice(i - 1, e));
      }
      const out = new Array(n);
      for (let k = 0; k < n; k++) out[k] = t.getInt(i + k);
      return n === 1 ? out[0] : new Multi(out);
    }
    const out = new Array(n);
    for (let k = 0; k < n; k++) out[k] = indexFromC(t, i + k);
    return n === 1 ? out[0] : new Multi(out);
  }
  const I = big(i), E = big(e);
  if (I > E) return NONE;
  const n = BigInt.asUintN(64, E - I);
  if (n >= BigInt(MAX_RESULTS - 1)) return luaError('too many results to unpack');
  const out: LuaValue[] = [];
  for (let k = I; k <= E; k++) out.push(geti(t, k));
  return out.length === 1 ? out[0] : new Multi(out);
}

// ---- sort (the quicksort of ltablib.c, so comparator calls and errors match) ----

const RANLIMIT = 100;

/** lua_compare(LT) as raised from inside a C function: no position in the message. */
function sortLt(a: LuaValue, b: LuaValue): boolean {
  const ta = typeof a, tb = typeof b;
  if (ta === 'number' && tb === 'number') return a < b;
  if (ta === 'string' && tb === 'string') return a < b;
  const na = ta === 'number' || ta === 'bigint' || a instanceof LFloat;
  const nb = tb === 'number' || tb === 'bigint' || b instanceof LFloat;
  if (na && nb) return numLt(a, b);
  const mm = metamethod(a, '__lt') ?? metamethod(b, '__lt');
  if (mm !== undefined) {
    const r = call(mm, a, b);
    return truthy(r instanceof Multi ? r.v[0] : r);
  }
  const t1 = typeNameMeta(a), t2 = typeNameMeta(b);
  throw new LuaError(t1 === t2 ? `attempt to compare two ${t1} values` : `attempt to compare ${t1} with ${t2}`);
}

/** Exact int/float comparison a < b (JS compares bigint with number mathematically). */
function numLt(a: LuaValue, b: LuaValue): boolean {
  const x = a instanceof LFloat ? a.n : a;
  const y = b instanceof LFloat ? b.n : b;
  return x < y;
}

class Sorter {
  constructor(
    readonly t: LuaValue,
    readonly cmp: LuaValue,
    readonly plain: boolean,
  ) {}

  get(i: number): LuaValue {
    return this.plain ? (this.t as LuaTable).getInt(i) : index(this.t, i);
  }
  set(i: number, v: LuaValue): void {
    if (this.plain) (this.t as LuaTable).setInt(i, v);
    else setindex(this.t, i, v);
  }
  lt(a: LuaValue, b: LuaValue): boolean {
    const f = this.cmp;
    if (f === undefined) return sortLt(a, b);
    const r = f(a, b);
    return truthy(r instanceof Multi ? r.v[0] : r);
  }

  partition(lo: number, up: number, P: LuaValue): number {
    let i = lo; // will be incremented before first use
    let j = up - 1; // will be decremented before first use
    // loop invariant: a[lo .. i] <= P <= a[j .. up], a[up - 1] == P
    for (;;) {
      let ai: LuaValue, aj: LuaValue;
      // next loop: repeat ++i while a[i] < P
      while (((ai = this.get(++i)), this.lt(ai, P))) {
        if (i === up - 1) luaError('invalid order function for sorting');
      }
      // next loop: repeat --j while P < a[j]
      while (((aj = this.get(--j)), this.lt(P, aj))) {
        if (j < i) luaError('invalid order function for sorting');
      }
      if (j < i) {
        // swap pivot (a[up - 1]) with a[i]
        this.set(up - 1, ai);
        this.set(i, P);
        return i;
      }
      // swap a[i] - a[j] to restore invariant and repeat
      this.set(i, aj);
      this.set(j, ai);
    }
  }

  auxsort(lo: number, up: number, rnd: number): void {
    while (lo < up) {
      // sort elements 'lo', 'p', and 'up'
      let alo = this.get(lo);
      let aup = this.get(up);
      if (this.lt(aup, alo)) {
        this.set(lo, aup);
        this.set(up, alo);
      }
      if (up - lo === 1) break; // only 2 elements
      let p: number;
      if (up - lo < RANLIMIT || rnd === 0) p = Math.floor((lo + up) / 2);
      else {
        const r4 = Math.floor((up - lo) / 4);
        p = (rnd % (r4 * 2)) + (lo + r4);
      }
      const ap = this.get(p);
      alo = this.get(lo);
      if (this.lt(ap, alo)) {
        this.set(p, alo);
        this.set(lo, ap);
      } else {
        aup = this.get(up);
        if (this.lt(aup, ap)) {
          this.set(p, aup);
          this.set(up, ap);
        }
      }
      if (up - lo === 2) break; // only 3 elements
      const P = this.get(p); // median (pivot)
      const aup1 = this.get(up - 1);
      this.set(p, aup1);
      this.set(up - 1, P);
      p = this.partition(lo, up, P);
      let n: number;
      if (p - lo < up - p) {
        this.auxsort(lo, p - 1, rnd);
        n = p - lo;
        lo = p + 1;
      } else {
        this.auxsort(p + 1, up, rnd);
        n = up - p;
        up = p - 1;
      }
      if (up > lo && Math.floor((up - lo) / 128) > n) rnd = randomizePivot();
    }
  }
}

function randomizePivot(): number {
  const c = process.cpuUsage();
  return ((c.user + c.system + Math.floor(Date.now() / 1000)) >>> 0) || 1;
}

function cmpStr(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function tsort(this: unknown, t: LuaValue, cmp: LuaValue): LuaValue {
  const n = getn(t, 'sort', TAB_R | TAB_W, arguments.length >= 1);
  if (typeof n === 'bigint' || n > 1) {
    if (typeof n === 'bigint' || n >= INT_MAX) return argError(1, 'sort', 'array too big');
    if (cmp !== undefined && typeof cmp !== 'function') typeError(2, 'sort', 'function', cmp);
    const plain = isPlain(t);
    if (plain && cmp === undefined && t.a.length === n) {
      // elements all numbers (no NaN) or all strings: ties are indistinguishable, any sort agrees
      const a = t.a;
      const k0 = typeof a[0];
      if (k0 === 'number' || k0 === 'string') {
        let ok = true;
        for (let k = 0; k < n; k++) {
          const v = a[k];
          if (typeof v !== k0 || v !== v) {
            ok = false;
            break;
          }
        }
        if (ok) {
          if (k0 === 'number') {
            const f = Float64Array.from(a as number[]).sort();
            for (let k = 0; k < n; k++) a[k] = f[k];
          }
          else (a as string[]).sort(cmpStr);
          return NONE;
        }
      }
    }
    // the comparator runs under sort, a C function: it may not yield (coroutine.isyieldable is false)
    enterC();
    try {
      // a built-in comparator goes through call(), which marks it as a separate activation in error
      // messages (table.sort(t, table.sort) blames 'table.sort', as Lua does)
      const f = typeof cmp === 'function' && isBuiltin(cmp) ? (a: LuaValue, b: LuaValue) => call(cmp, a, b) : cmp;
      new Sorter(t, f, plain).auxsort(1, n, 0);
    } finally {
      leaveC();
    }
  }
  return NONE;
}

export function openTable(G: LuaTable): LuaTable {
  const lib = new LuaTable();
  lib.setStr('concat', markBuiltin(tconcat));
  lib.setStr('insert', markBuiltin(tinsert));
  lib.setStr('move', markBuiltin(tmove));
  lib.setStr('pack', markBuiltin(tpack));
  lib.setStr('remove', markBuiltin(tremove));
  lib.setStr('sort', markBuiltin(tsort));
  lib.setStr('unpack', markBuiltin(tunpack));
  G.setStr('table', lib);
  return lib;
}
