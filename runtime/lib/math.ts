// The Lua 5.4 `math` library (lmathlib.c), including the xoshiro256** generator so that
// math.randomseed(n) reproduces PUC Lua's sequences exactly.

import { argError, luaError } from '../error.js';
import { call, metamethod, typeNameMeta } from '../meta.js';
import { MAXINTEGER, MININTEGER, floatToInt, mkfloat, normInt, toInteger, toNumber } from '../number.js';
import { markBuiltin } from '../ops.js';
import { LFloat, LuaError, LuaTable, LuaValue, Multi, truthy } from '../value.js';
import { checkInt, typeError } from './args.js';

type Int = number | bigint;

/** luaL_checknumber as a double, distinguishing an absent argument ("got no value"). */
function numArg(v: LuaValue, present: boolean, n: number, fname: string): number {
  if (typeof v === 'number') return v;
  if (v instanceof LFloat) return v.n;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const x = toNumber(v);
    if (x !== undefined) return typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : x.n;
  }
  return typeError(n, fname, 'number', v, present);
}

/** luaL_checkinteger, distinguishing an absent argument. */
function intArg(v: LuaValue, present: boolean, n: number, fname: string): Int {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v === undefined) return typeError(n, fname, 'number', v, present);
  return checkInt(v, n, fname);
}

/** lua_isinteger: an actual integer value (strings do not count). */
function isInteger(v: LuaValue): v is Int {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}

/** pushnumint: an integral float becomes an integer when it fits int64. */
function numint(d: number): LuaValue {
  if (d >= -9007199254740991 && d <= 9007199254740991) return d + 0; // d is integral here; +0 drops -0
  const i = floatToInt(d);
  return i !== undefined ? i : mkfloat(d);
}

// ---- basic functions ----

function math_abs(this: unknown, x: LuaValue): LuaValue {
  if (typeof x === 'number') return Math.abs(x);
  if (typeof x === 'bigint') return x < 0n ? normInt(-x) : x;
  return mkfloat(Math.abs(numArg(x, arguments.length >= 1, 1, 'abs')));
}

function math_floor(this: unknown, x: LuaValue): LuaValue {
  if (typeof x === 'number') {
    if (Number.isInteger(x)) return x;
    const d = Math.floor(x);
    return d === d && d !== Infinity && d !== -Infinity ? d + 0 : d;
  }
  if (typeof x === 'bigint') return x;
  if (x instanceof LFloat && Math.abs(x.n) <= Number.MAX_SAFE_INTEGER) return x.n + 0; // integral already
  return numint(Math.floor(numArg(x, arguments.length >= 1, 1, 'floor')));
}

function math_ceil(this: unknown, x: LuaValue): LuaValue {
  if (typeof x === 'number') {
    if (Number.isInteger(x)) return x;
    const d = Math.ceil(x);
    return d === d && d !== Infinity && d !== -Infinity ? d + 0 : d;
  }
  if (typeof x === 'bigint') return x;
  if (x instanceof LFloat && Math.abs(x.n) <= Number.MAX_SAFE_INTEGER) return x.n + 0; // integral already
  return numint(Math.ceil(numArg(x, arguments.length >= 1, 1, 'ceil')));
}

function math_fmod(this: unknown, a: LuaValue, b: LuaValue): LuaValue {
  if (isInteger(a) && isInteger(b)) {
    if (typeof a === 'number' && typeof b === 'number') {
      if (b === 0) return argError(2, 'fmod', 'zero');
      if (b === -1) return 0;
      return (a % b) + 0; // C '%' truncates, as JS does
    }
    const d = BigInt(b);
    if (d === 0n) return argError(2, 'fmod', 'zero');
    if (d === -1n) return 0;
    return normInt(BigInt(a) % d);
  }
  const n = arguments.length;
  const x = numArg(a, n >= 1, 1, 'fmod');
  const y = numArg(b, n >= 2, 2, 'fmod');
  return mkfloat(x % y);
}

