// The `json` library: json.encode / json.decode over Lua byte strings, json.null, json.array, and the
// JS-side helpers the gateway uses (luaToJson / jsonToLua / jsToLua / luaToJs).
//
// Compatible with the reference system (SoliDB: Lua 5.4 + serde_json), with a few traps fixed.
//
// Encoding (Lua → JSON text, returned as a Lua byte string):
//   nil → null; json.null → null; booleans; strings (see below); numbers (see below).
//   Tables:
//   * A sequence (no string keys, keys exactly 1..n, n >= 1) → array.
//   * A table marked as an array (decoded from a JSON array, or passed to json.array) → array, even when
//     empty (`[]`); holes in its array part are written as `null`. A marked table that also has string
//     keys is written as an object (like any mixed table).
//   * An empty unmarked table → `{}`.
//   * Everything else → object. Integer keys are written as decimal strings ("1", "-3"). Key order: integer
//     keys ascending, then string keys in the order JS enumerates them: insertion order, except that
//     keys that look like array indices ("7", "42") come first in ascending numeric order (a V8 property
//     of the string-key dictionary). A table with both t[1] and t["1"] produces the key "1" twice.
//   * Keys that are neither strings nor integers (floats, booleans, tables, ...) → error
//     "json.encode: keys must be strings or integers". Metatables (and __name) are ignored: content only.
//   * Cycles → "json.encode: cyclic table"; more than 200 nested tables → "json.encode: nesting too deep".
//   Strings: the bytes of the Lua string are copied as they are, with `"`, `\` and control characters
//   (< 0x20) escaped as \" \\ \b \f \n \r \t or \u00XX (lowercase hex); `/` and DEL are not escaped.
//   The string must be valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF), else
//   "json.encode: invalid UTF-8 in string" — so the output is always valid UTF-8 JSON.
//   Numbers: integers in decimal (int64 beyond 2^53 exact, from bigint). Floats in the serde_json / ryu
//   layout of the shortest digits that round-trip:
//     integral, < 10^16        → digits + ".0"           3.0, -0.0, 1e15 → "1000000000000000.0"
//     10^-5 <= |x| < 10^16     → plain decimal            0.1, 1234.5678, 0.00001234
//     otherwise                → d[.ddd]e[-]x            1e16, 1e300, 1.5e-7, 1.2345e-6 (no "+", no padding)
//   NaN and ±inf → "json.encode: cannot encode NaN/inf". Functions, userdata, threads →
//   "json.encode: cannot encode function" (resp. userdata / thread).
//   Options: json.encode(v, {pretty = true}) → 2-space indentation, "key": value (as serde_json's pretty).
//
// Decoding (JSON text as a byte string → Lua value), strict RFC 8259:
//   null → nil (or the `null` option: json.decode(s, {null = json.null})); true/false; strings → byte
//   strings (UTF-8 passes through; the text must be valid UTF-8 inside strings); \uXXXX escapes (incl.
//   surrogate pairs) → UTF-8 bytes; a lone surrogate escape decodes as U+FFFD (EF BF BD).
//   Numbers: no fraction and no exponent → integer (beyond 2^53 as bigint; beyond int64 → float);
//   with a fraction or exponent → float (3.0 stays a float); magnitude overflowing a double → error.
//   Arrays → tables marked as arrays (null elements become holes unless the null option is set); objects →
//   tables with string keys (keys are never converted to integers; duplicate keys: the last wins).
//   Errors name the 1-based byte position: "json.decode: unexpected character 'x' at position 17",
//   "json.decode: unexpected end of input", "json.decode: trailing garbage at position 9",
//   "json.decode: invalid escape '\q' at position 4", "json.decode: invalid unicode escape at position 4",
//   "json.decode: control character in string at position 3", "json.decode: invalid UTF-8 in string at
//   position 5", "json.decode: number out of range at position 1", "json.decode: nesting too deep"
//   (more than 200 nested arrays/objects).
//
// Both directions use module-level state (output buffer / input cursor): neither calls back into Lua, so
// they cannot be re-entered.

import { luaError } from '../error.js';
import { markBuiltin } from '../ops.js';
import { MAXINTEGER, MININTEGER, normInt } from '../number.js';
import { LFloat, LuaError, LuaTable, LuaValue, StrDict, fromBytes, fromText, toText, truthy, type } from '../value.js';
import { typeError } from './args.js';

const MAX_DEPTH = 200;

// ---------------------------------------------------------------------------------------------------
// json.null and array marks

function makeNull(): LuaTable {
  const mt = new LuaTable();
  mt.setStr('__name', 'json.null');
  mt.setStr(
    '__tostring',
    markBuiltin(function () {
      return 'null';
    }),
  );
  mt.setStr(
    '__newindex',
    markBuiltin(function () {
      return luaError('attempt to modify json.null');
    }),
  );
  mt.setStr('__metatable', 'json.null');
  const t = new LuaTable();
  t.mt = mt;
  // Frozen: no content can ever be stored (rawset fails too). Only the next() traversal cache of
  // LuaTable stays writable so that pairs(json.null) still works (and yields nothing).
  Object.freeze(t.a);
  for (const f of ['s', 'a', 'h', 'mt'] as const) Object.defineProperty(t, f, { writable: false, configurable: false });
  Object.seal(t);
  Object.freeze(mt.s);
  Object.seal(mt);
  return t;
}

