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
 * A hexadecimal float from its digits, as lua_strx2number computes it: at most 30 significant digits
 * enter the mantissa (the others only scale it), then ldexp, so long numerals neither overflow nor
 * lose their exponent.
 */
export function hexFloat(intDigits: string, fracDigits: string, exp: string | undefined): number {
  let r = 0;
  let sig = 0;
  let e = 0;
  const digit = (c: string, frac: boolean): void => {
    if (sig === 0 && c === '0') {
      // a leading zero
    } else if (++sig <= 30) r = r * 16 + parseInt(c, 16);
    else e++;
    if (frac) e--;
  };
  for (const c of intDigits) digit(c, false);
  for (const c of fracDigits) digit(c, true);
  e = e * 4 + (exp !== undefined ? +exp : 0);
  // ldexp in steps: neither 2^e nor an intermediate product may overflow or underflow early
  while (e > 1023 && r !== 0 && Number.isFinite(r)) {
    r *= 2 ** 1023;
    e -= 1023;
  }
  while (e < -1022 && r !== 0) {
    r *= 2 ** -1022;
    e += 1022;
  }
  return r * 2 ** e;
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
