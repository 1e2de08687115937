// Lua numbers: integer/float subtypes, conversions, and formatting (see value.ts for the representation).

import { LFloat, LuaValue, boxFloat } from './value.js';
import { gExact } from './lib/format.js';

export const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);
export const MAXINTEGER = 9223372036854775807n;
export const MININTEGER = -9223372036854775808n;
const TWO63 = 9223372036854775808; // 2^63 as a double

/** Normalise an int64 held as a bigint: wrap to 64 bits, back to a number when it fits. */
export function normInt(b: bigint): number | bigint {
  b = BigInt.asIntN(64, b);
  return b >= -MAX_SAFE_BIG && b <= MAX_SAFE_BIG ? Number(b) : b;
}

/** A float result: integral values are boxed so they stay floats. */
export function mkfloat(x: number): number | LFloat {
  return Number.isInteger(x) ? boxFloat(x) : x;
}

export function isInt(v: LuaValue): v is number | bigint {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}
export function isFloat(v: LuaValue): boolean {
  return (typeof v === 'number' && !Number.isInteger(v)) || v instanceof LFloat;
}
export function isNumber(v: LuaValue): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat;
}

/** The double value of a Lua number (integers beyond 2^53 round). */
export function toF(v: number | bigint | LFloat): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v.n;
}

/** Float → integer if it has an exact integer representation (lua_Number → lua_Integer, F2Ieq), else undefined. */
export function floatToInt(x: number): number | bigint | undefined {
  if (!Number.isInteger(x)) return undefined;
  if (x >= -MAX_SAFE && x <= MAX_SAFE) return x === 0 ? 0 : x;
  if (x >= -TWO63 && x < TWO63) return BigInt(x);
  return undefined;
}

/** A number or numeric string as an integer (for bitwise ops, string.rep counts, ...), or undefined. */
export function toInteger(v: LuaValue): number | bigint | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'bigint') return v;
  if (v instanceof LFloat) return floatToInt(v.n);
  if (typeof v === 'string') {
    const n = str2number(v);
    return n === undefined ? undefined : toInteger(n);
  }
  return undefined;
}

/** A number or numeric string as a Lua number, or undefined (arithmetic coercion). */
export function toNumber(v: LuaValue): number | bigint | LFloat | undefined {
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat) return v;
  if (typeof v === 'string') return str2number(v);
  return undefined;
}