/** The json.null sentinel: a unique, frozen, empty table (tostring "null", __name "json.null"). */
export const JSON_NULL: LuaTable = makeNull();

const arrays = new WeakSet<LuaTable>();

/** Mark a table as a JSON array (json.array): it encodes as `[...]`, `[]` when empty. */
export function markArray(t: LuaTable): LuaTable {
  arrays.add(t);
  return t;
}
export function isArrayMarked(t: LuaTable): boolean {
  return arrays.has(t);
}

// ---------------------------------------------------------------------------------------------------
// UTF-8

/** Length of the valid UTF-8 sequence starting at byte i (1..4), or 0 if invalid / truncated. */
function utf8Seq(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0xc2 || c > 0xf4) return 0;
  const c1 = s.charCodeAt(i + 1);
  if (c < 0xe0) return c1 >= 0x80 && c1 <= 0xbf ? 2 : 0;
  if (c < 0xf0) {
    if (!(c1 >= (c === 0xe0 ? 0xa0 : 0x80) && c1 <= (c === 0xed ? 0x9f : 0xbf))) return 0;
    const c2 = s.charCodeAt(i + 2);
    return c2 >= 0x80 && c2 <= 0xbf ? 3 : 0;
  }
  if (!(c1 >= (c === 0xf0 ? 0x90 : 0x80) && c1 <= (c === 0xf4 ? 0x8f : 0xbf))) return 0;
  const c2 = s.charCodeAt(i + 2);
  const c3 = s.charCodeAt(i + 3);
  return c2 >= 0x80 && c2 <= 0xbf && c3 >= 0x80 && c3 <= 0xbf ? 4 : 0;
}

/** A code point as its UTF-8 bytes (one char per byte). */
function utf8Encode(cp: number): string {
  const f = String.fromCharCode;
  if (cp < 0x80) return f(cp);
  if (cp < 0x800) return f(0xc0 | (cp >> 6), 0x80 | (cp & 63));
  if (cp < 0x10000) return f(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  return f(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
}

// ---------------------------------------------------------------------------------------------------
// Float formatting

/**
 * A finite double in the serde_json (ryu) layout — see the table at the top of the file — with the
 * shortest digits that round-trip, taken from ECMAScript's Number::toString (which, like ryu, picks the
 * shortest digit string and, among those, the one closest to the exact value). Only the layout differs
 * from JS: ".0" on integral values, exponent form from 1e16 up and below 1e-5, no "+" in exponents.
 */
export function formatFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const s = String(x);
  // JS uses exponent form for |x| >= 1e21 or |x| < 1e-6: same digits, drop the "+"
  if (s.indexOf('e') >= 0) return s.replace('e+', 'e');
  const neg = s.charCodeAt(0) === 45 ? 1 : 0;
  const dot = s.indexOf('.');
  if (dot >= 0) {
    // ryu switches to exponent form one decade earlier than JS: 0.00000123 → 1.23e-6
    if (s.startsWith('0.00000', neg)) {
      const d = s.slice(neg + 7);
      return (neg ? '-' : '') + d[0] + (d.length > 1 ? '.' + d.slice(1) : '') + 'e-6';
    }
    return s;
  }
  // integral
  const len = s.length - neg;
  if (len <= 16) return s + '.0';
  let e = s.length;
  while (s.charCodeAt(e - 1) === 48) e--;
  const d = s.slice(neg, e);
  return (neg ? '-' : '') + d[0] + (d.length > 1 ? '.' + d.slice(1) : '') + 'e' + (len - 1);
}

// ---------------------------------------------------------------------------------------------------
// Encoder
//
// Output goes into a module-level byte buffer (one byte per output char) that is turned into a Lua byte
// string at the end (a latin1 slice): no intermediate strings for the ASCII/UTF-8 copying of strings.

type ByteBuf = Buffer & { latin1Slice(start: number, end: number): string };
const BUF_KEEP = 1 << 20; // a buffer grown beyond this is dropped after the call
let buf = Buffer.allocUnsafe(8192) as ByteBuf;
let blen = 0;
let pretty = false;
const stack: LuaTable[] = [];
const indents: string[] = ['\n'];
function indent(depth: number): string {
  let s = indents[depth];
  if (s === undefined) s = indents[depth] = '\n' + '  '.repeat(depth);
  return s;
}

function grow(n: number): void {
  let size = buf.length * 2;
  while (size < blen + n) size *= 2;
  const nb = Buffer.allocUnsafe(size) as ByteBuf;
  buf.copy(nb, 0, 0, blen);
  buf = nb;
}

/** Append an ASCII string (digits, literals, indentation). */
function put(s: string): void {
  const n = s.length;
  if (blen + n > buf.length) grow(n);
  const b = buf;
  let p = blen;
  for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
  blen = p;
}
function putc(c: number): void {
  if (blen >= buf.length) grow(1);
  buf[blen++] = c;
}

/** An encoding fault, raised as a Lua error by encodeFresh: the Lua position is found from there, not
 * from 200 nested tables down, past the frames a JS stack trace keeps. */
class EncodeFault {
  constructor(readonly msg: string) {}
}

function encError(msg: string): never {
  throw new EncodeFault(msg);
}

const ESC: string[] = [];
for (let c = 0; c < 0x20; c++) ESC[c] = '\\u00' + c.toString(16).padStart(2, '0');
ESC[8] = '\\b';
ESC[9] = '\\t';
ESC[10] = '\\n';
ESC[12] = '\\f';
ESC[13] = '\\r';
ESC[34] = '\\"';
ESC[92] = '\\\\';

function encString(s: string): void {
  const n = s.length;
  if (blen + n + 2 > buf.length) grow(n + 2);
  const b = buf;
  let p = blen;
  b[p++] = 34;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 34 && c !== 92) {
      b[p++] = c;
    } else {
      blen = p;
      return encStringSlow(s, i);
    }
  }
  b[p++] = 34;
  blen = p;
}

