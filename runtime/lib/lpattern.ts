// The Lua 5.4 pattern matcher: a port of lstrlib.c's match machinery, working on char codes of byte strings.

import { luaError } from '../error.js';
import type { LuaRegex } from './lregex.js';

export const MAXCAPTURES = 32;
const MAXCCALLS = 200;
export const CAP_UNFINISHED = -1;
export const CAP_POSITION = -2;
const L_ESC = 37; // '%'

// ---- character classes (C locale) ----

/** CLASS[cl << 8 | c] = 1 when byte c matches class letter cl ('%a', '%A', ...); literal compare otherwise. */
export const CLASS = new Uint8Array(65536);
(() => {
  const isalpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const isdigit = (c: number) => c >= 48 && c <= 57;
  const iscntrl = (c: number) => c < 32 || c === 127;
  const isgraph = (c: number) => c > 32 && c < 127;
  const islower = (c: number) => c >= 97 && c <= 122;
  const isupper = (c: number) => c >= 65 && c <= 90;
  const ispunct = (c: number) => isgraph(c) && !isalpha(c) && !isdigit(c);
  const isspace = (c: number) => c === 32 || (c >= 9 && c <= 13);
  const isalnum = (c: number) => isalpha(c) || isdigit(c);
  const isxdigit = (c: number) => isdigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
  const tests: Record<string, (c: number) => boolean> = {
    a: isalpha, c: iscntrl, d: isdigit, g: isgraph, l: islower, p: ispunct, s: isspace, u: isupper, w: isalnum, x: isxdigit, z: (c: number) => c === 0,
  };
  for (let cl = 0; cl < 256; cl++) {
    const lower = cl >= 65 && cl <= 90 ? cl + 32 : cl;
    const t = lower >= 97 && lower <= 122 ? tests[String.fromCharCode(lower)] : undefined;
    if (t === undefined) {
      CLASS[(cl << 8) | cl] = 1; // not a class letter: the byte matches itself only
      continue;
    }
    for (let c = 0; c < 256; c++) CLASS[(cl << 8) | c] = t(c) !== (cl !== lower) ? 1 : 0;
  }
})();

/** match_class(c, cl) */
export function matchClass(c: number, cl: number): boolean {
  return CLASS[(cl << 8) | c] === 1;
}

// ---- per-pattern cache: class ends and bracket sets, computed lazily ----

export class PatInfo {
  /** classEnd(p) + 1 for each position (0 = not computed yet) */
  ends: Int32Array;
  /** for '[' positions: a 256-entry membership table (1 = member) */
  sets: (Uint8Array | undefined)[];
  /** firstSet() results per start position */
  first: (Uint8Array | null | undefined)[] = [];
  /** the pattern as a RegExp when anchored by a leading '^' / scanning (null: not translatable) */
  rxAnchored: LuaRegex | null | undefined = undefined;
  rxScan: LuaRegex | null | undefined = undefined;
  /** how many matchers this pattern has had */
  uses = 0;
  /** pattern has none of the special characters "^$*+?.([%-" */
  readonly plain: boolean;
  constructor(readonly p: string) {
    this.ends = new Int32Array(p.length + 1);
    this.sets = [];
    this.plain = noSpecials(p);
  }
}

