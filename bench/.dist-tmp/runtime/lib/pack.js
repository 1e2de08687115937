// string.pack / string.unpack / string.packsize: a port of lstrlib.c's packing machinery.
import { argError, luaError } from '../error.js';
import { mkfloat, normInt } from '../number.js';
import { Multi } from '../value.js';
import { optIntN } from './args.js';
import { argFloat, argInt, argString } from './format.js';
const MAXINTSIZE = 16;
const SZINT = 8;
const MAXALIGN = 8;
const MAXSIZE = 2147483647; // INT_MAX
const PADBYTE = '\0';
class Header {
    fmt;
    pos;
    fname;
    islittle = true;
    maxalign = 1;
    /** format string and read position */
    constructor(fmt, pos = 0, fname) {
        this.fmt = fmt;
        this.pos = pos;
        this.fname = fname;
    }
}
function isDigit(c) {
    return c >= 48 && c <= 57;
}
/** The format is a C string: it ends at the first '\0'. */
function cfmt(s) {
    const z = s.indexOf('\0');
    return z < 0 ? s : s.slice(0, z);
}
function getnum(h, df) {
    const f = h.fmt;
    if (!isDigit(f.charCodeAt(h.pos)))
        return df;
    let a = 0;
    do {
        a = a * 10 + (f.charCodeAt(h.pos++) - 48);
    } while (isDigit(f.charCodeAt(h.pos)) && a <= (MAXSIZE - 9) / 10);
    return a;
}
function getnumlimit(h, df) {
    const sz = getnum(h, df);
    if (sz > MAXINTSIZE || sz <= 0)
        luaError(`integral size (${sz}) out of limits [1,${MAXINTSIZE}]`);
    return sz;
}
/** getoption: [option, size] */
function getoption(h) {
    const opt = h.fmt[h.pos++];
    switch (opt) {
        case 'b':
            return [0 /* K.Int */, 1];
        case 'B':
            return [1 /* K.Uint */, 1];
        case 'h':
            return [0 /* K.Int */, 2];
        case 'H':
            return [1 /* K.Uint */, 2];
        case 'l':
        case 'j':
            return [0 /* K.Int */, 8];
        case 'L':
        case 'J':
        case 'T':
            return [1 /* K.Uint */, 8];
        case 'f':
            return [2 /* K.Float */, 4];
        case 'n':
            return [3 /* K.Number */, 8];
        case 'd':
            return [4 /* K.Double */, 8];
        case 'i':
            return [0 /* K.Int */, getnumlimit(h, 4)];
        case 'I':
            return [1 /* K.Uint */, getnumlimit(h, 4)];
        case 's':
            return [6 /* K.String */, getnumlimit(h, 8)];
        case 'c': {
            const size = getnum(h, -1);
            if (size === -1)
                luaError("missing size for format option 'c'");
            return [5 /* K.Char */, size];
        }
        case 'z':
            return [7 /* K.Zstr */, 0];
        case 'x':
            return [8 /* K.Padding */, 1];
        case 'X':
            return [9 /* K.Paddalign */, 0];
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
    return [10 /* K.Nop */, 0];
}
/** getdetails: [option, size, ntoalign] */
function getdetails(h, totalsize) {
    const [opt, size] = getoption(h);
    let align = size;
    if (opt === 9 /* K.Paddalign */) {
        if (h.pos >= h.fmt.length)
            argError(1, h.fname, "invalid next option for option 'X'");
        const [o2, s2] = getoption(h);
        align = s2;
        if (o2 === 5 /* K.Char */ || align === 0)
            argError(1, h.fname, "invalid next option for option 'X'");
    }
    let ntoalign = 0;
    if (!(align <= 1 || opt === 5 /* K.Char */)) {
        if (align > h.maxalign)
            align = h.maxalign;
        if ((align & (align - 1)) !== 0)
            argError(1, h.fname, 'format asks for alignment not power of 2');
        ntoalign = (align - (totalsize & (align - 1))) & (align - 1);
    }
    return [opt, size, ntoalign];
}
function packint(v, islittle, size, neg) {
    const bytes = new Array(size);
    let u = BigInt.asUintN(64, v);
    for (let i = 0; i < size; i++) {
        let b;
        if (i < SZINT) {
            b = Number(u & 0xffn);
            u >>= 8n;
        }
        else
            b = neg ? 0xff : 0;
        bytes[islittle ? i : size - 1 - i] = String.fromCharCode(b);
    }
    return bytes.join('');
}
const dv = new DataView(new ArrayBuffer(8));
function packFloat(x, size, islittle) {
    if (size === 4)
        dv.setFloat32(0, x, islittle);
    else
        dv.setFloat64(0, x, islittle);
    let s = '';
    for (let i = 0; i < size; i++)
        s += String.fromCharCode(dv.getUint8(i));
    return s;
}
export function strPack(...args) {
    const h = new Header(cfmt(argString(args, 1, 'pack')), 0, 'pack');
    let arg = 1;
    let totalsize = 0;
    let out = '';
    while (h.pos < h.fmt.length) {
        const [opt, size, ntoalign0] = getdetails(h, totalsize);
        let ntoalign = ntoalign0;
        totalsize += ntoalign + size;
        while (ntoalign-- > 0)
            out += PADBYTE;
        arg++;
        const v = args[arg - 1];
        switch (opt) {
            case 0 /* K.Int */: {
                const n = BigInt(argInt(args, arg, 'pack'));
                if (size < SZINT) {
                    const lim = 1n << BigInt(size * 8 - 1);
                    if (!(-lim <= n && n < lim))
                        argError(arg, 'pack', 'integer overflow');
                }
                out += packint(n, h.islittle, size, n < 0n);
                break;
            }
            case 1 /* K.Uint */: {
                const n = BigInt(argInt(args, arg, 'pack'));
                if (size < SZINT && !(BigInt.asUintN(64, n) < 1n << BigInt(size * 8)))
                    argError(arg, 'pack', 'unsigned overflow');
                out += packint(n, h.islittle, size, false);
                break;
            }
            case 2 /* K.Float */:
                out += packFloat(argFloat(args, arg, 'pack'), 4, h.islittle);
                break;
            case 3 /* K.Number */:
            case 4 /* K.Double */:
                out += packFloat(argFloat(args, arg, 'pack'), 8, h.islittle);
                break;
            case 5 /* K.Char */: {
                const s = argString(args, arg, 'pack');
                if (s.length > size)
                    argError(arg, 'pack', 'string longer than given size');
                out += s;
                if (s.length < size)
                    out += PADBYTE.repeat(size - s.length);
                break;
            }
            case 6 /* K.String */: {
                const s = argString(args, arg, 'pack');
                if (!(size >= 8 || s.length < 2 ** (size * 8)))
                    argError(arg, 'pack', 'string length does not fit in given size');
                out += packint(BigInt(s.length), h.islittle, size, false) + s;
                totalsize += s.length;
                break;
            }
            case 7 /* K.Zstr */: {
                const s = argString(args, arg, 'pack');
                if (s.indexOf('\0') >= 0)
                    argError(arg, 'pack', 'string contains zeros');
                out += s + '\0';
                totalsize += s.length + 1;
                break;
            }
            case 8 /* K.Padding */:
                out += PADBYTE;
                arg--;
                break;
            default:
                arg--;
        }
    }
    return out;
}
export function strPackSize(...args) {
    const h = new Header(cfmt(argString(args, 1, 'packsize')), 0, 'packsize');
    let totalsize = 0;
    while (h.pos < h.fmt.length) {
        const [opt, size0, ntoalign] = getdetails(h, totalsize);
        if (opt === 6 /* K.String */ || opt === 7 /* K.Zstr */)
            argError(1, 'packsize', 'variable-length format');
        const size = size0 + ntoalign;
        if (!(totalsize <= MAXSIZE - size))
            argError(1, 'packsize', 'format result too large');
        totalsize += size;
    }
    return totalsize;
}
function unpackint(data, pos, islittle, size, issigned) {
    let res = 0n;
    const limit = size <= SZINT ? size : SZINT;
    for (let i = limit - 1; i >= 0; i--) {
        res = (res << 8n) | BigInt(data.charCodeAt(pos + (islittle ? i : size - 1 - i)));
    }
    if (size < SZINT) {
        if (issigned)
            res = BigInt.asIntN(size * 8, res);
    }
    else {
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
function posrelatI(pos, len) {
    if (pos > 0)
        return pos;
    if (pos === 0)
        return 1;
    if (pos < -len)
        return 1;
    return len + pos + 1;
}
export function strUnpack(...args) {
    const h = new Header(cfmt(argString(args, 1, 'unpack')), 0, 'unpack');
    const data = argString(args, 2, 'unpack');
    const ld = data.length;
    let pos = posrelatI(optIntN(args[2], 3, 'unpack', 1), ld) - 1;
    if (!(pos <= ld && pos >= 0))
        argError(3, 'unpack', 'initial position out of string');
    const out = [];
    while (h.pos < h.fmt.length) {
        const [opt, size, ntoalign] = getdetails(h, pos);
        if (ntoalign + size > ld - pos)
            argError(2, 'unpack', 'data string too short');
        pos += ntoalign;
        switch (opt) {
            case 0 /* K.Int */:
            case 1 /* K.Uint */: {
                if (size <= 6 && !(opt === 0 /* K.Int */ && size === 6)) {
                    // fast path: fits a JS number exactly
                    let r = 0;
                    for (let i = size - 1; i >= 0; i--)
                        r = r * 256 + data.charCodeAt(pos + (h.islittle ? i : size - 1 - i));
                    if (opt === 0 /* K.Int */ && r >= 2 ** (size * 8 - 1))
                        r -= 2 ** (size * 8);
                    out.push(r);
                }
                else
                    out.push(normInt(unpackint(data, pos, h.islittle, size, opt === 0 /* K.Int */)));
                break;
            }
            case 2 /* K.Float */:
            case 3 /* K.Number */:
            case 4 /* K.Double */: {
                for (let i = 0; i < size; i++)
                    dv.setUint8(i, data.charCodeAt(pos + i));
                const x = size === 4 ? dv.getFloat32(0, h.islittle) : dv.getFloat64(0, h.islittle);
                out.push(mkfloat(x));
                break;
            }
            case 5 /* K.Char */:
                out.push(data.slice(pos, pos + size));
                break;
            case 6 /* K.String */: {
                const len = unpackint(data, pos, h.islittle, size, false);
                if (!(len >= 0n && len <= BigInt(ld - pos - size)))
                    argError(2, 'unpack', 'data string too short');
                const l = Number(len);
                out.push(data.slice(pos + size, pos + size + l));
                pos += l;
                break;
            }
            case 7 /* K.Zstr */: {
                let e = data.indexOf('\0', pos);
                if (e < 0)
                    e = ld;
                const len = e - pos;
                if (!(pos + len < ld))
                    argError(2, 'unpack', "unfinished string for format 'z'");
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
//# sourceMappingURL=pack.js.map