const WS = /^[ \f\n\r\t\v]*/;
const DEC_RE = /^([-+])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([-+]?\d+))?$/;
const HEX_RE = /^([-+])?0[xX](?:([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?|\.([0-9a-fA-F]+))(?:[pP]([-+]?\d+))?$/;

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A hexadecimal float from its digits, rounded to nearest (ties to even) as C99 strtod does, which is
 * what lua_strx2number is on POSIX systems: any number of digits, subnormals included.
 */
export function hexFloat(intDigits: string, fracDigits: string, exp: string | undefined): number {
  let digits = (intDigits + fracDigits).replace(/^0+/, '');
  let e = (exp !== undefined ? +exp : 0) - 4 * fracDigits.length;
  const trailing = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - trailing);
  e += 4 * trailing;
  if (digits.length === 0) return 0;
  // up to 13 digits (52 bits) with a normal result: the mantissa and the scaling are exact
  if (digits.length <= 13 && e > -1000 && e < 900) return parseInt(digits, 16) * 2 ** e;
  const m = BigInt('0x' + digits);
  const bits = m.toString(2).length;
  const top = bits - 1 + e; // the value is in [2^top, 2^(top+1))
  if (top > 1023) return Infinity;
  if (top < -1076) return 0;
  const precision = Math.min(53, top + 1075); // fewer bits for a subnormal
  const shift = bits - precision;
  if (shift <= 0) return ldexp(Number(m), e);
  let q = m >> BigInt(shift);
  const rest = m - (q << BigInt(shift));
  const half = 1n << BigInt(shift - 1);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q++;
  return ldexp(Number(q), e + shift);
}

/** x * 2^e for an exactly representable result (or an overflow), without early overflow or underflow. */
function ldexp(x: number, e: number): number {
  while (e > 1023) {
    x *= 2 ** 1023;
    e -= 1023;
  }
  if (e < -1022) {
    x *= 2 ** -1022;
    e += 1022;
  }
  return x * 2 ** e;
}

/** Lua's string → number conversion (lua_stringtonumber): decimal/hex integers and floats, surrounding space. */
export function str2number(s: string): number | bigint | LFloat | undefined {
  if (s.length > 0 && s.length <= 15 && allDigits(s)) return +s; // a plain decimal integer below 2^53
  const t = s.replace(WS, '').replace(/[ \f\n\r\t\v]+$/, '');
  if (t.length === 0) return undefined;
  let m = HEX_RE.exec(t);
  if (m !== null) {
    const neg = m[1] === '-';
    if (m[2] !== undefined && m[3] === undefined && m[5] === undefined) {
      // hex integer: wraps modulo 2^64
      let b = BigInt('0x' + m[2]);
      if (neg) b = -b;
      return normInt(b);
    }
    const x = hexFloat(m[2] ?? '', m[3] ?? m[4] ?? '', m[5]);
    return mkfloat(neg ? -x : x);
  }
  m = DEC_RE.exec(t);
  if (m === null) return undefined;
  if (m[3] === undefined && m[4] === undefined && m[5] === undefined && t.indexOf('.') < 0) {
    // decimal integer; if it overflows int64 it becomes a float
    const b = BigInt(t);
    if (b >= MININTEGER && b <= MAXINTEGER) return normInt(b);
    return mkfloat(Number(t));
  }
  return mkfloat(Number(t));
}

const nanView = new Float64Array(1);
const nanBits = new Uint32Array(nanView.buffer);
/** Whether a NaN has its sign bit set (0/0 does on x86 and in V8, and C's printf shows it as "-nan"). */
export function nanIsNegative(x: number): boolean {
  nanView[0] = x;
  return nanBits[1] >>> 31 === 1;
}

/** Format a double like C's printf("%.<prec>g"). */
export function fmtG(x: number, prec: number, alt = false, upper = false): string {
  if (x !== x) return nanIsNegative(x) ? '-nan' : 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (prec === 0) prec = 1;
  if (x === 0) {
    const z = Object.is(x, -0) ? '-0' : '0';
    return alt && prec > 1 ? z + '.' + '0'.repeat(prec - 1) : z;
  }
  const ex = x.toExponential(prec - 1);
  const epos = ex.indexOf('e');
  const exp = +ex.slice(epos + 1);
  // JS rounds an exact tie up, C to even: when x's exact decimal form could end with a 5 just past the
  // kept digits (an integer past them, or a fraction of that many bits), use the exact formatter
  if (Number.isInteger(x) ? exp >= prec : mayTie(x, prec - exp)) {
    const body = gExact(Math.abs(x), prec, alt, upper);
    return x < 0 ? '-' + body : body;
  }
  let out: string;
  if (exp < -4 || exp >= prec) {
    let mant = ex.slice(0, epos);
    if (!alt) mant = stripZeros(mant);
    const ae = Math.abs(exp);
    out = mant + (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' : '') + ae;
  } else {
    out = x.toFixed(prec - 1 - exp);
    if (!alt) out = stripZeros(out);
  }
  return out;
}

const tieView = new Float64Array(1);
const tieBits = new Uint32Array(tieView.buffer);
/** Whether non-integral x has between j and j+2 fractional bits (j = decimals to the tie digit). */
function mayTie(x: number, j: number): boolean {
  if (j > 1076) return false;
  tieView[0] = x;
  const lo = tieBits[0], hiw = tieBits[1];
  const be = (hiw >>> 20) & 0x7ff;
  const hi = be !== 0 ? (hiw & 0xfffff) | 0x100000 : hiw & 0xfffff;
  const e2 = be === 0 ? -1074 : be - 1075;
  const tz = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 32 + (31 - Math.clz32(hi & -hi));
  const f = -(e2 + tz);
  return f >= j && f <= j + 2;
}

function stripZeros(s: string): string {
  if (s.indexOf('.') < 0) return s;
  let e = s.length;
  while (s.charCodeAt(e - 1) === 48) e--;
  if (s.charCodeAt(e - 1) === 46) e--;
  return s.slice(0, e);
}

/** tostring() of a float: "%.14g", plus ".0" when the result looks like an integer. */
export function fmtFloat(x: number): string {
  const s = fmtG(x, 14);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 || c === 101 || c === 110 || c === 105) return s; // '.', 'e', 'n'(an), 'i'(nf)
  }
  return s + '.0';
}

/** tostring() of any Lua number. */
export function numberToString(v: number | bigint | LFloat): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : fmtFloat(v);
  if (typeof v === 'bigint') return String(v);
  return fmtFloat(v.n);
}
