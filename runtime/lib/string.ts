// The Lua 5.4 string library (lstrlib.c) over byte strings.

import { argError, luaError } from '../error.js';
import { dumpFunction } from './load.js';
import { call, stringMeta } from '../meta.js';
import { numberToString } from '../number.js';
import { index, markBuiltin } from '../ops.js';
import { LFloat, LuaTable, LuaValue, Multi, NONE, first, type } from '../value.js';
import { checkInt, optIntN, typeError } from './args.js';
import { argInt, argIntN, argString, strFormat } from './format.js';
import { patInfo } from './lpattern.js';
import { Matcher, matcher } from './matcher.js';
import { strPack, strPackSize, strUnpack } from './pack.js';

/** Lua's MAXSIZE for string results (INT_MAX in lstrlib) and what a JS string can hold. */
const MAXSIZE = 2147483647;
const JS_MAX_STRING = 536870888;

function posrelatI(pos: number, len: number): number {
  if (pos > 0) return pos;
  if (pos === 0) return 1;
  if (pos < -len) return 1;
  return len + pos + 1;
}

function getendpos(v: LuaValue, arg: number, def: number, len: number, fname: string): number {
  const pos = optIntN(v, arg, fname, def);
  if (pos > len) return len;
  if (pos >= 0) return pos;
  if (pos < -len) return 0;
  return len + pos + 1;
}

// ---- simple functions ----

// The most called functions take fixed parameters and check the common case inline, so a call
// allocates no argument array; anything else goes to the general version with the actual arguments.

function str_len(this: unknown, s: LuaValue): number {
  if (typeof s === 'string') return s.length;
  return argString(Array.from(arguments), 1, 'len').length;
}

function str_sub(this: unknown, s: LuaValue, i: LuaValue, j: LuaValue): string {
  if (typeof s === 'string' && typeof i === 'number' && Number.isInteger(i) && (j === undefined || (typeof j === 'number' && Number.isInteger(j)))) {
    const l = s.length;
    const start = posrelatI(i, l);
    const end = j === undefined ? l : j > l ? l : j >= 0 ? j : j < -l ? 0 : l + j + 1;
    if (start > end) return '';
    return start === 1 && end === l ? s : s.slice(start - 1, end);
  }
  return strSub(Array.from(arguments));
}

function strSub(args: LuaValue[]): string {
  const s = argString(args, 1, 'sub');
  const l = s.length;
  const start = posrelatI(argIntN(args, 2, 'sub'), l);
  const end = getendpos(args[2], 3, -1, l, 'sub');
  if (start > end) return '';
  return start === 1 && end === l ? s : s.slice(start - 1, end);
}

function str_reverse(...args: LuaValue[]): string {
  const s = argString(args, 1, 'reverse');
  return s.length < 2 ? s : s.split('').reverse().join('');
}

const HIGH = /[\x80-\xff]/;

function str_lower(...args: LuaValue[]): string {
  const s = argString(args, 1, 'lower');
  if (!HIGH.test(s)) return s.toLowerCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
  }
  return out;
}

function str_upper(...args: LuaValue[]): string {
  const s = argString(args, 1, 'upper');
  if (!HIGH.test(s)) return s.toUpperCase();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : s[i];
  }
  return out;
}

function str_rep(...args: LuaValue[]): string {
  const s = argString(args, 1, 'rep');
  const n = argIntN(args, 2, 'rep');
  const sep = args[2] === undefined ? '' : argString(args, 3, 'rep');
  if (n <= 0) return '';
  const l = s.length;
  const lsep = sep.length;
  if (l + lsep > MAXSIZE / n) luaError('resulting string too large');
  const total = l * n + lsep * (n - 1);
  if (total > JS_MAX_STRING) luaError('not enough memory');
  if (lsep === 0) return s.repeat(n);
  return (s + sep).repeat(n - 1) + s;
}

function str_byte(this: unknown, s: LuaValue, i: LuaValue, j: LuaValue): LuaValue {
  if (typeof s === 'string' && j === undefined) {
    const l = s.length;
    if (i === undefined) {
      if (l > 0) return s.charCodeAt(0);
    } else if (typeof i === 'number' && Number.isInteger(i)) {
      if (i >= 1 && i <= l) return s.charCodeAt(i - 1);
      if (i < 0 && i >= -l) return s.charCodeAt(l + i);
    }
  }
  return strByte(Array.from(arguments));
}