function encStringSlow(s: string, i: number): void {
  const n = s.length;
  if (blen + (n - i) * 6 + 1 > buf.length) grow((n - i) * 6 + 1);
  const b = buf;
  let p = blen;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 34 && c !== 92) {
      b[p++] = c;
      i++;
    } else if (c >= 0x80) {
      const l = utf8Seq(s, i);
      if (l === 0) encError('invalid UTF-8 in string');
      for (const e = i + l; i < e; i++) b[p++] = s.charCodeAt(i);
    } else {
      const e = ESC[c];
      for (let j = 0; j < e.length; j++) b[p++] = e.charCodeAt(j);
      i++;
    }
  }
  b[p++] = 34;
  blen = p;
}

/** Append a safe integer in decimal. */
function putInt(v: number): void {
  if (blen + 17 > buf.length) grow(17);
  const b = buf;
  if (v < 0) {
    b[blen++] = 45;
    v = -v;
  }
  if (v < 10) {
    b[blen++] = 48 + v;
    return;
  }
  let digits = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
  let p = blen + digits;
  blen = p;
  while (v >= 10) {
    const q = Math.floor(v / 10);
    b[--p] = 48 + (v - q * 10);
    v = q;
  }
  b[--p] = 48 + v;
}

function encValue(v: LuaValue, depth: number): void {
  switch (typeof v) {
    case 'string':
      encString(v);
      return;
    case 'number':
      if (Number.isInteger(v)) putInt(v);
      else if (v - v === 0) put(formatFloat(v));
      else encError('cannot encode NaN/inf');
      return;
    case 'boolean':
      put(v ? 'true' : 'false');
      return;
    case 'undefined':
      put('null');
      return;
    case 'bigint':
      put(v.toString());
      return;
    case 'object':
      if (v instanceof LuaTable) return encTable(v, depth);
      if (v instanceof LFloat) {
        if (v.n - v.n === 0) put(formatFloat(v.n));
        else encError('cannot encode NaN/inf');
        return;
      }
  }
  encError('cannot encode ' + type(v));
}

function encTable(t: LuaTable, depth: number): void {
  if (t === JSON_NULL) {
    put('null');
    return;
  }
  if (depth >= MAX_DEPTH) {
    for (let i = 0; i < depth; i++) if (stack[i] === t) encError('cyclic table');
    encError('nesting too deep');
  }
  stack[depth] = t;
  if (t.hasStrKeys()) return encObject(t, depth); // any string key: an object
  const h = t.h;
  const a = t.a;
  const n = a.length;
  if (h === undefined || h.size === 0) {
    if (n === 0) {
      put(arrays.has(t) ? '[]' : '{}');
      return;
    }
    // optimistic: a sequence; on a hole, an unmarked table restarts as an object
    const saved = blen;
    putc(91);
    for (let i = 0; i < n; i++) {
      const v = a[i];
      if (i > 0) putc(44);
      if (pretty) put(indent(depth + 1));
      if (v === undefined) {
        if (!arrays.has(t)) {
          blen = saved;
          return encObject(t, depth);
        }
        put('null');
      } else encValue(v, depth + 1);
    }
    if (pretty) put(indent(depth));
    putc(93);
    return;
  }
  if (arrays.has(t)) {
    // a marked array with keys past its array part: still an array when they are positive integers
    // and not too sparse (nulls fill the holes)
    let max = n;
    let ok = true;
    for (const k of h.keys()) {
      if (typeof k === 'number' && Number.isInteger(k) && k > 0) {
        if (k > max) max = k;
      } else {
        ok = false;
        break;
      }
    }
    if (ok && max <= 2 * (n + h.size) + 16) {
      putc(91);
      for (let i = 1; i <= max; i++) {
        if (i > 1) putc(44);
        if (pretty) put(indent(depth + 1));
        const v = t.getInt(i);
        if (v === undefined) put('null');
        else encValue(v, depth + 1);
      }
      if (pretty) put(indent(depth));
      putc(93);
      return;
    }
  }
  encObject(t, depth);
}

