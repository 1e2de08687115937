// The Lua 5.4 `utf8` library (lutf8lib.c). Strings are byte strings (chars 0..255).
// Behaviour follows Lua 5.4.6 (codes() rejects stray continuation bytes).
import { argError, luaError } from '../error.js';
import { markBuiltin } from '../ops.js';
import { LuaTable, Multi, NONE, truthy } from '../value.js';
import { checkInt, checkString, typeError } from './args.js';
const MAXUNICODE = 0x10ffff;
const MAXUTF = 0x7fffffff;
const MSG_INVALID = 'invalid UTF-8 code';
function iscont(s, i) {
    return (s.charCodeAt(i) & 0xc0) === 0x80; // NaN past the end & 0xc0 is 0, like the final '\0'
}
function strArg(v, present, n, fname) {
    if (typeof v === 'string')
        return v;
    if (v === undefined)
        return typeError(n, fname, 'string', v, present);
    return checkString(v, n, fname);
}
/** luaL_optinteger clamped to a JS number (positions beyond 2^53 behave like +-huge). */
function optPos(v, n, fname, def) {
    if (v === undefined)
        return def;
    if (typeof v === 'number' && Number.isInteger(v))
        return v;
    const i = checkInt(v, n, fname);
    return typeof i === 'number' ? i : i > 0n ? 2 ** 62 : -(2 ** 62);
}
/** translate a relative string position: negative means back from end */
function posrelat(pos, len) {
    if (pos >= 0)
        return pos;
    if (-pos > len)
        return 0;
    return len + pos + 1;
}
let decoded = 0;
const LIMITS = [0xffffffff, 0x80, 0x800, 0x10000, 0x200000, 0x4000000];
/** utf8_decode: the index after the sequence at i (code in `decoded`), or -1 if invalid. */
function decode(s, i, strict) {
    let c = s.charCodeAt(i);
    if (c !== c)
        c = 0;
    let res = 0;
    if (c < 0x80)
        res = c;
    else {
        let count = 0; // number of continuation bytes
        for (; c & 0x40; c <<= 1) {
            let cc = s.charCodeAt(i + ++count);
            if (cc !== cc)
                cc = 0;
            if ((cc & 0xc0) !== 0x80)
                return -1; // not a continuation byte
            res = ((res << 6) | (cc & 0x3f)) >>> 0;
        }
        res = (res | ((c & 0x7f) * 2 ** (count * 5))) >>> 0;
        if (count > 5 || res > MAXUTF || res < LIMITS[count])
            return -1;
        i += count;
    }
    if (strict) {
        // check for invalid code points; too large or surrogates
        if (res > MAXUNICODE || (res >= 0xd800 && res <= 0xdfff))
            return -1;
    }
    decoded = res;
    return i + 1;
}
/** luaO_utf8esc */
export function utf8esc(x) {
    if (x < 0x80)
        return String.fromCharCode(x);
    const bytes = [];
    let mfb = 0x3f; // maximum that fits in first byte
    do {
        bytes.push(0x80 | (x & 0x3f));
        x = Math.floor(x / 64);
        mfb >>= 1;
    } while (x > mfb);
    bytes.push(((~mfb << 1) | x) & 0xff);
    bytes.reverse();
    return String.fromCharCode(...bytes);
}
function charArg(v, n) {
    const code = typeof v === 'number' && Number.isInteger(v) ? v : checkInt(v, n, 'char');
    if (typeof code === 'bigint' || code < 0 || code > MAXUTF)
        return argError(n, 'char', 'value out of range');
    return utf8esc(code);
}
function utfchar(...args) {
    const n = args.length;
    if (n === 1)
        return charArg(args[0], 1);
    let out = '';
    for (let i = 0; i < n; i++)
        out += charArg(args[i], i + 1);
    return out;
}
function codepoint(s0, i0, j0, lax) {
    const s = strArg(s0, arguments.length >= 1, 1, 'codepoint');
    const len = s.length;
    const posi = posrelat(optPos(i0, 2, 'codepoint', 1), len);
    const pose = posrelat(optPos(j0, 3, 'codepoint', posi), len);
    const strict = !truthy(lax);
    if (posi < 1)
        return argError(2, 'codepoint', 'out of bounds');
    if (pose > len)
        return argError(3, 'codepoint', 'out of bounds');
    if (posi > pose)
        return NONE; // empty interval
    if (pose - posi >= 2147483647)
        return luaError('string slice too long');
    const out = [];
    for (let p = posi - 1; p < pose;) {
        p = decode(s, p, strict);
        if (p < 0)
            return luaError(MSG_INVALID);
        out.push(decoded);
    }
    return out.length === 1 ? out[0] : new Multi(out);
}
function utflen(s0, i0, j0, lax) {
    const s = strArg(s0, arguments.length >= 1, 1, 'len');
    const len = s.length;
    let posi = posrelat(optPos(i0, 2, 'len', 1), len);
    let posj = posrelat(optPos(j0, 3, 'len', -1), len);
    const strict = !truthy(lax);
    if (!(1 <= posi && --posi <= len))
        return argError(2, 'len', 'initial position out of bounds');
    if (!(--posj < len))
        return argError(3, 'len', 'final position out of bounds');
    let n = 0;
    if (strict) {
        // fast path: ASCII runs
        while (posi <= posj && s.charCodeAt(posi) < 0x80) {
            posi++;
            n++;
        }
    }
    while (posi <= posj) {
        const p = decode(s, posi, strict);
        if (p < 0)
            return new Multi([undefined, posi + 1]); // fail and position
        posi = p;
        n++;
    }
    return n;
}
function offset(s0, n0, i0) {
    const nargs = arguments.length;
    const s = strArg(s0, nargs >= 1, 1, 'offset');
    const len = s.length;
    let n;
    if (typeof n0 === 'number' && Number.isInteger(n0))
        n = n0;
    else if (n0 === undefined)
        return typeError(2, 'offset', 'number', n0, nargs >= 2);
    else {
        const b = checkInt(n0, 2, 'offset');
        n = typeof b === 'number' ? b : b > 0n ? 2 ** 62 : -(2 ** 62);
    }
    let posi = n >= 0 ? 1 : len + 1;
    posi = posrelat(optPos(i0, 3, 'offset', posi), len);
    if (!(1 <= posi && --posi <= len))
        return argError(3, 'offset', 'position out of bounds');
    if (n === 0) {
        // find beginning of current byte sequence
        while (posi > 0 && iscont(s, posi))
            posi--;
    }
    else {
        if (iscont(s, posi))
            return luaError('initial position is a continuation byte');
        if (n < 0) {
            while (n < 0 && posi > 0) {
                // move back: find beginning of previous character
                do {
                    posi--;
                } while (posi > 0 && iscont(s, posi));
                n++;
            }
        }
        else {
            n--; // do not move for 1st character
            while (n > 0 && posi < len) {
                do {
                    // find beginning of next character
                    posi++;
                } while (iscont(s, posi)); // (cannot pass final '\0')
                n--;
            }
        }
    }
    if (n === 0)
        return posi + 1;
    return undefined; // no such character
}
function iterAux(s0, i0, strict) {
    const s = checkString(s0, 1, 'for iterator');
    const len = s.length;
    let n = typeof i0 === 'number' ? i0 : 0;
    if (n < 0)
        n = len; // (unsigned) a negative control value ends the loop
    if (n < len) {
        while (iscont(s, n))
            n++; // go to next character
    }
    if (n >= len)
        return NONE; // no more codepoints
    const next = decode(s, n, strict);
    if (next < 0 || iscont(s, next))
        return luaError(MSG_INVALID);
    return new Multi([n + 1, decoded]);
}
const iterStrict = markBuiltin(function (s, i) {
    return iterAux(s, i, true);
});
const iterLax = markBuiltin(function (s, i) {
    return iterAux(s, i, false);
});
function codes(s0, lax) {
    const s = strArg(s0, arguments.length >= 1, 1, 'codes');
    if (iscont(s, 0))
        return argError(1, 'codes', MSG_INVALID);
    return new Multi([truthy(lax) ? iterLax : iterStrict, s, 0]);
}
export function openUtf8(G) {
    const lib = new LuaTable();
    lib.setStr('offset', markBuiltin(offset));
    lib.setStr('codepoint', markBuiltin(codepoint));
    lib.setStr('char', markBuiltin(utfchar));
    lib.setStr('len', markBuiltin(utflen));
    lib.setStr('codes', markBuiltin(codes));
    lib.setStr('charpattern', '[\x00-\x7F\xC2-\xFD][\x80-\xBF]*');
    G.setStr('utf8', lib);
    return lib;
}
//# sourceMappingURL=utf8.js.map