function strByte(args: LuaValue[]): LuaValue {
  const s = argString(args, 1, 'byte');
  const l = s.length;
  const pi0 = optIntN(args[1], 2, 'byte', 1);
  const pose = getendpos(args[2], 3, pi0, l, 'byte');
  const pi = posrelatI(pi0, l);
  if (pi > pose) return NONE;
  if (pose - pi >= 2147483647) luaError('string slice too long');
  const n = pose - pi + 1;
  if (n === 1) return s.charCodeAt(pi - 1);
  if (n >= 1000000) luaError('stack overflow (string slice too long)');
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = s.charCodeAt(pi - 1 + i);
  return new Multi(out);
}

function str_char(this: unknown, c: LuaValue): string {
  if (arguments.length === 1 && typeof c === 'number' && c >= 0 && c <= 255 && Number.isInteger(c)) return String.fromCharCode(c);
  return strChar(Array.from(arguments));
}

function strChar(args: LuaValue[]): string {
  const n = args.length;
  if (n === 1) {
    const c = argInt(args, 1, 'char');
    if (!(typeof c === 'number' && c >= 0 && c <= 255)) argError(1, 'char', 'value out of range');
    return String.fromCharCode(c as number);
  }
  let out = '';
  for (let i = 0; i < n; i++) {
    const c = checkInt(args[i], i + 1, 'char');
    if (!(typeof c === 'number' && c >= 0 && c <= 255)) argError(i + 1, 'char', 'value out of range');
    out += String.fromCharCode(c as number);
  }
  return out;
}

function str_dump(...args: LuaValue[]): string {
  if (typeof args[0] !== 'function') typeError(1, 'dump', 'function', args[0], args.length > 0);
  // Lua functions dump as their source (see lib/load.ts); built-ins cannot be dumped
  const d = dumpFunction(args[0]);
  if (d === undefined) return luaError('unable to dump given function');
  return d;
}

// ---- find / match ----

function strFindAux(find: boolean, args: LuaValue[]): LuaValue {
  const fname = find ? 'find' : 'match';
  const s = argString(args, 1, fname);
  const p = argString(args, 2, fname);
  const ls = s.length;
  const init = posrelatI(optIntN(args[2], 3, fname, 1), ls) - 1;
  if (init > ls) return undefined;
  const info = patInfo(p);
  if (find && (info.plain || (args[3] !== undefined && args[3] !== false))) {
    const idx = s.indexOf(p, init);
    if (idx < 0) return undefined;
    return new Multi([idx + 1, idx + p.length]);
  }
  if (!find && info.plain && p.indexOf(")") < 0) {
    const idx = s.indexOf(p, init);
    return idx < 0 ? undefined : p;
  }
  const m = matcher(s, info, true);
  const st = m.find(init);
  let out: LuaValue = undefined;
  if (st >= 0) {
    if (find) {
      const caps = m.captures(false);
      out = caps.length === 0 ? new Multi([st + 1, m.end]) : new Multi([st + 1, m.end, ...caps]);
    } else {
      out = m.results();
    }
  }
  m.release();
  return out;
}

function str_find(...args: LuaValue[]): LuaValue {
  return strFindAux(true, args);
}
function str_match(...args: LuaValue[]): LuaValue {
  return strFindAux(false, args);
}

// ---- gmatch ----

function str_gmatch(...args: LuaValue[]): LuaValue {
  const s = argString(args, 1, 'gmatch');
  const p = argString(args, 2, 'gmatch');
  const ls = s.length;
  let init = posrelatI(optIntN(args[2], 3, 'gmatch', 1), ls) - 1;
  if (init > ls) init = ls + 1;
  const m = matcher(s, patInfo(p), false);
  let src = init;
  let lastmatch = -1;
  return markBuiltin(function gmatch_aux(): LuaValue {
    while (src <= ls) {
      const st = m.find(src);
      if (st < 0) break;
      if (m.end !== lastmatch) {
        src = lastmatch = m.end;
        return m.results();
      }
      // an empty match where the last one ended: lstrlib moves on by one byte
      src = st + 1;
    }
    src = ls + 1;
    return NONE;
  });
}

// ---- gsub ----