/** Integer keys of the hash part, ascending; error on keys that are neither strings nor integers. */
function hashIntKeys(h: Map<LuaValue, LuaValue> | undefined, err: (msg: string) => never): (number | bigint)[] | undefined {
  if (h === undefined || h.size === 0) return undefined;
  const ks: (number | bigint)[] = [];
  for (const k of h.keys()) {
    if ((typeof k === 'number' && Number.isInteger(k)) || typeof k === 'bigint') ks.push(k);
    else err('keys must be strings or integers');
  }
  return ks.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** `"k":` (or `"k": `) for an integer key, after the separator and indentation. */
function intKey(k: number | bigint, first: boolean, depth: number): void {
  if (!first) putc(44);
  if (pretty) put(indent(depth + 1));
  putc(34);
  if (typeof k === 'number') putInt(k);
  else put(k.toString());
  put(pretty ? '": ' : '":');
}

/** `"k":v` (or `"k": v`) for a string key, after the separator and indentation. */
function strField(k: string, v: LuaValue, first: boolean, depth: number): void {
  if (!first) putc(44);
  if (pretty) put(indent(depth + 1));
  encString(k);
  if (pretty) put(': ');
  else putc(58);
  encValue(v, depth + 1);
}

function encObject(t: LuaTable, depth: number): void {
  const a = t.a;
  const h = t.h;
  const hk = hashIntKeys(h, encError);
  let first = true;
  putc(123);
  let hi = 0;
  if (hk !== undefined) {
    while (hi < hk.length && hk[hi] < 1) {
      const k = hk[hi++];
      intKey(k, first, depth);
      first = false;
      encValue(h!.get(k), depth + 1);
    }
  }
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === undefined) continue;
    intKey(i + 1, first, depth);
    first = false;
    encValue(v, depth + 1);
  }
  if (hk !== undefined) {
    while (hi < hk.length) {
      const k = hk[hi++];
      intKey(k, first, depth);
      first = false;
      encValue(h!.get(k), depth + 1);
    }
  }
  const s = t.s;
  for (const k in s) {
    const v = s[k];
    if (v === undefined) continue;
    strField(k, v, first, depth);
    first = false;
  }
  const sm = t.sm;
  if (sm !== undefined) {
    for (const [k, v] of sm) {
      strField(k, v, first, depth);
      first = false;
    }
  }
  if (!first && pretty) put(indent(depth));
  putc(125);
}

function encodeValue(v: LuaValue, isPretty: boolean): string {
  if (!isPretty && v instanceof LuaTable) {
    // a table handed out by SharedJson.value() that still holds exactly what was decoded: its text
    // is the same for every copy, so it is encoded once (see SharedJson)
    const o: Origin | undefined = (v.s as any)[ORIGIN] ?? (v.a as any)[ORIGIN];
    if (o !== undefined && matches(v, o.shape as Shape)) return (o.text ??= encodeFresh(v, false));
  }
  return encodeFresh(v, isPretty);
}

function encodeFresh(v: LuaValue, isPretty: boolean): string {
  blen = 0;
  pretty = isPretty;
  try {
    encValue(v, 0);
    return buf.latin1Slice(0, blen);
  } catch (e) {
    if (e instanceof EncodeFault) luaError('json.encode: ' + e.msg);
    throw e;
  } finally {
    blen = 0;
    stack.length = 0; // don't keep the encoded tables alive
    if (buf.length > BUF_KEEP) buf = Buffer.allocUnsafe(8192) as ByteBuf;
  }
}

// ---------------------------------------------------------------------------------------------------
// Decoder

let src = '';
let pos = 0;
let nullValue: LuaValue = undefined;

function decError(msg: string): never {
  src = '';
  return luaError('json.decode: ' + msg);
}

/** The character at p for a message: printable ASCII as is, a valid UTF-8 sequence as its bytes, else \xNN. */
function charAt(p: number): string {
  const c = src.charCodeAt(p);
  if (c >= 0x20 && c < 0x7f) return src[p];
  if (c >= 0x80) {
    const l = utf8Seq(src, p);
    if (l > 1) return src.slice(p, p + l);
  }
  return '\\x' + (c & 0xff).toString(16).padStart(2, '0');
}

/** Error at p: end of input if p is past the end, else an unexpected character. */
function unexpected(p: number): never {
  if (p >= src.length) return decError('unexpected end of input');
  return decError(`unexpected character '${charAt(p)}' at position ${p + 1}`);
}

function skipWs(): number {
  let c = src.charCodeAt(pos);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = src.charCodeAt(++pos);
  return c;
}

function parseValue(depth: number): LuaValue {
  let c = src.charCodeAt(pos);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = src.charCodeAt(++pos);
  switch (c) {
    case 34: // "
      return parseString();
    case 123: // {
      return parseObject(depth + 1);
    case 91: // [
      return parseArray(depth + 1);
    case 116: // t
      literal('true');
      return true;
    case 102: // f
      literal('false');
      return false;
    case 110: // n
      literal('null');
      return nullValue;
    case 45: // -
    case 48:
    case 49:
    case 50:
    case 51:
    case 52:
    case 53:
    case 54:
    case 55:
    case 56:
    case 57:
      return parseNumber();
  }
  return unexpected(pos);
}

function literal(word: string): void {
  if (src.startsWith(word, pos)) {
    pos += word.length;
    return;
  }
  let i = 1;
  while (src.charCodeAt(pos + i) === word.charCodeAt(i)) i++;
  unexpected(pos + i);
}

