import { nanIsNegative } from '../number.js';
// string.format, following lstrlib.c's str_format and C printf semantics (glibc/musl rounding: exact, ties to even).

import { argError, luaError } from '../error.js';
import { tostr, addressOf } from '../ops.js';
import { LFloat, LuaTable, LuaValue } from '../value.js';
import { checkFloat, checkInt, checkIntN, checkNumber, checkString, typeError } from './args.js';

const FNAME = 'format';
const MAX_FORMAT = 32;

// ---- exact decimal conversion of doubles ----

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Mantissa (as a 53-bit value split hi/lo) and binary exponent: |x| = M * 2^e2. */
function decompose(x: number): { hi: number; lo: number; e2: number; sub: boolean } {
  f64[0] = x;
  const lo = u32[0];
  const hiw = u32[1];
  const be = (hiw >>> 20) & 0x7ff;
  let hi = hiw & 0xfffff;
  if (be !== 0) hi |= 0x100000;
  return { hi, lo, e2: be === 0 ? -1074 : be - 1075, sub: be === 0 };
}

/** Number of fractional binary digits of a finite non-integral double (|x| = m / 2^f with m odd). */
function fracBits(x: number): number {
  f64[0] = x;
  const lo = u32[0];
  const hiw = u32[1];
  const be = (hiw >>> 20) & 0x7ff;
  const hi = be !== 0 ? (hiw & 0xfffff) | 0x100000 : hiw & 0xfffff;
  const e2 = be === 0 ? -1074 : be - 1075;
  let tz: number;
  if (lo !== 0) tz = 31 - Math.clz32(lo & -lo);
  else tz = 32 + (31 - Math.clz32(hi & -hi));
  return -(e2 + tz);
}

/** Exact decimal digits of |x| (finite, non-zero): value = D * 10^-k. */
function exactDigits(x: number): { D: string; k: number } {
  const { hi, lo, e2 } = decompose(x);
  let M = (BigInt(hi) << 32n) | BigInt(lo);
  let e = e2;
  while (e < 0 && (M & 1n) === 0n) {
    M >>= 1n;
    e++;
  }
  if (e >= 0) return { D: (M << BigInt(e)).toString(), k: 0 };
  return { D: (M * 5n ** BigInt(-e)).toString(), k: -e };
}

function incDigits(s: string): string {
  let i = s.length - 1;
  while (i >= 0 && s.charCodeAt(i) === 57) i--;
  if (i < 0) return '1' + '0'.repeat(s.length);
  return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) + 1) + '0'.repeat(s.length - 1 - i);
}

