/// <reference path="./luaparse.d.ts" />
// Source text → Lua AST (luaparse), plus what luaparse lacks for Lua 5.4:
//  - `local x <const>` / `<close>` attributes (blanked out before parsing, reattached by position);
//  - Lua-worded syntax errors: "chat.lua:3: unexpected symbol near 'x'".
// Strings are byte strings: the source is expected as a latin1 ("binary") JS string.
import luaparse from 'luaparse';
export class LuaSyntaxError extends Error {
    chunkName;
    line;
    column;
    constructor(message, chunkName, line, column) {
        super(message);
        this.chunkName = chunkName;
        this.line = line;
        this.column = column;
        this.name = 'LuaSyntaxError';
    }
}
export function parse(source, chunkName) {
    const { text, attribs } = stripAttribs(source, chunkName);
    let ast;
    try {
        ast = luaparse.parse(text, {
            luaVersion: '5.3',
            encodingMode: 'pseudo-latin1',
            locations: true,
            ranges: true,
            comments: false,
            scope: false,
        });
    }
    catch (e) {
        if (e instanceof luaparse.SyntaxError || (e && typeof e.line === 'number')) {
            throw new LuaSyntaxError(`${chunkName}:${e.line}: ${luaWording(String(e.message), e.line)}`, chunkName, e.line, e.column + 1);
        }
        throw e;
    }
    return { ast, source: text, attribs };
}
/** luaparse's messages, reworded as Lua 5.4 prints them. */
function luaWording(msg, line) {
    let m = msg.replace(/^\[\d+:\d+\]\s*/, '');
    m = m.replace(/near '<eof>'/g, 'near <eof>');
    m = m.replace(/^<expression> expected near/, 'unexpected symbol near');
    m = m.replace(/^unexpected symbol '(.*)' near '.*'$/, "unexpected symbol near '$1'");
    m = m.replace(/^no visible label '(.*)' for <goto>$/, `no visible label '$1' for <goto> at line ${line}`);
    m = m.replace(/^no loop to break near .*$/, 'break outside a loop');
    m = m.replace(/^unexpected (identifier|string|number|keyword|symbol) '(.*)' near .*$/, "unexpected symbol near '$2'");
    return m;
}
// ---- attribute pre-pass ----
function isNameStart(c) {
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isNameChar(c) {
    return isNameStart(c) || (c >= 48 && c <= 57);
}
function isSpace(c) {
    return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}
/** Long bracket level at i ("[[" → 0, "[==[" → 2), or -1. */
function longBracket(s, i) {
    if (s.charCodeAt(i) !== 91)
        return -1;
    let j = i + 1;
    while (s.charCodeAt(j) === 61)
        j++;
    return s.charCodeAt(j) === 91 ? j - i - 1 : -1;
}
function skipLong(s, i, level) {
    const close = ']' + '='.repeat(level) + ']';
    const e = s.indexOf(close, i + level + 2);
    return e < 0 ? s.length : e + close.length;
}
/**
 * Find `local a <const>, b <close>` and blank out the `<...>` parts so luaparse accepts them.
 * Strings and comments are skipped. Positions are preserved (blanked with spaces).
 */
function stripAttribs(src, chunkName) {
    const attribs = new Map();
    if (src.indexOf('<') < 0 && src.indexOf('\\u{') < 0 && !/0[xX]\./.test(src))
        return { text: src, attribs };
    const out = src.split('');
    let i = 0;
    const n = src.length;
    let prevWasLocal = false;
    while (i < n) {
        const c = src.charCodeAt(i);
        if (c === 45 && src.charCodeAt(i + 1) === 45) {
            const lv = longBracket(src, i + 2);
            if (lv >= 0)
                i = skipLong(src, i + 2, lv);
            else {
                const e = src.indexOf('\n', i);
                i = e < 0 ? n : e;
            }
            continue;
        }
        if (c === 34 || c === 39) {
            i++;
            while (i < n && src.charCodeAt(i) !== c) {
                if (src.charCodeAt(i) === 92) {
                    if (src.charCodeAt(i + 1) === 117 && src.charCodeAt(i + 2) === 123)
                        rewriteBigUtf8Escape(src, i, out);
                    i++;
                }
                else if (src.charCodeAt(i) === 10)
                    break;
                i++;
            }
            i++;
            prevWasLocal = false;
            continue;
        }
        if (c === 91) {
            const lv = longBracket(src, i);
            if (lv >= 0) {
                i = skipLong(src, i, lv);
                prevWasLocal = false;
                continue;
            }
        }
        if (c === 48 && (src.charCodeAt(i + 1) | 32) === 120 && src.charCodeAt(i + 2) === 46 && (i === 0 || !isNameChar(src.charCodeAt(i - 1)))) {
            // luaparse wants a digit before the point of a hex float: 0x.8 → 0x0.8
            out[i + 1] = src[i + 1] + '0';
            i += 3;
            continue;
        }
        if (isNameStart(c)) {
            let j = i;
            while (j < n && isNameChar(src.charCodeAt(j)))
                j++;
            const word = src.slice(i, j);
            if (word === 'local' && (i === 0 || !isNameChar(src.charCodeAt(i - 1)))) {
                i = scanLocalNames(src, j, out, attribs, chunkName);
                prevWasLocal = true;
                continue;
            }
            i = j;
            prevWasLocal = false;
            continue;
        }
        i++;
    }
    void prevWasLocal;
    return { text: out.join(''), attribs };
}
/** After `local`: Name [attrib] {, Name [attrib]}. Returns the index where scanning resumes. */
function scanLocalNames(src, i, out, attribs, chunkName) {
    const n = src.length;
    for (;;) {
        while (i < n && isSpace(src.charCodeAt(i)))
            i++;
        if (!isNameStart(src.charCodeAt(i)))
            return i;
        let j = i;
        while (j < n && isNameChar(src.charCodeAt(j)))
            j++;
        if (src.slice(i, j) === 'function')
            return i;
        const nameStart = i;
        i = j;
        while (i < n && isSpace(src.charCodeAt(i)))
            i++;
        if (src.charCodeAt(i) === 60) {
            // '<' Name '>'
            let k = i + 1;
            while (k < n && isSpace(src.charCodeAt(k)))
                k++;
            let e = k;
            while (e < n && isNameChar(src.charCodeAt(e)))
                e++;
            const attr = src.slice(k, e);
            let g = e;
            while (g < n && isSpace(src.charCodeAt(g)))
                g++;
            if (src.charCodeAt(g) !== 62)
                return i;
            if (attr !== 'const' && attr !== 'close') {
                const line = src.slice(0, i).split('\n').length;
                throw new LuaSyntaxError(`${chunkName}:${line}: unknown attribute '${attr}'`, chunkName, line, 0);
            }
            attribs.set(nameStart, attr);
            for (let p = i; p <= g; p++)
                if (out[p] !== '\n')
                    out[p] = ' ';
            i = g + 1;
            while (i < n && isSpace(src.charCodeAt(i)))
                i++;
        }
        if (src.charCodeAt(i) !== 44)
            return i;
        i++;
    }
}
/**
 * Lua 5.4 accepts `\u{XXX}` up to 2^31 (encoded in up to 6 bytes); luaparse stops at 10FFFF.
 * Larger escapes are rewritten as decimal byte escapes (only columns on that line move).
 */
function rewriteBigUtf8Escape(src, i, out) {
    const close = src.indexOf('}', i + 3);
    if (close < 0)
        return;
    const hex = src.slice(i + 3, close);
    if (!/^[0-9a-fA-F]+$/.test(hex))
        return;
    const x = parseInt(hex, 16);
    if (x <= 0x10ffff || x > 0x7fffffff)
        return;
    const bytes = [];
    let mfb = 0x3f;
    let v = x;
    do {
        bytes.unshift(0x80 | (v & 0x3f));
        v = Math.floor(v / 64);
        mfb >>= 1;
    } while (v > mfb);
    bytes.unshift(((~mfb << 1) & 0xff) | v);
    out[i] = bytes.map((b) => '\\' + String(b).padStart(3, '0')).join('');
    for (let p = i + 1; p <= close; p++)
        out[p] = '';
}
//# sourceMappingURL=parse.js.map