function parseArray(depth: number): LuaTable {
  if (depth > MAX_DEPTH) decError('nesting too deep');
  pos++;
  const arr: LuaValue[] = [];
  let c = skipWs();
  if (c !== 93) {
    for (;;) {
      arr.push(parseValue(depth));
      c = skipWs();
      if (c === 44) {
        pos++;
      } else if (c === 93) {
        break;
      } else {
        unexpected(pos);
      }
    }
  }
  pos++;
  const t = new LuaTable(arr);
  arrays.add(t);
  return t;
}

function parseObject(depth: number): LuaTable {
  if (depth > MAX_DEPTH) decError('nesting too deep');
  pos++;
  const t = new LuaTable();
  let c = skipWs();
  if (c === 125) {
    pos++;
    return t;
  }
  let s: Record<string, LuaValue> | undefined;
  for (;;) {
    if (c !== 34) unexpected(pos);
    const k = parseKey();
    c = skipWs();
    if (c !== 58) unexpected(pos);
    pos++;
    const v = parseValue(depth);
    if (v !== undefined) {
      if (s === undefined) s = t.s = new (StrDict as any)() as Record<string, LuaValue>;
      s[k] = v;
    } else if (s !== undefined && k in s) {
      delete s[k];
    }
    c = skipWs();
    if (c === 44) {
      pos++;
      c = skipWs();
    } else if (c === 125) {
      pos++;
      return t;
    } else {
      unexpected(pos);
    }
  }
}

// Object keys repeat across a document and across messages: handing V8 the same (internalized) key
// string keeps the property stores on its fast path instead of internalizing a fresh copy each time.
const keyCache = new Map<string, string>();
function parseKey(): string {
  const k = parseString();
  const c = keyCache.get(k);
  if (c !== undefined) return c;
  if (keyCache.size >= 2048) keyCache.clear();
  if (k.length <= 64) keyCache.set(k, k);
  return k;
}

function parseString(): string {
  const start = ++pos;
  const s = src;
  let i = start;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      pos = i + 1;
      return s.slice(start, i);
    }
    if (c < 0x20 || c >= 0x80 || c === 92 || c !== c) return parseStringSlow(start, i);
    i++;
  }
}

function parseStringSlow(start: number, i: number): string {
  const s = src;
  let r = '';
  let run = start;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      pos = i + 1;
      return r + s.slice(run, i);
    }
    if (c === 92) {
      r += s.slice(run, i);
      const e = s.charCodeAt(i + 1);
      switch (e) {
        case 34:
          r += '"';
          break;
        case 92:
          r += '\\';
          break;
        case 47:
          r += '/';
          break;
        case 98:
          r += '\b';
          break;
        case 102:
          r += '\f';
          break;
        case 110:
          r += '\n';
          break;
        case 114:
          r += '\r';
          break;
        case 116:
          r += '\t';
          break;
        case 117: {
          let cp = hex4(i);
          i += 6;
          if (cp >= 0xd800 && cp <= 0xdfff) {
            if (cp <= 0xdbff && s.charCodeAt(i) === 92 && s.charCodeAt(i + 1) === 117) {
              const lo = hex4(i);
              if (lo >= 0xdc00 && lo <= 0xdfff) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                i += 6;
              } else cp = 0xfffd; // the next escape is decoded on its own
            } else cp = 0xfffd;
          }
          r += utf8Encode(cp);
          run = i;
          continue;
        }
        default:
          if (i + 1 >= s.length) decError('unexpected end of input');
          decError(`invalid escape '\\${charAt(i + 1)}' at position ${i + 1}`);
      }
      i += 2;
      run = i;
      continue;
    }
    if (c < 0x20) decError(`control character in string at position ${i + 1}`);
    if (c >= 0x80) {
      const l = utf8Seq(s, i);
      if (l === 0) decError(`invalid UTF-8 in string at position ${i + 1}`);
      i += l;
      continue;
    }
    if (c !== c) decError('unexpected end of input');
    i++;
  }
}

/** The 4 hex digits of the \u escape whose backslash is at i. */
function hex4(i: number): number {
  let v = 0;
  for (let j = i + 2; j < i + 6; j++) {
    const c = src.charCodeAt(j);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 97 && c <= 102) d = c - 87;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c !== c) return decError('unexpected end of input');
    else return decError(`invalid unicode escape at position ${i + 1}`);
    v = v * 16 + d;
  }
  return v;
}

function parseNumber(): LuaValue {
  const s = src;
  const start = pos;
  let i = pos;
  let c = s.charCodeAt(i);
  const neg = c === 45;
  if (neg) c = s.charCodeAt(++i);
  let n = 0;
  if (c === 48) {
    c = s.charCodeAt(++i);
  } else if (c >= 49 && c <= 57) {
    do {
      n = n * 10 + (c - 48);
      c = s.charCodeAt(++i);
    } while (c >= 48 && c <= 57);
  } else {
    unexpected(i);
  }
  let float = false;
  if (c === 46) {
    c = s.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) unexpected(i);
    do c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57);
    float = true;
  }
  if (c === 101 || c === 69) {
    c = s.charCodeAt(++i);
    if (c === 43 || c === 45) c = s.charCodeAt(++i);
    if (!(c >= 48 && c <= 57)) unexpected(i);
    do c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57);
    float = true;
  }
  pos = i;
  if (float) {
    const x = Number(s.slice(start, i));
    if (x - x !== 0) decError(`number out of range at position ${start + 1}`);
    return Number.isInteger(x) ? new LFloat(x) : x;
  }
  if (i - start - (neg ? 1 : 0) <= 15) return neg ? (n === 0 ? 0 : -n) : n;
  const text = s.slice(start, i);
  const b = BigInt(text);
  if (b >= MININTEGER && b <= MAXINTEGER) return normInt(b);
  return new LFloat(Number(text)); // beyond int64: a float (always integral and finite here)
}