/** round(D / 10^(len-keep)) with ties to even, as a digit string ("0" when it rounds to nothing). */
function roundAt(D: string, keep: number): string {
  if (keep >= D.length) return D + '0'.repeat(keep - D.length);
  if (keep < 0) return '0';
  const next = D.charCodeAt(keep) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else {
    up = false;
    for (let i = keep + 1; i < D.length; i++) {
      if (D.charCodeAt(i) !== 48) {
        up = true;
        break;
      }
    }
    if (!up) up = keep > 0 && (D.charCodeAt(keep - 1) & 1) === 1;
  }
  let head = D.slice(0, keep);
  if (up) head = incDigits(head);
  return head === '' ? '0' : head;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const TWO_51 = 2251799813685248;

/** The rounding error of the double product p = a * b (Dekker's TwoProduct): a * b = p + err exactly. */
function productError(a: number, b: number, p: number): number {
  let c = 134217729 * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = 134217729 * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** FRACTIONS[p][k]: "." and k in p digits, for p <= 3 */
const FRACTIONS: string[][] = [];

function fractions(prec: number): string[] {
  let t = FRACTIONS[prec];
  if (t === undefined) {
    t = FRACTIONS[prec] = [];
    for (let k = 0; k < POW10[prec]; k++) t.push('.' + String(k).padStart(prec, '0'));
  }
  return t;
}

/** "000" to "999" */
let THREE_DIGITS: string[] | undefined;

function threeDigits(): string[] {
  return (THREE_DIGITS ??= fractions(3).map((f) => f.slice(1)));
}

/**
 * %.<prec>f for values whose scaled value ax * 10^prec stays below 2^51: that value rounded half to even
 * (as C does) from its exact form y + err, then the point put in. undefined when out of that range.
 */
function fixedSmall(ax: number, prec: number): string | undefined {
  if (prec >= POW10.length || !(ax > 1e-280)) return undefined;
  const P = POW10[prec];
  const y = ax * P;
  if (!(y < TWO_51)) return undefined;
  const err = productError(ax, P, y);
  let n = Math.floor(y);
  // sign of (y - n - 0.5) + err: y - n is exact, and so is subtracting 0.5 when the result is near 0
  const d = y - n - 0.5 + err;
  if (d > 0 || (d === 0 && n % 2 === 1)) n++;
  if (prec === 0) return String(n);
  if (prec <= 6) {
    const ip = Math.floor(n / P);
    const fr = n - ip * P;
    if (prec <= 3) return String(ip) + fractions(prec)[fr];
    // the first prec-3 digits with the point, then the last three
    const hi = Math.floor(fr / 1000);
    return String(ip) + fractions(prec - 3)[hi] + threeDigits()[fr - hi * 1000];
  }
  let s = String(n);
  if (s.length <= prec) s = '0'.repeat(prec + 1 - s.length) + s;
  return s.slice(0, s.length - prec) + '.' + s.slice(s.length - prec);
}

/** C's %.<prec>f of a finite non-negative double (no sign). */
export function fixedAbs(ax: number, prec: number): string {
  const fast = fixedSmall(ax, prec);
  if (fast !== undefined) return fast;
  if (ax < 1e21) {
    if (Number.isInteger(ax) || fracBits(ax) !== prec + 1) return ax.toFixed(prec);
  } else {
    // integral: exact digits
    const s = BigInt(ax).toString();
    return prec > 0 ? s + '.' + '0'.repeat(prec) : s;
  }
  const { D, k } = exactDigits(ax);
  let r = roundAt(D, D.length - k + prec);
  if (r.length < prec + 1) r = '0'.repeat(prec + 1 - r.length) + r;
  return prec > 0 ? r.slice(0, r.length - prec) + '.' + r.slice(r.length - prec) : r;
}

/** C's %.<prec>e of a finite non-negative double: [mantissa digits with point, exponent]. */
function expParts(ax: number, prec: number): [string, number] {
  if (ax === 0) return [prec > 0 ? '0.' + '0'.repeat(prec) : '0', 0];
  let exact = Number.isInteger(ax);
  let s = '';
  let ex = 0;
  if (!exact) {
    s = ax.toExponential(prec);
    const ep = s.indexOf('e');
    ex = +s.slice(ep + 1);
    s = s.slice(0, ep);
    const f = fracBits(ax);
    if (f === prec - ex + 1 || f === prec - ex + 2) exact = true;
  }
  if (exact) {
    const { D, k } = exactDigits(ax);
    ex = D.length - k - 1;
    let r = roundAt(D, prec + 1);
    if (r.length > prec + 1) {
      ex++;
      r = r.slice(0, prec + 1);
    }
    s = prec > 0 ? r[0] + '.' + r.slice(1) : r;
  }
  return [s, ex];
}

function expStr(ex: number, upper: boolean): string {
  const a = Math.abs(ex);
  return (upper ? 'E' : 'e') + (ex < 0 ? '-' : '+') + (a < 10 ? '0' : '') + a;
}

function stripTrailingZeros(s: string): string {
  if (s.indexOf('.') < 0) return s;
  let e = s.length;
  while (s.charCodeAt(e - 1) === 48) e--;
  if (s.charCodeAt(e - 1) === 46) e--;
  return s.slice(0, e);
}

/** %e/%f/%g body of a finite non-negative double. */
function floatBody(ax: number, conv: number, prec: number, alt: boolean): string {
  const upper = conv === 69 || conv === 71; // E G
  switch (conv | 32) {
    case 102: {
      // f
      const s = fixedAbs(ax, prec);
      return alt && prec === 0 ? s + '.' : s;
    }
    case 101: {
      // e
      const [m, ex] = expParts(ax, prec);
      return (alt && prec === 0 ? m + '.' : m) + expStr(ex, upper);
    }
    default: {
      // g
      const P = prec === 0 ? 1 : prec;
      const [m, ex] = expParts(ax, P - 1);
      let s: string;
      if (P > ex && ex >= -4) {
        s = fixedAbs(ax, P - 1 - ex);
        if (alt) {
          if (s.indexOf('.') < 0) s += '.';
        } else s = stripTrailingZeros(s);
      } else {
        let mm = m;
        if (alt) {
          if (mm.indexOf('.') < 0) mm += '.';
        } else mm = stripTrailingZeros(mm);
        s = mm + expStr(ex, upper);
      }
      return s;
    }
  }
}

/** C's %.<prec>g (or %G) of a finite positive double, exact (ties to even). */
export function gExact(ax: number, prec: number, alt: boolean, upper: boolean): string {
  return floatBody(ax, upper ? 71 : 103, prec, alt);
}

/** C's %a body of a finite non-negative double (prec < 0: exact, shortest). musl style for subnormals. */
export function hexBody(ax: number, prec: number, alt: boolean, upper: boolean): string {
  let lead: number;
  let mant: bigint; // 52 fraction bits
  let exp: number;
  if (ax === 0) {
    lead = 0;
    mant = 0n;
    exp = 0;
  } else {
    const { hi, lo, e2, sub } = decompose(ax);
    let M = (BigInt(hi) << 32n) | BigInt(lo);
    exp = e2 + 52;
    if (sub) {
      // normalise: leading 1 at bit 52
      while ((M & (1n << 52n)) === 0n) {
        M <<= 1n;
        exp--;
      }
    }
    lead = 1;
    mant = M & ((1n << 52n) - 1n);
  }
  let digits: string;
  if (prec < 0) {
    digits = mant.toString(16).padStart(13, '0').replace(/0+$/, '');
  } else if (prec < 13) {
    const shift = BigInt((13 - prec) * 4);
    let q = mant >> shift;
    const r = mant & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    if (r > half || (r === half && ((prec === 0 ? BigInt(lead) : q) & 1n) === 1n)) q++;
    if (q >> BigInt(prec * 4) !== 0n) {
      lead++;
      q &= (1n << BigInt(prec * 4)) - 1n;
    }
    digits = prec === 0 ? '' : q.toString(16).padStart(prec, '0');
  } else {
    digits = mant.toString(16).padStart(13, '0') + '0'.repeat(prec - 13);
  }
  let s = '0x' + lead + (digits.length > 0 || alt ? '.' : '') + digits + 'p' + (exp < 0 ? '-' : '+') + Math.abs(exp);
  if (upper) s = s.toUpperCase();
  return s;
}

// ---- the spec parser ----

interface Spec {
  left: boolean;
  plus: boolean;
  space: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  prec: number; // -1: none
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** checkformat's test: flags from the allowed set, width <= 2 digits, optional precision <= 2 digits. */
function validForm(form: string, flags: string, precision: boolean): boolean {
  let spec = 1;
  while (spec < form.length && flags.indexOf(form[spec]) >= 0) spec++;
  if (form.charCodeAt(spec) !== 48) {
    if (isDigit(form.charCodeAt(spec))) {
      spec++;
      if (isDigit(form.charCodeAt(spec))) spec++;
    }
    if (form.charCodeAt(spec) === 46 && precision) {
      spec++;
      if (isDigit(form.charCodeAt(spec))) {
        spec++;
        if (isDigit(form.charCodeAt(spec))) spec++;
      }
    }
  }
  const c = form.charCodeAt(spec) | 32;
  return c >= 97 && c <= 122;
}

/** The checked spec of an item: its cached parse, or checkformat's error when the form was rejected. */
function checked(it: Item): Spec {
  if (it.sp === null) luaError(`invalid conversion specification: '${it.form}'`);
  return it.sp;
}

function parseSpec(form: string): Spec {
  const sp: Spec = { left: false, plus: false, space: false, alt: false, zero: false, width: 0, prec: -1 };
  let i = 1;
  for (;; i++) {
    const c = form[i];
    if (c === '-') sp.left = true;
    else if (c === '+') sp.plus = true;
    else if (c === ' ') sp.space = true;
    else if (c === '#') sp.alt = true;
    else if (c === '0') sp.zero = true;
    else break;
  }
  let w = 0;
  while (isDigit(form.charCodeAt(i))) w = w * 10 + form.charCodeAt(i++) - 48;
  sp.width = w;
  if (form[i] === '.') {
    i++;
    let p = 0;
    while (isDigit(form.charCodeAt(i))) p = p * 10 + form.charCodeAt(i++) - 48;
    sp.prec = p;
  }
  return sp;
}

/** Runs of spaces and zeros for padding (widths have at most two digits). */
const SPACES: string[] = [];
const ZEROS: string[] = [];
for (let n = 0; n < 100; n++) {
  SPACES.push(' '.repeat(n));
  ZEROS.push('0'.repeat(n));
}

function pad(body: string, prefix: string, sp: Spec, zeroOk: boolean): string {
  const len = body.length + prefix.length;
  if (len >= sp.width) return prefix + body;
  const n = sp.width - len;
  if (sp.left) return prefix + body + SPACES[n];
  if (sp.zero && zeroOk) return prefix + ZEROS[n] + body;
  return SPACES[n] + prefix + body;
}

function fmtInt(n: number | bigint, conv: number, sp: Spec): string {
  let digits: string;
  let prefix = '';
  if (conv === 100 || conv === 105) {
    // d i
    const neg = n < 0;
    digits = typeof n === 'number' ? String(neg ? -n : n) : (neg ? -n : n).toString();
    prefix = neg ? '-' : sp.plus ? '+' : sp.space ? ' ' : '';
  } else {
    const u = typeof n === 'number' && n >= 0 ? n : BigInt.asUintN(64, BigInt(n));
    const radix = conv === 111 ? 8 : conv === 117 ? 10 : 16;
    digits = u.toString(radix);
    if (conv === 88) digits = digits.toUpperCase();
    if (sp.alt && conv !== 117 && conv !== 111 && u != 0) prefix = conv === 88 ? '0X' : '0x';
  }
  if (sp.prec >= 0) {
    if (sp.prec === 0 && digits === '0') digits = '';
    if (digits.length < sp.prec) digits = '0'.repeat(sp.prec - digits.length) + digits;
  }
  if (conv === 111 && sp.alt && digits.charCodeAt(0) !== 48) digits = '0' + digits;
  return pad(digits, prefix, sp, sp.prec < 0);
}

function fmtFloat(x: number, conv: number, sp: Spec): string {
  // a NaN's sign bit shows as C's printf shows it: 0/0 is "-nan", -(0/0) is "nan"
  const neg = x < 0 || Object.is(x, -0) || (x !== x && nanIsNegative(x));
  const prefix = neg ? '-' : sp.plus ? '+' : sp.space ? ' ' : '';
  const upper = conv === 65 || conv === 69 || conv === 70 || conv === 71;
  if (!isFinite(x)) {
    const b = x !== x ? 'nan' : 'inf';
    return pad(upper ? b.toUpperCase() : b, prefix, sp, false);
  }
  const ax = Math.abs(x);
  if ((conv | 32) === 97) {
    const h = hexBody(ax, sp.prec, sp.alt, upper);
    // zero padding goes after "0x"
    return pad(h.slice(2), prefix + h.slice(0, 2), sp, true);
  }
  const prec = sp.prec < 0 ? 6 : sp.prec;
  return pad(floatBody(ax, conv, prec, sp.alt), prefix, sp, true);
}

// ---- %q ----

function quoteString(s: string): string {
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92 || c === 10) {
      out += s.slice(run, i) + '\\' + s[i];
      run = i + 1;
    } else if (c < 32 || c === 127) {
      out += s.slice(run, i) + '\\' + (isDigit(s.charCodeAt(i + 1)) ? String(c).padStart(3, '0') : String(c));
      run = i + 1;
    }
  }
  return out + s.slice(run) + '"';
}

function quoteFloat(x: number): string {
  if (x === Infinity) return '1e9999';
  if (x === -Infinity) return '-1e9999';
  if (x !== x) return '(0/0)';
  return (x < 0 || Object.is(x, -0) ? '-' : '') + hexBody(Math.abs(x), -1, false, false);
}

function addLiteral(v: LuaValue, arg: number): string {
  switch (typeof v) {
    case 'string':
      return quoteString(v);
    case 'number':
      return Number.isInteger(v) ? String(v) : quoteFloat(v);
    case 'bigint':
      return v === -9223372036854775808n ? '0x8000000000000000' : v.toString();
    case 'undefined':
      return 'nil';
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v instanceof LFloat) return quoteFloat(v.n);
  return argError(arg, FNAME, 'value has no literal form');
}

function pointerOf(v: LuaValue): string | undefined {
  if (v instanceof LuaTable || typeof v === 'function' || (typeof v === 'object' && v !== null && !(v instanceof LFloat))) {
    return addressOf(v);
  }
  if (typeof v === 'string') {
    let h = 0x811c9dc5;
    for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 16777619) >>> 0;
    return '0x' + (0x550000000000 + h * 16).toString(16);
  }
  return undefined;
}