function math_modf(this: unknown, x: LuaValue): LuaValue {
  if (isInteger(x)) return new Multi([x, new LFloat(0)]);
  const n = numArg(x, arguments.length >= 1, 1, 'modf');
  // integer part (rounds toward zero)
  const ip = n < 0 ? Math.ceil(n) : Math.floor(n);
  const ipv = ip === Infinity || ip === -Infinity || ip !== ip ? ip : numint(ip);
  // fractional part (test needed for inf/-inf)
  return new Multi([ipv, mkfloat(n === ip ? 0 : n - ip)]);
}

function math_sqrt(this: unknown, x: LuaValue): LuaValue {
  return mkfloat(Math.sqrt(numArg(x, arguments.length >= 1, 1, 'sqrt')));
}
function math_exp(this: unknown, x: LuaValue): LuaValue {
  return mkfloat(Math.exp(numArg(x, arguments.length >= 1, 1, 'exp')));
}
function math_deg(this: unknown, x: LuaValue): LuaValue {
  return mkfloat(numArg(x, arguments.length >= 1, 1, 'deg') * (180 / Math.PI));
}
function math_rad(this: unknown, x: LuaValue): LuaValue {
  return mkfloat(numArg(x, arguments.length >= 1, 1, 'rad') * (Math.PI / 180));
}
function math_sin(this: unknown, x: LuaValue): LuaValue {
  return mkfloat(Math.sin(numArg(x, arguments.length >= 1, 1, 'sin')));
}
function math_cos(this: unknown, x: LuaValue): LuaValue {
  return mkfloat(Math.cos(numArg(x, arguments.length >= 1, 1, 'cos')));
}
function math_tan(this: unknown, x: LuaValue): LuaValue {
  return mkfloat(Math.tan(numArg(x, arguments.length >= 1, 1, 'tan')));
}
function math_asin(this: unknown, x: LuaValue): LuaValue {
  return mkfloat(Math.asin(numArg(x, arguments.length >= 1, 1, 'asin')));
}
function math_acos(this: unknown, x: LuaValue): LuaValue {
  return mkfloat(Math.acos(numArg(x, arguments.length >= 1, 1, 'acos')));
}
function math_atan(this: unknown, y: LuaValue, x: LuaValue): LuaValue {
  const a = numArg(y, arguments.length >= 1, 1, 'atan');
  const b = x === undefined ? 1 : numArg(x, true, 2, 'atan');
  return mkfloat(Math.atan2(a, b));
}

function math_log(this: unknown, x: LuaValue, base: LuaValue): LuaValue {
  const v = numArg(x, arguments.length >= 1, 1, 'log');
  let res: number;
  if (base === undefined) res = Math.log(v);
  else {
    const b = numArg(base, true, 2, 'log');
    if (b === 2) res = Math.log2(v);
    else if (b === 10) res = Math.log10(v);
    else res = Math.log(v) / Math.log(b);
  }
  return mkfloat(res);
}

function math_tointeger(this: unknown, x: LuaValue): LuaValue {
  if (typeof x === 'number' && Number.isInteger(x)) return x;
  const i = toInteger(x);
  if (i !== undefined) return i;
  if (arguments.length < 1) return argError(1, 'tointeger', 'value expected');
  return undefined;
}

function math_type(this: unknown, x: LuaValue): LuaValue {
  if (typeof x === 'number') return Number.isInteger(x) ? 'integer' : 'float';
  if (typeof x === 'bigint') return 'integer';
  if (x instanceof LFloat) return 'float';
  if (arguments.length < 1) return argError(1, 'type', 'value expected');
  return undefined;
}

function math_ult(this: unknown, a: LuaValue, b: LuaValue): LuaValue {
  const n = arguments.length;
  const x = intArg(a, n >= 1, 1, 'ult');
  const y = intArg(b, n >= 2, 2, 'ult');
  if (typeof x === 'number' && typeof y === 'number' && x >= 0 && y >= 0) return x < y;
  return BigInt.asUintN(64, BigInt(x)) < BigInt.asUintN(64, BigInt(y));
}