function decodeText(text: string, nullv: LuaValue): LuaValue {
  src = text;
  pos = 0;
  nullValue = nullv;
  const v = parseValue(0);
  skipWs();
  if (pos < src.length) decError(`trailing garbage at position ${pos + 1}`);
  src = '';
  nullValue = undefined;
  return v;
}

// ---------------------------------------------------------------------------------------------------
// Shared decoding: one JSON text delivered to many receivers (a channel broadcast, a presence record)
//
// SharedJson decodes its text once and keeps a *shape* of the result: a plain JS description (keys in
// order, values, array part, array mark) that is never handed to Lua. Every value() call builds a fresh
// Lua value from the shape, indistinguishable from jsonToLua(text): new tables (a script may modify its
// copy freely; copies share nothing mutable), the same keys in the same insertion order (so the same V8
// hidden classes, and the same json.encode key order), new LFloat boxes, array marks, holes.
//
// Encoding such a copy: json.encode of every copy of one broadcast gives the same text, so it is
// computed once. Lua code can write to a copy in ways this library does not see (LuaTable.setStr/set/
// setInt, but also inline stores `o.s[k] = v` in compiled code, rawset, table.insert, ...), so nothing is
// invalidated on write; instead encodeValue re-checks the copy against the shape before using the
// cached text (`matches`). Finding the origin: a copy's string-key dict (or, for an array, its array
// part) carries it under a symbol key, which for-in, pairs, next and the encoder never see. (A WeakMap
// did the same at 10× the cost per copy.) Whatever way a tag might end up on another table (the runtime
// never shares these objects between tables), a tag is only a hint: the full check below decides. The
// check compares exactly what the encoder reads, in the encoder's order:
//   - no `sm` (map-mode string keys) and no non-empty hash part `h` (a decoded value has neither),
//   - the array mark, the array part's length and every element,
//   - the string keys with a non-nil value, in for-in order (the encoder's order), each value,
//   - values: primitives with ===; LFloat by its number (Object.is: -0.0); tables recursively
//     against their sub-shape, json.null never matching (it encodes as null).
// If all of that is equal, the encoder would produce the same bytes as for the first copy, whose
// encoding is the cached text. The check is bounded by the shape (a cycle a script creates fails it at
// the latest when the shape ends), allocates nothing, and costs far less than encoding (no escaping, no
// output). Metatables are ignored by the encoder and by the check. Only the top-level table is looked up
// (one WeakMap get per json.encode of a table) and only for compact output (pretty is rare).

interface Shape {
  /** string keys with a non-nil value, in the decoded table's for-in order */
  keys: string[];
  /** their values: primitives, LFloat, or a Shape for a nested table */
  vals: LuaValue[];
  /** array part (holes as undefined), or undefined for an empty one */
  arr: LuaValue[] | undefined;
  marked: boolean;
}

interface Origin {
  shape: LuaValue;
  text: string | undefined;
}

/** Key of the Origin on a copy's `s` dict (or `a` array when it has no string keys). */
const ORIGIN: unique symbol = Symbol('json.origin');
const UNSET: unique symbol = Symbol('unset');

function isShape(v: LuaValue): v is Shape {
  return v !== null && typeof v === 'object' && v.constructor === ShapeNode;
}
// a class so shapes are recognised by constructor and get one hidden class
class ShapeNode implements Shape {
  constructor(
    public keys: string[],
    public vals: LuaValue[],
    public arr: LuaValue[] | undefined,
    public marked: boolean,
  ) {}
}

function shapeOf(v: LuaValue): LuaValue {
  if (!(v instanceof LuaTable)) return v;
  const keys: string[] = [];
  const vals: LuaValue[] = [];
  const s = v.s;
  for (const k in s) {
    const x = s[k];
    if (x !== undefined) {
      keys.push(k);
      vals.push(shapeOf(x));
    }
  }
  const a = v.a;
  let arr: LuaValue[] | undefined;
  if (a.length > 0) {
    arr = [];
    for (let i = 0; i < a.length; i++) arr.push(shapeOf(a[i]));
  }
  return new ShapeNode(keys, vals, arr, arrays.has(v));
}

function build(sh: LuaValue): LuaValue {
  if (!isShape(sh)) return sh instanceof LFloat ? new LFloat(sh.n) : sh;
  const arr = sh.arr;
  let t: LuaTable;
  if (arr !== undefined) {
    const a: LuaValue[] = [];
    for (let i = 0; i < arr.length; i++) a.push(build(arr[i]));
    t = new LuaTable(a);
  } else t = new LuaTable();
  if (sh.marked) arrays.add(t);
  const keys = sh.keys;
  if (keys.length > 0) {
    const vals = sh.vals;
    const s = (t.s = new (StrDict as any)() as Record<string, LuaValue>);
    for (let i = 0; i < keys.length; i++) s[keys[i]] = build(vals[i]);
  }
  return t;
}