const SPAN = '-+ #0123456789.';

/** One format item of a format string, with the literal text that follows it. */
interface Item {
  /** '%', flags, width, precision and the conversion char */
  form: string;
  /** the conversion char (0 when the format string ends after '%') */
  conv: number;
  /** getformat rejects it as too long */
  tooLong: boolean;
  /** the parsed spec, or null when the conversion's checkformat rejects the form */
  sp: Spec | null;
  lit: string;
}

/** A format string split once into its literal text and items. */
interface Program {
  head: string;
  items: Item[];
}

/** The flags (and whether a precision is allowed) checkformat accepts for a conversion. */
function allowedFlags(conv: number): [string, boolean] | undefined {
  switch (conv) {
    case 99: // c
    case 112: // p
      return ['-', false];
    case 100: // d
    case 105: // i
      return ['-+ 0', true];
    case 117: // u
      return ['-0', true];
    case 111: // o
    case 120: // x
    case 88: // X
      return ['-#0', true];
    case 97: // a
    case 65: // A
    case 101: // e
    case 69: // E
    case 102: // f
    case 103: // g
    case 71: // G
      return ['-+ #0', true];
    case 115: // s
      return ['-', true];
  }
  return undefined;
}

function compileFormat(fmt: string): Program {
  const end = fmt.length;
  const items: Item[] = [];
  let head = '';
  let lit = '';
  let i = 0;
  const flush = () => {
    if (items.length === 0) head = lit;
    else items[items.length - 1].lit = lit;
    lit = '';
  };
  while (i < end) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      lit += fmt.slice(i);
      break;
    }
    lit += fmt.slice(i, pct);
    i = pct + 1;
    if (fmt.charCodeAt(i) === 37) {
      lit += '%';
      i++;
      continue;
    }
    flush();
    let len = 0;
    while (i + len < end && SPAN.indexOf(fmt[i + len]) >= 0) len++;
    len++;
    const form = '%' + fmt.slice(i, i + len);
    const conv = i + len - 1 < end ? fmt.charCodeAt(i + len - 1) : 0;
    i += len;
    const allowed = allowedFlags(conv);
    const ok = allowed !== undefined && validForm(form, allowed[0], allowed[1]);
    items.push({ form, conv, tooLong: len >= MAX_FORMAT - 10, sp: ok ? parseSpec(form) : null, lit: '' });
  }
  flush();
  return { head, items };
}

