// Arithmetic and bitwise operators with Lua 5.4 semantics: integer ops wrap at 64 bits, float ops
// stay floats, strings coerce, otherwise the metamethod, otherwise Lua's error.
// Each operator has a small fast path for two JS numbers (inlined by V8 into the compiled code).

import { fault, luaError } from './error.js';
import { MAX_SAFE, floatToInt, mkfloat, normInt, toNumber } from './number.js';
import { LFloat, LuaError, LuaValue, boxFloat, type } from './value.js';
import { metamethod, callMeta, typeNameMeta } from './meta.js';

type Num = number | bigint | LFloat;
const MIN_SAFE = -MAX_SAFE;

export function add(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (!Number.isInteger(r)) return r;
    if (Number.isInteger(a) && Number.isInteger(b)) return r <= MAX_SAFE && r >= MIN_SAFE ? r : normInt(BigInt(a) + BigInt(b));
    return boxFloat(r);
  }
  const x = floatOperand(a), y = floatOperand(b);
  if (x !== undefined && y !== undefined) return mkfloat(x + y);
  return arith(ADD, a, b);
}

export function sub(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (!Number.isInteger(r)) return r;
    if (Number.isInteger(a) && Number.isInteger(b)) return r <= MAX_SAFE && r >= MIN_SAFE ? r : normInt(BigInt(a) - BigInt(b));
    return boxFloat(r);
  }
  const x = floatOperand(a), y = floatOperand(b);
  if (x !== undefined && y !== undefined) return mkfloat(x - y);
  return arith(SUB, a, b);
}

export function mul(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (!Number.isInteger(r)) return r;
    if (Number.isInteger(a) && Number.isInteger(b)) return r <= MAX_SAFE && r >= MIN_SAFE ? r + 0 : normInt(BigInt(a) * BigInt(b));
    return boxFloat(r);
  }
  const x = floatOperand(a), y = floatOperand(b);
  if (x !== undefined && y !== undefined) return mkfloat(x * y);
  return arith(MUL, a, b);
}

export function div(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a / b;
    return Number.isInteger(r) ? boxFloat(r) : r;
  }
  const x = floatOperand(a), y = floatOperand(b);
  if (x !== undefined && y !== undefined) return mkfloat(x / y);
  return arith(DIV, a, b);
}

export function pow(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = powf(a, b);
    return Number.isInteger(r) ? boxFloat(r) : r;
  }
  const x = floatOperand(a), y = floatOperand(b);
  if (x !== undefined && y !== undefined) return mkfloat(powf(x, y));
  return arith(POW, a, b);
}

export function mod(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) {
      if (b === 0) return fault("attempt to perform 'n%0'", -1);
      const m = a % b;
      return m !== 0 && (m < 0) !== (b < 0) ? m + b : m + 0;
    }
    return fmod(a, b);
  }
  const x = floatOperand(a), y = floatOperand(b);
  if (x !== undefined && y !== undefined) return fmod(x, y);
  return arith(MOD, a, b);
}

export function idiv(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return intIdiv(a, b);
    return mkfloat(Math.floor(a / b));
  }
  const x = floatOperand(a), y = floatOperand(b);
  if (x !== undefined && y !== undefined) return mkfloat(Math.floor(x / y));
  return arith(IDIV, a, b);
}

export function unm(a: LuaValue): LuaValue {
  if (typeof a === 'number') return Number.isInteger(a) ? 0 - a : -a;
  if (a instanceof LFloat) return boxFloat(-a.n);
  if (typeof a === 'bigint') return normInt(-a);
  return arith(UNM, a, a);
}

// ---- bitwise ----

export function band(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) return a & b;
  return bitwise(BAND, a, b);
}
export function bor(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) return a | b;
  return bitwise(BOR, a, b);
}
export function bxor(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) return a ^ b;
  return bitwise(BXOR, a, b);
}
export function shl(a: LuaValue, b: LuaValue): LuaValue {
  return bitwise(SHL, a, b);
}
export function shr(a: LuaValue, b: LuaValue): LuaValue {
  return bitwise(SHR, a, b);
}
export function bnot(a: LuaValue): LuaValue {
  if (typeof a === 'number' && (a | 0) === a) return ~a;
  return bitwise(BNOT, a, a);
}

