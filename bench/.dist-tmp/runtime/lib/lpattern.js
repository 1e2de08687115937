// The Lua 5.4 pattern matcher: a port of lstrlib.c's match machinery, working on char codes of byte strings.
import { luaError } from '../error.js';
export const MAXCAPTURES = 32;
const MAXCCALLS = 200;
export const CAP_UNFINISHED = -1;
export const CAP_POSITION = -2;
const L_ESC = 37; // '%'
// ---- character classes (C locale) ----
/** CLASS[cl << 8 | c] = 1 when byte c matches class letter cl ('%a', '%A', ...); literal compare otherwise. */
const CLASS = new Uint8Array(65536);
(() => {
    const isalpha = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const isdigit = (c) => c >= 48 && c <= 57;
    const iscntrl = (c) => c < 32 || c === 127;
    const isgraph = (c) => c > 32 && c < 127;
    const islower = (c) => c >= 97 && c <= 122;
    const isupper = (c) => c >= 65 && c <= 90;
    const ispunct = (c) => isgraph(c) && !isalpha(c) && !isdigit(c);
    const isspace = (c) => c === 32 || (c >= 9 && c <= 13);
    const isalnum = (c) => isalpha(c) || isdigit(c);
    const isxdigit = (c) => isdigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    const tests = {
        a: isalpha, c: iscntrl, d: isdigit, g: isgraph, l: islower, p: ispunct, s: isspace, u: isupper, w: isalnum, x: isxdigit, z: (c) => c === 0,
    };
    for (let cl = 0; cl < 256; cl++) {
        const lower = cl >= 65 && cl <= 90 ? cl + 32 : cl;
        const t = tests[String.fromCharCode(lower)];
        for (let c = 0; c < 256; c++) {
            let r;
            if (t === undefined || lower < 97 || lower > 122)
                r = cl === c;
            else {
                r = t(c);
                if (cl !== lower)
                    r = !r;
            }
            CLASS[(cl << 8) | c] = r ? 1 : 0;
        }
    }
})();
/** match_class(c, cl) */
export function matchClass(c, cl) {
    return CLASS[(cl << 8) | c] === 1;
}
// ---- per-pattern cache: class ends and bracket sets, computed lazily ----
export class PatInfo {
    p;
    /** classEnd(p) + 1 for each position (0 = not computed yet) */
    ends;
    /** for '[' positions: a 256-entry membership table (1 = member) */
    sets;
    /** pattern has none of the special characters "^$*+?.([%-" */
    plain;
    constructor(p) {
        this.p = p;
        this.ends = new Int32Array(p.length + 1);
        this.sets = [];
        this.plain = noSpecials(p);
    }
}
export function noSpecials(p) {
    for (let i = 0; i < p.length; i++) {
        switch (p.charCodeAt(i)) {
            case 94: // ^
            case 36: // $
            case 42: // *
            case 43: // +
            case 63: // ?
            case 46: // .
            case 40: // (
            case 91: // [
            case 37: // %
            case 45: // -
                return false;
        }
    }
    return true;
}
const cache = new Map();
export function patInfo(p) {
    let pi = cache.get(p);
    if (pi === undefined) {
        if (cache.size >= 512)
            cache.clear();
        pi = new PatInfo(p);
        cache.set(p, pi);
    }
    return pi;
}
export class MatchState {
    src = '';
    srcEnd = 0;
    pat = '';
    pEnd = 0;
    level = 0;
    matchdepth = MAXCCALLS;
    capInit = new Int32Array(MAXCAPTURES);
    capLen = new Int32Array(MAXCAPTURES);
    info;
    prep(src, info, pStart) {
        this.src = src;
        this.srcEnd = src.length;
        this.pat = info.p;
        this.pEnd = info.p.length;
        this.info = info;
        this.level = 0;
        this.matchdepth = MAXCCALLS;
        void pStart;
    }
    reprep() {
        this.level = 0;
        this.matchdepth = MAXCCALLS;
    }
    /** classEnd: position just after the single-char class starting at p. */
    classEnd(p) {
        const cached = this.info.ends[p];
        if (cached !== 0)
            return cached - 1;
        const pat = this.pat;
        const pEnd = this.pEnd;
        let q = p;
        const c = pat.charCodeAt(q++);
        if (c === L_ESC) {
            if (q >= pEnd)
                luaError("malformed pattern (ends with '%')");
            q++;
        }
        else if (c === 91) {
            if (pat.charCodeAt(q) === 94)
                q++;
            do {
                if (q >= pEnd)
                    luaError("malformed pattern (missing ']')");
                const cc = pat.charCodeAt(q++);
                if (cc === L_ESC && q < pEnd)
                    q++;
            } while (q >= pEnd || pat.charCodeAt(q) !== 93);
            q++;
        }
        this.info.ends[p] = q + 1;
        return q;
    }
    /** The membership table of the set [..] spanning p..ec (ec = index of the closing ']'). */
    bracketSet(p, ec) {
        let set = this.info.sets[p];
        if (set !== undefined)
            return set;
        set = new Uint8Array(256);
        for (let c = 0; c < 256; c++)
            set[c] = matchBracketClass(c, this.pat, p, ec) ? 1 : 0;
        this.info.sets[p] = set;
        return set;
    }
    singleMatch(s, p, ep) {
        if (s >= this.srcEnd)
            return false;
        const c = this.src.charCodeAt(s);
        const pc = this.pat.charCodeAt(p);
        switch (pc) {
            case 46: // '.'
                return true;
            case L_ESC:
                return CLASS[(this.pat.charCodeAt(p + 1) << 8) | c] === 1;
            case 91: // '['
                return this.bracketSet(p, ep - 1)[c] === 1;
            default:
                return pc === c;
        }
    }
    /** match(): the end of the match of pattern p.. at subject position s, or -1. */
    match(s, p) {
        if (this.matchdepth-- === 0)
            luaError('pattern too complex');
        const pat = this.pat;
        const pEnd = this.pEnd;
        for (;;) {
            if (p === pEnd)
                break;
            const pc = pat.charCodeAt(p);
            let dflt = false;
            switch (pc) {
                case 40: // '('
                    if (pat.charCodeAt(p + 1) === 41)
                        s = this.startCapture(s, p + 2, CAP_POSITION);
                    else
                        s = this.startCapture(s, p + 1, CAP_UNFINISHED);
                    break;
                case 41: // ')'
                    s = this.endCapture(s, p + 1);
                    break;
                case 36: // '$'
                    if (p + 1 !== pEnd) {
                        dflt = true;
                        break;
                    }
                    if (s !== this.srcEnd)
                        s = -1;
                    break;
                case L_ESC: {
                    const nc = pat.charCodeAt(p + 1);
                    if (nc === 98) {
                        // %b
                        s = this.matchBalance(s, p + 2);
                        if (s !== -1) {
                            p += 4;
                            continue;
                        }
                        break;
                    }
                    else if (nc === 102) {
                        // %f
                        p += 2;
                        if (pat.charCodeAt(p) !== 91)
                            luaError("missing '[' after '%f' in pattern");
                        const ep = this.classEnd(p);
                        const prev = s === 0 ? 0 : this.src.charCodeAt(s - 1);
                        const cur = s < this.srcEnd ? this.src.charCodeAt(s) : 0;
                        const set = this.bracketSet(p, ep - 1);
                        if (set[prev] === 0 && set[cur] === 1) {
                            p = ep;
                            continue;
                        }
                        s = -1;
                        break;
                    }
                    else if (nc >= 48 && nc <= 57) {
                        s = this.matchCapture(s, nc);
                        if (s !== -1) {
                            p += 2;
                            continue;
                        }
                        break;
                    }
                    dflt = true;
                    break;
                }
                default:
                    dflt = true;
            }
            if (!dflt)
                break;
            // single char class plus optional suffix
            const ep = this.classEnd(p);
            const epc = ep < pEnd ? pat.charCodeAt(ep) : -1;
            if (!this.singleMatch(s, p, ep)) {
                if (epc === 42 || epc === 63 || epc === 45) {
                    p = ep + 1;
                    continue;
                }
                s = -1;
                break;
            }
            if (epc === 63) {
                // '?'
                const res = this.match(s + 1, ep + 1);
                if (res !== -1) {
                    s = res;
                    break;
                }
                p = ep + 1;
                continue;
            }
            else if (epc === 43) {
                s = this.maxExpand(s + 1, p, ep);
                break;
            }
            else if (epc === 42) {
                s = this.maxExpand(s, p, ep);
                break;
            }
            else if (epc === 45) {
                s = this.minExpand(s, p, ep);
                break;
            }
            s++;
            p = ep;
        }
        this.matchdepth++;
        return s;
    }
    maxExpand(s, p, ep) {
        let i = 0;
        // count the maximum expansion (inlined singleMatch for the common class kinds)
        const src = this.src;
        const end = this.srcEnd;
        const pc = this.pat.charCodeAt(p);
        if (pc === 46)
            i = end - s;
        else if (pc === L_ESC) {
            const base = this.pat.charCodeAt(p + 1) << 8;
            while (s + i < end && CLASS[base | src.charCodeAt(s + i)] === 1)
                i++;
        }
        else if (pc === 91) {
            const set = this.bracketSet(p, ep - 1);
            while (s + i < end && set[src.charCodeAt(s + i)] === 1)
                i++;
        }
        else {
            while (s + i < end && src.charCodeAt(s + i) === pc)
                i++;
        }
        if (ep + 1 === this.pEnd) {
            // nothing follows: the longest expansion matches (match() at pattern end returns s)
            return s + i;
        }
        while (i >= 0) {
            const res = this.match(s + i, ep + 1);
            if (res !== -1)
                return res;
            i--;
        }
        return -1;
    }
    minExpand(s, p, ep) {
        for (;;) {
            const res = this.match(s, ep + 1);
            if (res !== -1)
                return res;
            if (this.singleMatch(s, p, ep))
                s++;
            else
                return -1;
        }
    }
    startCapture(s, p, what) {
        const level = this.level;
        if (level >= MAXCAPTURES)
            luaError('too many captures');
        this.capInit[level] = s;
        this.capLen[level] = what;
        this.level = level + 1;
        const res = this.match(s, p);
        if (res === -1)
            this.level--;
        return res;
    }
    endCapture(s, p) {
        const l = this.captureToClose();
        this.capLen[l] = s - this.capInit[l];
        const res = this.match(s, p);
        if (res === -1)
            this.capLen[l] = CAP_UNFINISHED;
        return res;
    }
    captureToClose() {
        let level = this.level;
        for (level--; level >= 0; level--)
            if (this.capLen[level] === CAP_UNFINISHED)
                return level;
        return luaError('invalid pattern capture');
    }
    matchBalance(s, p) {
        if (p >= this.pEnd - 1)
            luaError("malformed pattern (missing arguments to '%b')");
        const src = this.src;
        const end = this.srcEnd;
        if (s >= end || src.charCodeAt(s) !== this.pat.charCodeAt(p))
            return -1;
        const b = this.pat.charCodeAt(p);
        const e = this.pat.charCodeAt(p + 1);
        let cont = 1;
        while (++s < end) {
            const c = src.charCodeAt(s);
            if (c === e) {
                if (--cont === 0)
                    return s + 1;
            }
            else if (c === b)
                cont++;
        }
        return -1;
    }
    checkCapture(l) {
        l -= 49; // '1'
        if (l < 0 || l >= this.level || this.capLen[l] === CAP_UNFINISHED) {
            return luaError(`invalid capture index %${l + 1}`);
        }
        return l;
    }
    matchCapture(s, l) {
        l = this.checkCapture(l);
        const len = this.capLen[l];
        if (len < 0)
            return -1; // position capture: (size_t)-2 never fits
        if (this.srcEnd - s >= len) {
            const init = this.capInit[l];
            const src = this.src;
            for (let i = 0; i < len; i++)
                if (src.charCodeAt(init + i) !== src.charCodeAt(s + i))
                    return -1;
            return s + len;
        }
        return -1;
    }
    /** get_onecapture: capture i as a value (string or position); whole match when there are no captures. */
    getCapture(i, s, e) {
        if (i >= this.level) {
            if (i !== 0)
                luaError(`invalid capture index %${i + 1}`);
            return this.src.slice(s, e);
        }
        const l = this.capLen[i];
        const init = this.capInit[i];
        if (l === CAP_UNFINISHED)
            luaError('unfinished capture');
        if (l === CAP_POSITION)
            return init + 1;
        return this.src.slice(init, init + l);
    }
    /** push_captures: all captures (or the whole match when s >= 0 and there are none). */
    captures(s, e) {
        const n = this.level === 0 && s >= 0 ? 1 : this.level;
        const out = new Array(n);
        for (let i = 0; i < n; i++)
            out[i] = this.getCapture(i, s, e);
        return out;
    }
}
/** matchbracketclass(c, p, ec): p at '[', ec at the closing ']'. */
function matchBracketClass(c, pat, p, ec) {
    let sig = true;
    if (pat.charCodeAt(p + 1) === 94) {
        sig = false;
        p++;
    }
    while (++p < ec) {
        const pc = pat.charCodeAt(p);
        if (pc === L_ESC) {
            p++;
            if (CLASS[(pat.charCodeAt(p) << 8) | c] === 1)
                return sig;
        }
        else if (pat.charCodeAt(p + 1) === 45 && p + 2 < ec) {
            p += 2;
            if (pc <= c && c <= pat.charCodeAt(p))
                return sig;
        }
        else if (pc === c)
            return sig;
    }
    return !sig;
}
//# sourceMappingURL=lpattern.js.map