/** lua_compare(LT) raised from inside a C function: no position in the message. */
function cLt(a: LuaValue, b: LuaValue): boolean {
  const ta = typeof a, tb = typeof b;
  if (ta === 'number' && tb === 'number') return a < b;
  if (ta === 'string' && tb === 'string') return a < b;
  const na = ta === 'number' || ta === 'bigint' || a instanceof LFloat;
  const nb = tb === 'number' || tb === 'bigint' || b instanceof LFloat;
  if (na && nb) return (a instanceof LFloat ? a.n : a) < (b instanceof LFloat ? b.n : b);
  const mm = metamethod(a, '__lt') ?? metamethod(b, '__lt');
  if (mm !== undefined) {
    const r = call(mm, a, b);
    return truthy(r instanceof Multi ? r.v[0] : r);
  }
  const t1 = typeNameMeta(a), t2 = typeNameMeta(b);
  throw new LuaError(t1 === t2 ? `attempt to compare two ${t1} values` : `attempt to compare ${t1} with ${t2}`);
}

function math_min(...args: LuaValue[]): LuaValue {
  const n = args.length;
  if (n < 1) return argError(1, 'min', 'value expected');
  let m = args[0];
  for (let i = 1; i < n; i++) if (cLt(args[i], m)) m = args[i];
  return m;
}

function math_max(...args: LuaValue[]): LuaValue {
  const n = args.length;
  if (n < 1) return argError(1, 'max', 'value expected');
  let m = args[0];
  for (let i = 1; i < n; i++) if (cLt(m, args[i])) m = args[i];
  return m;
}

// ---- pseudo-random numbers: xoshiro256** on 32-bit halves ----

/** One generator per Lua state (lmathlib keeps it in an upvalue of random/randomseed). */
class Xoshiro {
  /** state words: s0h s0l s1h s1l s2h s2l s3h s3l (unsigned 32-bit) */
  readonly s = new Uint32Array(8);
  /** the last generated value, high and low words */
  rh = 0;
  rl = 0;

  next(): void {
    const S = this.s;
    const s0h = S[0], s0l = S[1], s1h = S[2], s1l = S[3];
    const s2h = S[4] ^ s0h, s2l = S[5] ^ s0l;
    const s3h = S[6] ^ s1h, s3l = S[7] ^ s1l;
    // res = rotl(s1 * 5, 7) * 9
    let ml = s1l * 5;
    const mh = (Math.imul(s1h, 5) + Math.floor(ml / 4294967296)) >>> 0;
    ml = ml >>> 0;
    const th = ((mh << 7) | (ml >>> 25)) >>> 0;
    const tl = ((ml << 7) | (mh >>> 25)) >>> 0;
    const ol = tl * 9;
    this.rh = (Math.imul(th, 9) + Math.floor(ol / 4294967296)) >>> 0;
    this.rl = ol >>> 0;
    S[0] = s0h ^ s3h;
    S[1] = s0l ^ s3l;
    S[2] = s1h ^ s2h;
    S[3] = s1l ^ s2l;
    // s2 ^= s1 << 17
    S[4] = s2h ^ ((s1h << 17) | (s1l >>> 15));
    S[5] = s2l ^ (s1l << 17);
    // s3 = rotl(s3, 45)
    S[6] = (s3l << 13) | (s3h >>> 19);
    S[7] = (s3h << 13) | (s3l >>> 19);
  }

  seed(n1: Int, n2: Int): void {
    const a = BigInt.asUintN(64, BigInt(n1));
    const b = BigInt.asUintN(64, BigInt(n2));
    const S = this.s;
    S[0] = Number(a >> 32n);
    S[1] = Number(a & 0xffffffffn);
    S[2] = 0;
    S[3] = 0xff;
    S[4] = Number(b >> 32n);
    S[5] = Number(b & 0xffffffffn);
    S[6] = 0;
    S[7] = 0;
    for (let i = 0; i < 16; i++) this.next(); // discard initial values to "spread" seed
  }

  /** the last value as an unsigned bigint */
  big(): bigint {
    return (BigInt(this.rh) << 32n) | BigInt(this.rl);
  }

  /** the last value as a signed int64 Lua integer */
  int(): Int {
    const rh = this.rh, rl = this.rl;
    if (rh < 0x200000) return rh * 4294967296 + rl;
    if (rh > 0xffe00000) return (rh - 4294967296) * 4294967296 + rl;
    return normInt(this.big());
  }