function matches(t: LuaTable, sh: Shape): boolean {
  if (t.sm !== undefined || (t.h !== undefined && t.h.size > 0)) return false;
  if (arrays.has(t) !== sh.marked) return false;
  const a = t.a;
  const arr = sh.arr;
  if (arr === undefined) {
    if (a.length !== 0) return false;
  } else {
    if (a.length !== arr.length) return false;
    for (let i = 0; i < arr.length; i++) if (!matchVal(a[i], arr[i])) return false;
  }
  const keys = sh.keys;
  const vals = sh.vals;
  const s = t.s;
  let i = 0;
  for (const k in s) {
    const v = s[k];
    if (v === undefined) continue; // an absent key: the encoder skips it too
    if (i >= keys.length || k !== keys[i] || !matchVal(v, vals[i])) return false;
    i++;
  }
  return i === keys.length;
}

function matchVal(v: LuaValue, sv: LuaValue): boolean {
  if (v === sv) return true; // same primitive (a shape is never reachable from Lua, so never === a value)
  if (typeof sv !== 'object' || sv === null || typeof v !== 'object') return false;
  if (sv instanceof LFloat) return v instanceof LFloat && Object.is(v.n, sv.n);
  return isShape(sv) && v instanceof LuaTable && v !== JSON_NULL && matches(v, sv);
}

/**
 * A JSON text (byte string) that many receivers decode: decoded once, each value() is a fresh Lua value
 * equal to jsonToLua(text) (see above). A text that fails to decode throws the same LuaError on every call.
 */
export class SharedJson {
  private origin: Origin | undefined = undefined;
  private shape: LuaValue = UNSET;
  constructor(readonly text: string) {}

  value(): LuaValue {
    const sh = this.shape;
    if (sh === UNSET) {
      const v = decodeText(this.text, undefined);
      this.shape = shapeOf(v); // describes v, shares no table with it: v itself is the first copy
      return this.track(v);
    }
    return this.track(build(sh));
  }

  private track(v: LuaValue): LuaValue {
    if (v instanceof LuaTable) {
      // tag the string-key dict, or else the array part; an empty table is not worth tagging (never the
      // shared frozen empty dict: `s` is tagged only when it holds a key)
      const o = (this.origin ??= { shape: this.shape, text: undefined });
      const sh = this.shape as Shape;
      if (sh.keys.length > 0) (v.s as any)[ORIGIN] = o;
      else if (sh.arr !== undefined) (v.a as any)[ORIGIN] = o;
    }
    return v;
  }
}

// ---------------------------------------------------------------------------------------------------
// The Lua library

function encodeOpts(opts: LuaValue): boolean {
  if (opts === undefined) return false;
  if (!(opts instanceof LuaTable)) return typeError(2, 'encode', 'table', opts);
  return truthy(opts.getStr('pretty'));
}

const jsonEncode = markBuiltin(function encode(v: LuaValue, opts?: LuaValue): LuaValue {
  return encodeValue(v, opts === undefined ? false : encodeOpts(opts));
});

const jsonDecode = markBuiltin(function decode(s: LuaValue, opts?: LuaValue): LuaValue {
  if (typeof s !== 'string') {
    if (typeof s === 'number' || typeof s === 'bigint' || s instanceof LFloat) s = String(s instanceof LFloat ? formatFloat(s.n) : s);
    else return typeError(1, 'decode', 'string', s);
  }
  let nullv: LuaValue = undefined;
  if (opts !== undefined) {
    if (!(opts instanceof LuaTable)) return typeError(2, 'decode', 'table', opts);
    nullv = opts.getStr('null');
  }
  return decodeText(s, nullv);
});

const jsonArray = markBuiltin(function array(t?: LuaValue): LuaValue {
  if (t === undefined) return markArray(new LuaTable());
  if (!(t instanceof LuaTable) || t === JSON_NULL) return typeError(1, 'array', 'table', t);
  return markArray(t);
});

export function openJson(G: LuaTable): LuaTable {
  const json = new LuaTable();
  json.setStr('encode', jsonEncode);
  json.setStr('decode', jsonDecode);
  json.setStr('array', jsonArray);
  json.setStr('null', JSON_NULL);
  G.setStr('json', json);
  return json;
}

// ---------------------------------------------------------------------------------------------------
// JS-side helpers for the gateway

/** json.encode from JS: a Lua value → JSON as a byte string (UTF-8 bytes, one char each). Throws LuaError. */
export function luaToJson(v: LuaValue, opts?: { pretty?: boolean }): string {
  return encodeValue(v, opts?.pretty === true);
}

/**
 * json.decode from JS: JSON given as a byte string (e.g. Buffer#toString('latin1') of a UTF-8 message)
 * → Lua value. Throws LuaError. A JS text string with non-ASCII characters must go through fromText first.
 */
export function jsonToLua(text: string, opts?: { null?: LuaValue }): LuaValue {
  return decodeText(text, opts?.null);
}

