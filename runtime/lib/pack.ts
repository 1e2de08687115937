// string.pack / string.unpack / string.packsize: a port of lstrlib.c's packing machinery.

import { argError, luaError } from '../error.js';
import { mkfloat, normInt } from '../number.js';
import { LuaValue, Multi } from '../value.js';
// (values to pack use the plain checks: Lua pushes a nil mark after the arguments, so a missing one is 'nil')
import { checkFloat, checkInt, checkString, optIntN } from './args.js';
import { argString } from './format.js';

const enum K {
  Int,
  Uint,
  Float,
  Number,
  Double,
  Char,
  String,
  Zstr,
  Padding,
  Paddalign,
  Nop,
}

const MAXINTSIZE = 16;
const SZINT = 8;
const MAXALIGN = 8;
const MAXSIZE = 2147483647; // INT_MAX
const PADBYTE = '\0';

class Header {
  islittle = true;
  maxalign = 1;
  /** format string and read position */
  constructor(public fmt: string, public pos = 0, public fname: string) {}
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The format is a C string: it ends at the first '\0'. */
function cfmt(s: string): string {
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

function getnum(h: Header, df: number): number {
  const f = h.fmt;
  if (!isDigit(f.charCodeAt(h.pos))) return df;
  let a = 0;
  do {
    a = a * 10 + (f.charCodeAt(h.pos++) - 48);
  } while (isDigit(f.charCodeAt(h.pos)) && a <= (MAXSIZE - 9) / 10);
  return a;
}

function getnumlimit(h: Header, df: number): number {
  const sz = getnum(h, df);
  if (sz > MAXINTSIZE || sz <= 0) luaError(`integral size (${sz}) out of limits [1,${MAXINTSIZE}]`);
  return sz;
}

/** getoption: [option, size] */
function getoption(h: Header): [K, number] {
  const opt = h.fmt[h.pos++];
  switch (opt) {
    case 'b':
      return [K.Int, 1];
    case 'B':
      return [K.Uint, 1];
    case 'h':
      return [K.Int, 2];
    case 'H':
      return [K.Uint, 2];
    case 'l':
    case 'j':
      return [K.Int, 8];
    case 'L':
    case 'J':
    case 'T':
      return [K.Uint, 8];
    case 'f':
      return [K.Float, 4];
    case 'n':
      return [K.Number, 8];
    case 'd':
      return [K.Double, 8];
    case 'i':
      return [K.Int, getnumlimit(h, 4)];
    case 'I':
      return [K.Uint, getnumlimit(h, 4)];
    case 's':
      return [K.String, getnumlimit(h, 8)];
    case 'c': {
      const size = getnum(h, -1);
      if (size === -1) luaError("missing size for format option 'c'");
      return [K.Char, size];
    }
    case 'z':
      return [K.Zstr, 0];
    case 'x':
      return [K.Padding, 1];
    case 'X':
      return [K.Paddalign, 0];
    case ' ':
      break;
    case '<':
      h.islittle = true;
      break;
    case '>':
      h.islittle = false;
      break;
    case '=':
      h.islittle = true;
      break;
    case '!':
      h.maxalign = getnumlimit(h, MAXALIGN);
      break;
    default:
      luaError(`invalid format option '${opt}'`);
  }
  return [K.Nop, 0];
}

/** getdetails: [option, size, ntoalign] */
function getdetails(h: Header, totalsize: number): [K, number, number] {
  const [opt, size] = getoption(h);
  let align = size;
  if (opt === K.Paddalign) {
    if (h.pos >= h.fmt.length) argError(1, h.fname, "invalid next option for option 'X'");
    const [o2, s2] = getoption(h);
    align = s2;
    if (o2 === K.Char || align === 0) argError(1, h.fname, "invalid next option for option 'X'");
  }
  let ntoalign = 0;
  if (!(align <= 1 || opt === K.Char)) {
    if (align > h.maxalign) align = h.maxalign;
    if ((align & (align - 1)) !== 0) argError(1, h.fname, 'format asks for alignment not power of 2');
    ntoalign = (align - (totalsize & (align - 1))) & (align - 1);
  }
  return [opt, size, ntoalign];
}

function packint(v: bigint, islittle: boolean, size: number, neg: boolean): string {
  const bytes = new Array<string>(size);
  let u = BigInt.asUintN(64, v);
  for (let i = 0; i < size; i++) {
    let b: number;
    if (i < SZINT) {
      b = Number(u & 0xffn);
      u >>= 8n;
    } else b = neg ? 0xff : 0;
    bytes[islittle ? i : size - 1 - i] = String.fromCharCode(b);
  }
  return bytes.join('');
}

const dv = new DataView(new ArrayBuffer(8));

function packFloat(x: number, size: number, islittle: boolean): string {
  if (size === 4) dv.setFloat32(0, x, islittle);
  else dv.setFloat64(0, x, islittle);
  let s = '';
  for (let i = 0; i < size; i++) s += String.fromCharCode(dv.getUint8(i));
  return s;
}

export function strPack(...args: LuaValue[]): string {
  const h = new Header(cfmt(argString(args, 1, 'pack')), 0, 'pack');
  let arg = 1;
  let totalsize = 0;
  let out = '';
  while (h.pos < h.fmt.length) {
    const [opt, size, ntoalign0] = getdetails(h, totalsize);
    let ntoalign = ntoalign0;
    totalsize += ntoalign + size;
    while (ntoalign-- > 0) out += PADBYTE;
    arg++;
    const v = args[arg - 1];
    switch (opt) {
      case K.Int: {
        const n = BigInt(checkInt(v, arg, 'pack'));
        if (size < SZINT) {
          const lim = 1n << BigInt(size * 8 - 1);
          if (!(-lim <= n && n < lim)) argError(arg, 'pack', 'integer overflow');
        }
        out += packint(n, h.islittle, size, n < 0n);
        break;
      }
      case K.Uint: {
        const n = BigInt(checkInt(v, arg, 'pack'));
        if (size < SZINT && !(BigInt.asUintN(64, n) < 1n << BigInt(size * 8))) argError(arg, 'pack', 'unsigned overflow');
        out += packint(n, h.islittle, size, false);
        break;
      }
      case K.Float:
        out += packFloat(checkFloat(v, arg, 'pack'), 4, h.islittle);
        break;
      case K.Number:
      case K.Double:
        out += packFloat(checkFloat(v, arg, 'pack'), 8, h.islittle);
        break;
      case K.Char: {
        const s = checkString(v, arg, 'pack');
        if (s.length > size) argError(arg, 'pack', 'string longer than given size');
        out += s;
        if (s.length < size) out += PADBYTE.repeat(size - s.length);
        break;
      }
      case K.String: {
        const s = checkString(v, arg, 'pack');
        if (!(size >= 8 || s.length < 2 ** (size * 8))) argError(arg, 'pack', 'string length does not fit in given size');
        out += packint(BigInt(s.length), h.islittle, size, false) + s;
        totalsize += s.length;
        break;
      }
      case K.Zstr: {
        const s = checkString(v, arg, 'pack');
        if (s.indexOf('\0') >= 0) argError(arg, 'pack', 'string contains zeros');
        out += s + '\0';
        totalsize += s.length + 1;
        break;
      }
      case K.Padding:
        out += PADBYTE;
        arg--;
        break;
      default:
        arg--;
    }
  }
  return out;
}

export function strPackSize(...args: LuaValue[]): number {
  const h = new Header(cfmt(argString(args, 1, 'packsize')), 0, 'packsize');
  let totalsize = 0;
  while (h.pos < h.fmt.length) {
    const [opt, size0, ntoalign] = getdetails(h, totalsize);
    if (opt === K.String || opt === K.Zstr) argError(1, 'packsize', 'variable-length format');
    const size = size0 + ntoalign;
    if (!(totalsize <= MAXSIZE - size)) argError(1, 'packsize', 'format result too large');
    totalsize += size;
  }
  return totalsize;
}

function unpackint(data: string, pos: number, islittle: boolean, size: number, issigned: boolean): bigint {
  let res = 0n;
  const limit = size <= SZINT ? size : SZINT;
  for (let i = limit - 1; i >= 0; i--) {
    res = (res << 8n) | BigInt(data.charCodeAt(pos + (islittle ? i : size - 1 - i)));
  }
  if (size < SZINT) {
    if (issigned) res = BigInt.asIntN(size * 8, res);
  } else {
    res = BigInt.asIntN(64, res);
    if (size > SZINT) {
      const mask = !issigned || res >= 0n ? 0 : 0xff;
      for (let i = limit; i < size; i++) {
        if (data.charCodeAt(pos + (islittle ? i : size - 1 - i)) !== mask) {
          luaError(`${size}-byte integer does not fit into Lua Integer`);
        }
      }
    }
  }
  return res;
}

function posrelatI(pos: number, len: number): number {
  if (pos > 0) return pos;
  if (pos === 0) return 1;
  if (pos < -len) return 1;
  return len + pos + 1;
}

export function strUnpack(...args: LuaValue[]): LuaValue {
  const h = new Header(cfmt(argString(args, 1, 'unpack')), 0, 'unpack');
  const data = argString(args, 2, 'unpack');
  const ld = data.length;
  let pos = posrelatI(optIntN(args[2], 3, 'unpack', 1), ld) - 1;
  if (!(pos <= ld && pos >= 0)) argError(3, 'unpack', 'initial position out of string');
  const out: LuaValue[] = [];
  while (h.pos < h.fmt.length) {
    const [opt, size, ntoalign] = getdetails(h, pos);
    if (ntoalign + size > ld - pos) argError(2, 'unpack', 'data string too short');
    pos += ntoalign;
    switch (opt) {
      case K.Int:
      case K.Uint: {
        if (size <= 6 && !(opt === K.Int && size === 6)) {
          // fast path: fits a JS number exactly
          let r = 0;
          for (let i = size - 1; i >= 0; i--) r = r * 256 + data.charCodeAt(pos + (h.islittle ? i : size - 1 - i));
          if (opt === K.Int && r >= 2 ** (size * 8 - 1)) r -= 2 ** (size * 8);
          out.push(r);
        } else out.push(normInt(unpackint(data, pos, h.islittle, size, opt === K.Int)));
        break;
      }
      case K.Float:
      case K.Number:
      case K.Double: {
        for (let i = 0; i < size; i++) dv.setUint8(i, data.charCodeAt(pos + i));
        const x = size === 4 ? dv.getFloat32(0, h.islittle) : dv.getFloat64(0, h.islittle);
        out.push(mkfloat(x));
        break;
      }
      case K.Char:
        out.push(data.slice(pos, pos + size));
        break;
      case K.String: {
        const len = unpackint(data, pos, h.islittle, size, false);
        if (!(len >= 0n && len <= BigInt(ld - pos - size))) argError(2, 'unpack', 'data string too short');
        const l = Number(len);
        out.push(data.slice(pos + size, pos + size + l));
        pos += l;
        break;
      }
      case K.Zstr: {
        let e = data.indexOf('\0', pos);
        if (e < 0) e = ld;
        const len = e - pos;
        if (!(pos + len < ld)) argError(2, 'unpack', "unfinished string for format 'z'");
        out.push(data.slice(pos, pos + len));
        pos += len + 1;
        break;
      }
      default:
        break;
    }
    pos += size;
  }
  out.push(pos + 1);
  return new Multi(out);
}