// ---- slow paths ----

const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MOD = 4, POW = 5, IDIV = 6, UNM = 7;
const BAND = 8, BOR = 9, BXOR = 10, SHL = 11, SHR = 12, BNOT = 13;
const EVENTS = ['__add', '__sub', '__mul', '__div', '__mod', '__pow', '__idiv', '__unm', '__band', '__bor', '__bxor', '__shl', '__shr', '__bnot'];

/**
 * A number operand of a float operation: an integral float's value, or a JS number, when the other
 * operand is an integral float (the number's own fast path did not apply); undefined otherwise.
 */
function floatOperand(v: LuaValue): number | undefined {
  return typeof v === 'number' ? v : v instanceof LFloat ? v.n : undefined;
}

function isIntNum(v: Num): boolean {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}
function fval(v: Num): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v.n;
}

/** A float operation on doubles. */
function floatArith(op: number, f: number, g: number): LuaValue {
  switch (op) {
    case ADD: return mkfloat(f + g);
    case SUB: return mkfloat(f - g);
    case MUL: return mkfloat(f * g);
    case DIV: return mkfloat(f / g);
    case POW: return mkfloat(powf(f, g));
    case MOD: return fmod(f, g);
    case IDIV: return mkfloat(Math.floor(f / g));
    case UNM: return mkfloat(-f);
  }
  throw new Error('bad arith op');
}

/** The slow path of the operators above (number pairs, integral floats included, never reach it). */
function arith(op: number, a: LuaValue, b: LuaValue): LuaValue {
  // strings coerce to numbers (the string metatable's arithmetic metamethods in Lua 5.4)
  const x = typeof a === 'string' ? toNumber(a) : isNum(a) ? a : undefined;
  const y = typeof b === 'string' ? toNumber(b) : isNum(b) ? b : undefined;
  if (x !== undefined && y !== undefined) {
    // a string operand: Lua computes in the string metamethod (C), so its errors carry no position
    if ((op === MOD || op === IDIV) && (typeof a === 'string' || typeof b === 'string') && isIntNum(x) && isIntNum(y) && (y === 0 || y === 0n)) {
      throw new LuaError(op === MOD ? "attempt to perform 'n%0'" : 'attempt to divide by zero');
    }
    return arithNum(op, x, y);
  }
  const ev = EVENTS[op];
  // Lua 5.4 coerces strings in the string metatable's arithmetic metamethods: a string operand
  // whose turn comes first (left, or right when the left has no metamethod) decides the error
  const mmA = typeof a === 'string' ? STRING_ARITH : metamethod(a, ev);
  const mm = mmA !== undefined ? mmA : typeof b === 'string' ? STRING_ARITH : metamethod(b, ev);
  if (mm === STRING_ARITH) {
    const mb = typeof b === 'string' ? undefined : metamethod(b, ev);
    if (mb === undefined) return luaError(`attempt to ${ev.slice(2)} a '${type(a)}' with a '${type(b)}'`);
    return callMeta(mb, a, b);
  }
  if (mm !== undefined) return callMeta(mm, a, b);
  // blame the first operand that is not a number
  const culprit = x === undefined ? 0 : 1;
  return fault(`attempt to perform arithmetic on a ${typeNameMeta(culprit === 0 ? a : b)} value`, culprit);
}

const STRING_ARITH = Symbol('string arithmetic');

function isNum(v: LuaValue): v is Num {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat;
}