const programs = new Map<string, Program>();

function program(fmt: string): Program {
  let prog = programs.get(fmt);
  if (prog === undefined) {
    prog = compileFormat(fmt);
    if (programs.size >= 256) programs.clear();
    programs.set(fmt, prog);
  }
  return prog;
}

/** string.format(fmt, ...) */
export function strFormat(...args: LuaValue[]): string {
  const top = args.length;
  const prog = program(argString(args, 1, FNAME));
  const items = prog.items;
  let out = prog.head;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    const arg = k + 2;
    if (arg > top) argError(arg, FNAME, 'no value');
    if (it.tooLong) luaError('invalid format (too long)');
    out += formatItem(it, args[arg - 1], arg) + it.lit;
  }
  return out;
}

function formatItem(it: Item, v: LuaValue, arg: number): string {
  const form = it.form;
  const conv = it.conv;
  switch (conv) {
    case 99: {
      // c
      const sp = checked(it);
      const n = checkInt(v, arg, FNAME);
      const b = typeof n === 'number' ? n & 0xff : Number(BigInt.asUintN(8, n));
      return pad(String.fromCharCode(b), '', sp, false);
    }
    case 100: // d
    case 105: // i
    case 117: // u
    case 111: // o
    case 120: // x
    case 88: {
      // X
      const n = checkInt(v, arg, FNAME);
      if (form.length === 2 && conv === 100) return typeof n === 'number' ? String(n) : n.toString();
      return fmtInt(n, conv, checked(it));
    }
    case 97: // a
    case 65: {
      // A
      const sp = checked(it);
      const x = checkNumber(v, arg, FNAME);
      return fmtFloat(toDouble(x), conv, sp);
    }
    case 101: // e
    case 69: // E
    case 102: // f
    case 103: // g
    case 71: {
      // G
      const x = checkNumber(v, arg, FNAME);
      return fmtFloat(toDouble(x), conv, checked(it));
    }
    case 112: {
      // p
      const sp = checked(it);
      return pad(pointerOf(v) ?? '(null)', '', sp, false);
    }
    case 113: {
      // q
      if (form.length > 2) luaError("specifier '%q' cannot have modifiers");
      return addLiteral(v, arg);
    }
    case 115: {
      // s
      const s = tostr(v);
      if (form.length === 2) return s;
      if (s.indexOf('\0') >= 0) argError(arg, FNAME, 'string contains zeros');
      const sp = checked(it);
      if (sp.prec < 0 && s.length >= 100) return s;
      return pad(sp.prec >= 0 ? s.slice(0, sp.prec) : s, '', sp, false);
    }
  }
  return luaError(`invalid conversion '${form}' to 'format'`);
}