  /** the last value as a float in [0, 1): its 53 high bits */
  float(): number {
    return (this.rh * 2097152 + (this.rl >>> 11)) / 9007199254740992;
  }

  /** lmathlib's 'project': the last value into [0, n] (n unsigned), drawing again when outside */
  project(n: bigint): bigint {
    if ((n & (n + 1n)) === 0n) return this.big() & n;
    let lim = n;
    lim |= lim >> 1n;
    lim |= lim >> 2n;
    lim |= lim >> 4n;
    lim |= lim >> 8n;
    lim |= lim >> 16n;
    lim |= lim >> 32n;
    let ran: bigint;
    while ((ran = this.big() & lim) > n) this.next();
    return ran;
  }

  /** 'project' for n < 2^32: only the low word takes part */
  project32(n: number): number {
    if (n === 0xffffffff || (n & (n + 1)) === 0) return (this.rl & n) >>> 0;
    let lim = n;
    lim |= lim >>> 1;
    lim |= lim >>> 2;
    lim |= lim >>> 4;
    lim |= lim >>> 8;
    lim |= lim >>> 16;
    lim >>>= 0;
    let ran: number;
    while ((ran = (this.rl & lim) >>> 0) > n) this.next();
    return ran;
  }

  /** randomseed() without arguments: time and an address-like number, as luai_makeseed */
  randomize(): Multi {
    const n1 = Math.floor(Date.now() / 1000);
    const n2 = Math.floor(Math.random() * 0x7fffffff) * 0x10 + 0x55a4c0000000;
    this.seed(n1, n2);
    return new Multi([n1, n2]);
  }
}

function makeRandom(g: Xoshiro): { random: Function; randomseed: Function } {
  function random(this: unknown, a: LuaValue, b: LuaValue): LuaValue {
    g.next();
    let low: Int, up: Int;
    switch (arguments.length) {
      case 0:
        return mkfloat(g.float());
      case 1:
        low = 1;
        up = intArg(a, true, 1, 'random');
        if (up === 0) return g.int(); // full random integer
        break;
      case 2:
        low = intArg(a, true, 1, 'random');
        up = intArg(b, true, 2, 'random');
        break;
      default:
        return luaError('wrong number of arguments');
    }
    if (!(low <= up)) return argError(1, 'random', 'interval is empty');
    if (typeof low === 'number' && typeof up === 'number' && up - low <= 0xffffffff) {
      return low + g.project32(up - low);
    }
    const L = BigInt(low);
    return normInt(g.project(BigInt.asUintN(64, BigInt(up) - L)) + L);
  }
  function randomseed(this: unknown, a: LuaValue, b: LuaValue): LuaValue {
    if (arguments.length === 0) return g.randomize();
    const n1 = intArg(a, true, 1, 'randomseed');
    const n2 = b === undefined ? 0 : intArg(b, true, 2, 'randomseed');
    g.seed(n1, n2);
    return new Multi([n1, n2]);
  }
  return { random, randomseed };
}

export function openMath(G: LuaTable): LuaTable {
  const lib = new LuaTable();
  const fns: Record<string, Function> = {
    abs: math_abs,
    ceil: math_ceil,
    floor: math_floor,
    fmod: math_fmod,
    modf: math_modf,
    sqrt: math_sqrt,
    exp: math_exp,
    log: math_log,
    sin: math_sin,
    cos: math_cos,
    tan: math_tan,
    asin: math_asin,
    acos: math_acos,
    atan: math_atan,
    deg: math_deg,
    rad: math_rad,
    tointeger: math_tointeger,
    type: math_type,
    ult: math_ult,
    min: math_min,
    max: math_max,
  };
  const g = new Xoshiro();
  g.randomize();
  const rnd = makeRandom(g);
  fns.random = rnd.random;
  fns.randomseed = rnd.randomseed;
  for (const k of Object.keys(fns)) lib.setStr(k, markBuiltin(fns[k]));
  lib.setStr('pi', Math.PI);
  lib.setStr('huge', Infinity);
  lib.setStr('maxinteger', MAXINTEGER);
  lib.setStr('mininteger', MININTEGER);
  G.setStr('math', lib);
  return lib;
}