function arithNum(op: number, x: Num, y: Num): LuaValue {
  if (op !== DIV && op !== POW && isIntNum(x) && isIntNum(y)) {
    const i = x as number | bigint, j = y as number | bigint;
    if (typeof i === 'number' && typeof j === 'number') {
      switch (op) {
        case ADD: return add(i, j);
        case SUB: return sub(i, j);
        case MUL: return mul(i, j);
        case MOD: return mod(i, j);
        case IDIV: return intIdiv(i, j);
        case UNM: return unm(i);
      }
    }
    const p = BigInt(i), q = BigInt(j);
    switch (op) {
      case ADD: return normInt(p + q);
      case SUB: return normInt(p - q);
      case MUL: return normInt(p * q);
      case UNM: return normInt(-p);
      case MOD: {
        if (q === 0n) return fault("attempt to perform 'n%0'", -1);
        let m = p % q;
        if (m !== 0n && (m < 0n) !== (q < 0n)) m += q;
        return normInt(m);
      }
      case IDIV: {
        if (q === 0n) return fault('attempt to divide by zero', -1);
        let d = p / q;
        if ((p % q !== 0n) && ((p < 0n) !== (q < 0n))) d -= 1n;
        return normInt(d);
      }
    }
  }
  return floatArith(op, fval(x), fval(y));
}

/** The NaN that x86 produces for an invalid operation (sign bit set: C's printf shows "-nan"). */
const DEFAULT_NAN = new Float64Array(new Uint32Array([0, 0xfff80000]).buffer)[0]!;

/**
 * x ^ y on doubles as C's pow: a negative base with a fractional exponent gives the default NaN, and
 * pow(1, y) and pow(-1, ±inf) are 1 (JS's Math.pow says NaN).
 */
export function powf(x: number, y: number): number {
  if (y === 2) return x * x;
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  const r = Math.pow(x, y);
  return r === r || x !== x || y !== y ? r : DEFAULT_NAN;
}

function fmod(a: number, b: number): LuaValue {
  let m = a % b;
  // V8's NaN here depends on the tier that ran `%`; C's fmod gives the default NaN (or a NaN operand)
  if (m !== m) return a !== a ? a : b !== b ? b : DEFAULT_NAN;
  // luai_nummod's test, not m * b < 0: that product underflows to zero for tiny operands
  if (m > 0 ? b < 0 : m < 0 && b > 0) m += b;
  return mkfloat(m);
}

function intIdiv(a: number, b: number): LuaValue {
  if (b === 0) return fault('attempt to divide by zero', -1);
  if (a <= 0x7fffffff && a >= -0x80000000 && b <= 0x7fffffff && b >= -0x80000000) return Math.floor(a / b) + 0;
  const p = BigInt(a), q = BigInt(b);
  let d = p / q;
  if (p % q !== 0n && (p < 0n) !== (q < 0n)) d -= 1n;
  return normInt(d);
}

function toBits(v: LuaValue): bigint | undefined | null {
  // undefined: not a number at all; null: a number without an integer representation
  // strings are not coerced by bitwise operators in Lua 5.4
  const n: LuaValue = v;
  if (typeof n === 'number') {
    if (Number.isInteger(n)) return BigInt(n);
    const i = floatToInt(n);
    return i === undefined ? null : BigInt(i);
  }
  if (typeof n === 'bigint') return n;
  if (n instanceof LFloat) {
    const i = floatToInt(n.n);
    return i === undefined ? null : BigInt(i);
  }
  return undefined;
}

export function bitwise(op: number, a: LuaValue, b: LuaValue): LuaValue {
  const x = toBits(a);
  const y = toBits(b);
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    switch (op) {
      case BAND: return normInt(x & y);
      case BOR: return normInt(x | y);
      case BXOR: return normInt(x ^ y);
      case BNOT: return normInt(~x);
      case SHL: return shiftLeft(x, y);
      case SHR: return shiftLeft(x, -y);
    }
  }
  const mm = metamethod(a, EVENTS[op]) ?? metamethod(b, EVENTS[op]);
  if (mm !== undefined) return callMeta(mm, a, b);
  if (x !== undefined && y !== undefined) {
    // both numbers, but one has no integer representation
    return fault('number has no integer representation', x === null ? 0 : 1);
  }
  const culprit = x === undefined ? 0 : 1;
  const v = culprit === 0 ? a : b;
  return fault(`attempt to perform bitwise operation on a ${typeNameMeta(v)} value`, culprit);
}

function shiftLeft(x: bigint, n: bigint): LuaValue {
  if (n <= -64n || n >= 64n) return 0;
  const u = BigInt.asUintN(64, x);
  return n >= 0n ? normInt(u << n) : normInt(u >> -n);
}