/** add_s: expand a replacement string containing '%'. */
function addS(m: Matcher, src: string, news: string, s: number, e: number): string {
  let out = '';
  let i = 0;
  const l = news.length;
  for (;;) {
    const p = news.indexOf('%', i);
    if (p < 0) break;
    out += news.slice(i, p);
    const c = p + 1 < l ? news.charCodeAt(p + 1) : 0;
    if (c === 37) out += '%';
    else if (c === 48) out += src.slice(s, e);
    else if (c >= 49 && c <= 57) {
      const cap = m.capture(c - 49);
      out += typeof cap === 'number' ? String(cap) : cap;
    } else luaError("invalid use of '%' in replacement string");
    i = p + 2;
  }
  return i === 0 ? news : out + news.slice(i);
}

function callWithCaptures(f: LuaValue, m: Matcher): LuaValue {
  const r = m.results();
  return r instanceof Multi ? call(f, ...r.v) : call(f, r);
}

function str_gsub(...args: LuaValue[]): LuaValue {
  const src = argString(args, 1, 'gsub');
  const p = argString(args, 2, 'gsub');
  const repl = args[2];
  const tr = typeof repl;
  const srcl = src.length;
  const maxS = args[3] === undefined ? srcl + 1 : argIntN(args, 4, 'gsub');
  let rstr: string | undefined;
  let rIsFunc = false;
  let rTable: LuaTable | undefined;
  if (tr === 'string') rstr = repl;
  else if (tr === 'number' || tr === 'bigint' || repl instanceof LFloat) rstr = numberToString(repl);
  else if (tr === 'function') rIsFunc = true;
  else if (repl instanceof LuaTable) rTable = repl;
  else typeError(3, 'gsub', 'string/function/table', repl, args.length > 2);
  const rPlain = rstr !== undefined && rstr.indexOf('%') < 0;
  const info = patInfo(p);
  const anchor = p.charCodeAt(0) === 94;
  let n = 0;
  let changed = false;
  let out = '';

  // fast path: literal pattern, literal replacement
  if (info.plain && p.length > 0 && rPlain && p.indexOf(")") < 0) {
    let pos = 0;
    while (n < maxS) {
      const idx = src.indexOf(p, pos);
      if (idx < 0) break;
      out += src.slice(pos, idx) + rstr;
      pos = idx + p.length;
      n++;
    }
    if (n === 0) return new Multi([src, 0]);
    return new Multi([out + src.slice(pos), n]);
  }

  const m = matcher(src, info, true);
  let s = 0;
  let lastmatch = -1;
  let copied = 0; // src[copied..s) still to be copied
  while (n < maxS) {
    const st = m.find(s);
    if (st < 0) break;
    const e = m.end;
    if (e !== lastmatch) {
      n++;
      // add_value
      if (rstr !== undefined) {
        out += src.slice(copied, st) + (rPlain ? rstr : addS(m, src, rstr, st, e));
        changed = true;
      } else {
        let v: LuaValue;
        if (rIsFunc) v = first(callWithCaptures(repl, m));
        else v = index(rTable, m.capture(0));
        if (v === undefined || v === false) {
          out += src.slice(copied, e);
        } else if (typeof v === 'string') {
          out += src.slice(copied, st) + v;
          changed = true;
        } else if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat) {
          out += src.slice(copied, st) + numberToString(v);
          changed = true;
        } else {
          luaError(`invalid replacement value (a ${type(v)})`);
        }
      }
      s = lastmatch = copied = e;
    } else if (st < srcl) s = st + 1;
    else break;
    if (anchor) break;
  }
  m.release();
  if (!changed) return new Multi([src, n]);
  return new Multi([out + src.slice(copied), n]);
}

// ---- registration ----

export function openString(G: LuaTable): LuaTable {
  const S = new LuaTable();
  const fns: Record<string, (...a: LuaValue[]) => LuaValue> = {
    byte: str_byte,
    char: str_char,
    dump: str_dump,
    find: str_find,
    format: strFormat,
    gmatch: str_gmatch,
    gsub: str_gsub,
    len: str_len,
    lower: str_lower,
    match: str_match,
    pack: strPack,
    packsize: strPackSize,
    rep: str_rep,
    reverse: str_reverse,
    sub: str_sub,
    unpack: strUnpack,
    upper: str_upper,
  };
  for (const k of Object.keys(fns)) S.setStr(k, markBuiltin(fns[k]));
  G.setStr('string', S);
  const mt = new LuaTable();
  mt.setStr('__index', S);
  stringMeta.mt = mt;
  return S;
}