function toDouble(x: number | bigint | LFloat): number {
  return typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : x.n;
}

// ---- argument checks that tell "no value" (argument absent) from nil ----

/** luaL_checklstring on args[n-1]; an absent argument reports "got no value". */
export function argString(args: LuaValue[], n: number, fname: string): string {
  const v = args[n - 1];
  if (typeof v === 'string') return v;
  if (v === undefined && args.length < n) typeError(n, fname, 'string', v, false);
  return checkString(v, n, fname);
}

/** luaL_checkinteger on args[n-1]; an absent argument reports "got no value". */
export function argInt(args: LuaValue[], n: number, fname: string): number | bigint {
  const v = args[n - 1];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v === undefined && args.length < n) typeError(n, fname, 'number', v, false);
  return checkInt(v, n, fname);
}

/** argInt clamped to a JS number (int64 extremes behave as +-huge). */
export function argIntN(args: LuaValue[], n: number, fname: string): number {
  const v = args[n - 1];
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v === undefined && args.length < n) typeError(n, fname, 'number', v, false);
  return checkIntN(v, n, fname);
}

/** luaL_checknumber on args[n-1] as a double; an absent argument reports "got no value". */
export function argFloat(args: LuaValue[], n: number, fname: string): number {
  const v = args[n - 1];
  if (typeof v === 'number') return v;
  if (v === undefined && args.length < n) typeError(n, fname, 'number', v, false);
  return checkFloat(v, n, fname);
}