/**
 * A plain JS value (from JSON.parse, user claims, ...) → Lua value. Strings → byte strings (fromText);
 * integral numbers within ±(2^53-1) → integers, other numbers → floats; bigints → integers (floats
 * beyond int64); null/undefined → nil; arrays → array-marked tables (null elements become holes);
 * Uint8Array → byte string; objects with toJSON (Date) → their toJSON(); Map → table with converted keys;
 * other objects → tables of their own enumerable string keys. LuaTable and LFloat are passed through,
 * as are functions. Shared and cyclic references map to the same table.
 */
export function jsToLua(v: unknown): LuaValue {
  return toLua(v, undefined);
}

function toLua(v: unknown, seen: Map<object, LuaTable> | undefined): LuaValue {
  switch (typeof v) {
    case 'string':
      return fromText(v);
    case 'number':
      if (Number.isInteger(v)) return Math.abs(v) <= Number.MAX_SAFE_INTEGER ? (v === 0 ? 0 : v) : new LFloat(v);
      return v;
    case 'boolean':
    case 'function':
      return v;
    case 'bigint':
      return v >= MININTEGER && v <= MAXINTEGER ? normInt(v) : new LFloat(Number(v));
    case 'object': {
      if (v === null) return undefined;
      if (v instanceof LuaTable || v instanceof LFloat) return v;
      if (v instanceof Uint8Array) return fromBytes(v);
      seen ??= new Map();
      let t = seen.get(v);
      if (t !== undefined) return t;
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return toLua((v as { toJSON(): unknown }).toJSON(), seen);
      t = new LuaTable();
      seen.set(v, t);
      if (Array.isArray(v)) {
        const arr: LuaValue[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) arr[i] = toLua(v[i], seen);
        while (arr.length > 0 && arr[arr.length - 1] === undefined) arr.pop();
        t.a = arr;
        arrays.add(t);
      } else if (v instanceof Map) {
        for (const [k, x] of v) {
          const lk = toLua(k, seen);
          const lv = toLua(x, seen);
          if (lk === undefined || lk !== lk || lv === undefined) continue;
          t.set(lk, lv);
        }
      } else {
        const o = v as Record<string, unknown>;
        for (const k of Object.keys(o)) {
          const x = toLua(o[k], seen);
          if (x !== undefined) t.setStr(fromText(k), x);
        }
      }
      return t;
    }
  }
  return undefined; // symbols
}

/**
 * A Lua value → plain JS value. Byte strings → JS text (toText: decoded as UTF-8); integers → numbers
 * (bigint beyond 2^53); floats → numbers; nil → undefined; json.null → null; tables → arrays or objects
 * with the same rules as json.encode (holes in arrays → null; integer keys → decimal strings; keys that
 * are neither strings nor integers → LuaError). Functions and other values are passed through. Shared
 * and cyclic references map to the same JS object.
 */
export function luaToJs(v: LuaValue): unknown {
  return toJs(v, undefined);
}

function keyError(msg: string): never {
  throw new LuaError('luaToJs: ' + msg);
}

/** Length of the JSON array a table encodes as, or -1 if it encodes as an object (json.encode's rules). */
function arrayLength(t: LuaTable): number {
  if (t.hasStrKeys()) return -1;
  const a = t.a;
  const n = a.length;
  const h = t.h;
  const marked = arrays.has(t);
  if (h === undefined || h.size === 0) {
    if (n === 0) return marked ? 0 : -1;
    if (!marked) for (let i = 0; i < n; i++) if (a[i] === undefined) return -1;
    return n;
  }
  if (!marked) return -1;
  let max = n;
  for (const k of h.keys()) {
    if (typeof k === 'number' && Number.isInteger(k) && k > 0) max = Math.max(max, k);
    else return -1;
  }
  return max <= 2 * (n + h.size) + 16 ? max : -1;
}

function toJs(v: LuaValue, seen: Map<LuaTable, unknown> | undefined): unknown {
  switch (typeof v) {
    case 'string':
      return toText(v);
    case 'object': {
      if (v instanceof LFloat) return v.n;
      if (!(v instanceof LuaTable)) return v;
      if (v === JSON_NULL) return null;
      seen ??= new Map();
      const done = seen.get(v);
      if (done !== undefined) return done;
      const n = arrayLength(v);
      if (n >= 0) {
        const arr: unknown[] = new Array(n);
        seen.set(v, arr);
        for (let i = 0; i < n; i++) {
          const x = v.getInt(i + 1);
          arr[i] = x === undefined ? null : toJs(x, seen);
        }
        return arr;
      }
      const o: Record<string, unknown> = {};
      seen.set(v, o);
      const put = (k: string, x: LuaValue) => {
        if (x === undefined) return;
        const jv = toJs(x, seen);
        if (k === '__proto__') Object.defineProperty(o, k, { value: jv, enumerable: true, writable: true, configurable: true });
        else o[k] = jv;
      };
      const hk = hashIntKeys(v.h, keyError);
      const a = v.a;
      for (let i = 0; i < a.length; i++) put(String(i + 1), a[i]);
      if (hk !== undefined) for (const k of hk) put(String(k), v.h!.get(k));
      v.forEachStr((k, x) => put(toText(k), x));
      return o;
    }
  }
  return v;
}