export function noSpecials(p: string): boolean {
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

const cache = new Map<string, PatInfo>();
export function patInfo(p: string): PatInfo {
  let pi = cache.get(p);
  if (pi === undefined) {
    if (cache.size >= 512) cache.clear();
    pi = new PatInfo(p);
    cache.set(p, pi);
  }
  return pi;
}

/** {c} as a membership table, shared by every pattern that starts with the literal c */
const singles: Uint8Array[] = [];
function singleSet(c: number): Uint8Array {
  let set = singles[c];
  if (set === undefined) {
    set = singles[c] = new Uint8Array(256);
    set[c] = 1;
  }
  return set;
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
  info!: PatInfo;
  ends!: Int32Array;

  prep(src: string, info: PatInfo, pStart: number): void {
    this.src = src;
    this.srcEnd = src.length;
    this.pat = info.p;
    this.pEnd = info.p.length;
    this.info = info;
    this.ends = info.ends;
    this.level = 0;
    this.matchdepth = MAXCCALLS;
    void pStart;
  }
  reprep(): void {
    this.level = 0;
    this.matchdepth = MAXCCALLS;
  }

  /** classEnd: position just after the single-char class starting at p. */
  classEnd(p: number): number {
    const cached = this.info.ends[p];
    if (cached !== 0) return cached - 1;
    const pat = this.pat;
    const pEnd = this.pEnd;
    let q = p;
    const c = pat.charCodeAt(q++);
    if (c === L_ESC) {
      if (q >= pEnd) luaError("malformed pattern (ends with '%')");
      q++;
    } else if (c === 91) {
      if (pat.charCodeAt(q) === 94) q++;
      do {
        if (q >= pEnd) luaError("malformed pattern (missing ']')");
        const cc = pat.charCodeAt(q++);
        if (cc === L_ESC && q < pEnd) q++;
      } while (q >= pEnd || pat.charCodeAt(q) !== 93);
      q++;
    }
    this.info.ends[p] = q + 1;
    return q;
  }

  /** The membership table of the set [..] spanning p..ec (ec = index of the closing ']'). */
  bracketSet(p: number, ec: number): Uint8Array {
    let set = this.info.sets[p];
    if (set !== undefined) return set;
    set = new Uint8Array(256);
    for (let c = 0; c < 256; c++) set[c] = matchBracketClass(c, this.pat, p, ec) ? 1 : 0;
    this.info.sets[p] = set;
    return set;
  }

  singleMatch(s: number, p: number, ep: number): boolean {
    if (s >= this.srcEnd) return false;
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
  match(s: number, p: number): number {
    if (this.matchdepth-- === 0) luaError('pattern too complex');
    const pat = this.pat;
    const pEnd = this.pEnd;
    const src = this.src;
    const srcEnd = this.srcEnd;
    const ends = this.ends;
    for (;;) {
      if (p === pEnd) break;
      const pc = pat.charCodeAt(p);
      if (pc === 40) {
        // '('
        if (pat.charCodeAt(p + 1) === 41) s = this.startCapture(s, p + 2, CAP_POSITION);
        else s = this.startCapture(s, p + 1, CAP_UNFINISHED);
        break;
      } else if (pc === 41) {
        // ')'
        s = this.endCapture(s, p + 1);
        break;
      } else if (pc === 36 && p + 1 === pEnd) {
        // '$' at the end of the pattern
        if (s !== srcEnd) s = -1;
        break;
      } else if (pc === L_ESC) {
        const nc = pat.charCodeAt(p + 1);
        if (nc === 98) {
          // %b
          s = this.matchBalance(s, p + 2);
          if (s !== -1) {
            p += 4;
            continue;
          }
          break;
        } else if (nc === 102) {
          // %f
          p += 2;
          if (pat.charCodeAt(p) !== 91) luaError("missing '[' after '%f' in pattern");
          const ep = this.classEnd(p);
          const prev = s === 0 ? 0 : src.charCodeAt(s - 1);
          const cur = s < srcEnd ? src.charCodeAt(s) : 0;
          const set = this.bracketSet(p, ep - 1);
          if (set[prev] === 0 && set[cur] === 1) {
            p = ep;
            continue;
          }
          s = -1;
          break;
        } else if (nc >= 48 && nc <= 57) {
          s = this.matchCapture(s, nc);
          if (s !== -1) {
            p += 2;
            continue;
          }
          break;
        }
      }
      // default: single char class plus optional suffix
      let ep = ends[p];
      if (ep === 0) ep = this.classEnd(p);
      else ep--;
      const epc = ep < pEnd ? pat.charCodeAt(ep) : -1;
      // singlematch(s, p, ep)
      let m: boolean;
      if (s >= srcEnd) m = false;
      else {
        const c = src.charCodeAt(s);
        if (pc === 46) m = true;
        else if (pc === L_ESC) m = CLASS[(pat.charCodeAt(p + 1) << 8) | c] === 1;
        else if (pc === 91) m = this.bracketSet(p, ep - 1)[c] === 1;
        else m = pc === c;
      }
      if (!m) {
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
      } else if (epc === 43) {
        s = this.maxExpand(s + 1, p, ep);
        break;
      } else if (epc === 42) {
        s = this.maxExpand(s, p, ep);
        break;
      } else if (epc === 45) {
        s = this.minExpand(s, p, ep);
        break;
      }
      s++;
      p = ep;
    }
    this.matchdepth++;
    return s;
  }

  /**
   * The set of bytes a match must start with (the pattern's first item is a single-char class that must
   * match at least once), or null. Lets the callers skip start positions where match() would fail at once.
   * Only call it when lstrlib would call match() anyway: it raises the same classEnd errors.
   */
  firstSet(p: number): Uint8Array | null {
    const info = this.info;
    const cached = info.first[p];
    if (cached !== undefined) return cached;
    let set: Uint8Array | null = null;
    const pat = this.pat;
    const pEnd = this.pEnd;
    if (p < pEnd) {
      const pc = pat.charCodeAt(p);
      const nc = pat.charCodeAt(p + 1);
      const special =
        pc === 40 || pc === 41 || pc === 46 || (pc === 36 && p + 1 === pEnd) ||
        (pc === L_ESC && (nc === 98 || nc === 102 || (nc >= 48 && nc <= 57)));
      if (!special) {
        const ep = this.classEnd(p);
        const epc = ep < pEnd ? pat.charCodeAt(ep) : -1;
        if (epc !== 42 && epc !== 63 && epc !== 45) {
          if (pc === L_ESC) set = CLASS.subarray(nc << 8, (nc << 8) + 256);
          else if (pc === 91) set = this.bracketSet(p, ep - 1);
          else set = singleSet(pc);
        }
      }
    }
    info.first[p] = set;
    return set;
  }

  maxExpand(s: number, p: number, ep: number): number {
    let i = 0;
    // count the maximum expansion (inlined singleMatch for the common class kinds)
    const src = this.src;
    const end = this.srcEnd;
    const pc = this.pat.charCodeAt(p);
    if (pc === 46) i = end - s;
    else if (pc === L_ESC) {
      const base = this.pat.charCodeAt(p + 1) << 8;
      while (s + i < end && CLASS[base | src.charCodeAt(s + i)] === 1) i++;
    } else if (pc === 91) {
      const set = this.bracketSet(p, ep - 1);
      while (s + i < end && set[src.charCodeAt(s + i)] === 1) i++;
    } else {
      while (s + i < end && src.charCodeAt(s + i) === pc) i++;
    }
    if (ep + 1 === this.pEnd) {
      // nothing follows: the longest expansion matches (match() at pattern end returns s)
      if (this.matchdepth === 0) luaError('pattern too complex');
      return s + i;
    }
    while (i >= 0) {
      const res = this.match(s + i, ep + 1);
      if (res !== -1) return res;
      i--;
    }
    return -1;
  }

  minExpand(s: number, p: number, ep: number): number {
    for (;;) {
      const res = this.match(s, ep + 1);
      if (res !== -1) return res;
      if (this.singleMatch(s, p, ep)) s++;
      else return -1;
    }
  }

  startCapture(s: number, p: number, what: number): number {
    const level = this.level;
    if (level >= MAXCAPTURES) luaError('too many captures');
    this.capInit[level] = s;
    this.capLen[level] = what;
    this.level = level + 1;
    const res = this.match(s, p);
    if (res === -1) this.level--;
    return res;
  }

  endCapture(s: number, p: number): number {
    const l = this.captureToClose();
    this.capLen[l] = s - this.capInit[l];
    const res = this.match(s, p);
    if (res === -1) this.capLen[l] = CAP_UNFINISHED;
    return res;
  }

  captureToClose(): number {
    let level = this.level;
    for (level--; level >= 0; level--) if (this.capLen[level] === CAP_UNFINISHED) return level;
    return luaError('invalid pattern capture');
  }

  matchBalance(s: number, p: number): number {
    if (p >= this.pEnd - 1) luaError("malformed pattern (missing arguments to '%b')");
    const src = this.src;
    const end = this.srcEnd;
    if (s >= end || src.charCodeAt(s) !== this.pat.charCodeAt(p)) return -1;
    const b = this.pat.charCodeAt(p);
    const e = this.pat.charCodeAt(p + 1);
    let cont = 1;
    while (++s < end) {
      const c = src.charCodeAt(s);
      if (c === e) {
        if (--cont === 0) return s + 1;
      } else if (c === b) cont++;
    }
    return -1;
  }

  checkCapture(l: number): number {
    l -= 49; // '1'
    if (l < 0 || l >= this.level || this.capLen[l] === CAP_UNFINISHED) {
      return luaError(`invalid capture index %${l + 1}`);
    }
    return l;
  }

  matchCapture(s: number, l: number): number {
    l = this.checkCapture(l);
    const len = this.capLen[l];
    if (len < 0) return -1; // position capture: (size_t)-2 never fits
    if (this.srcEnd - s >= len) {
      const init = this.capInit[l];
      const src = this.src;
      for (let i = 0; i < len; i++) if (src.charCodeAt(init + i) !== src.charCodeAt(s + i)) return -1;
      return s + len;
    }
    return -1;
  }

  /** get_onecapture: capture i as a value (string or position); whole match when there are no captures. */
  getCapture(i: number, s: number, e: number): string | number {
    if (i >= this.level) {
      if (i !== 0) luaError(`invalid capture index %${i + 1}`);
      return this.src.slice(s, e);
    }
    const l = this.capLen[i];
    const init = this.capInit[i];
    if (l === CAP_UNFINISHED) luaError('unfinished capture');
    if (l === CAP_POSITION) return init + 1;
    return this.src.slice(init, init + l);
  }

  /** push_captures: all captures (or the whole match when s >= 0 and there are none). */
  captures(s: number, e: number): (string | number)[] {
    const n = this.level === 0 && s >= 0 ? 1 : this.level;
    const out = new Array<string | number>(n);
    for (let i = 0; i < n; i++) out[i] = this.getCapture(i, s, e);
    return out;
  }
}

/** matchbracketclass(c, p, ec): p at '[', ec at the closing ']'. */
export function matchBracketClass(c: number, pat: string, p: number, ec: number): boolean {
  let sig = true;
  if (pat.charCodeAt(p + 1) === 94) {
    sig = false;
    p++;
  }
  while (++p < ec) {
    const pc = pat.charCodeAt(p);
    if (pc === L_ESC) {
      p++;
      if (CLASS[(pat.charCodeAt(p) << 8) | c] === 1) return sig;
    } else if (pat.charCodeAt(p + 1) === 45 && p + 2 < ec) {
      p += 2;
      if (pc <= c && c <= pat.charCodeAt(p)) return sig;
    } else if (pc === c) return sig;
  }
  return !sig;
}
