// Lua patterns translated to JS regular expressions, run by V8's native regexp engine.
//
// A Lua pattern is a sequence of single-byte classes with the suffixes * + ? -, captures, anchors and
// %f frontiers. A JS RegExp backtracks over the same items in the same order (greedy * + ?, lazy *?),
// so both find the same match at every start position. Only well-formed patterns are translated: a
// pattern that could raise an error while matching (malformed, unbalanced captures, too deep for
// MAXCCALLS) or that uses %b or back-references stays with the interpreter (lpattern.ts).

import { CLASS, MAXCAPTURES, matchBracketClass } from './lpattern.js';

/** A translated pattern. `re` is global (scan) or sticky (anchored); set lastIndex before each exec. */
export interface LuaRegex {
  readonly re: RegExp;
  /** number of captures */
  readonly ncap: number;
  /** posCap[i] = 1 when capture i is a position capture `()` (then `re` has the d flag) */
  readonly posCap: Uint8Array | null;
}

/** Each nested match() call consumes a pattern char, so shorter patterns cannot reach MAXCCALLS (200). */
const MAX_PATTERN = 150;

/**
 * Translate pattern p from position `start` (1 after an anchoring '^'), or null when the interpreter
 * must run it. `anchored`: match only at the start position (sticky), else scan forward (global).
 */
export function toRegex(p: string, start: number, anchored: boolean): LuaRegex | null {
  const len = p.length;
  if (len > MAX_PATTERN) return null;
  let src = '';
  let ncap = 0;
  let open = 0;
  const pos: number[] = [];
  let i = start;
  while (i < len) {
    const c = p.charCodeAt(i);
    if (c === 40) {
      // '(' or the position capture '()'
      if (ncap === MAXCAPTURES) return null;
      if (p.charCodeAt(i + 1) === 41) {
        pos.push(ncap++);
        src += '()';
        i += 2;
      } else {
        ncap++;
        open++;
        src += '(';
        i++;
      }
      continue;
    }
    if (c === 41) {
      if (open === 0) return null;
      open--;
      src += ')';
      i++;
      continue;
    }
    if (c === 36 && i + 1 === len) {
      src += '$';
      i++;
      continue;
    }
    if (c === 37) {
      const nc = p.charCodeAt(i + 1);
      if (nc === 98 || (nc >= 48 && nc <= 57)) return null; // %b, back-reference
      if (nc === 102) {
        // %f[set]
        i += 2;
        if (p.charCodeAt(i) !== 91) return null;
        const ep = classEnd(p, i);
        if (ep < 0) return null;
        src += frontier(bracketSet(p, i, ep - 1));
        i = ep;
        continue;
      }
    }
    // a single-char class, then an optional suffix
    const ep = classEnd(p, i);
    if (ep < 0) return null;
    if (c === 37) src += classAtom(p.charCodeAt(i + 1));
    else if (c === 91) src += setAtom(bracketSet(p, i, ep - 1));
    else src += c === 46 ? '[\\s\\S]' : hex(c);
    const sc = ep < len ? p.charCodeAt(ep) : -1;
    if (sc === 42 || sc === 43 || sc === 63) {
      src += String.fromCharCode(sc);
      i = ep + 1;
    } else if (sc === 45) {
      src += '*?';
      i = ep + 1;
    } else i = ep;
  }
  if (open !== 0) return null;
  const flags = (anchored ? 'y' : 'g') + (pos.length > 0 ? 'd' : '');
  let re: RegExp;
  try {
    re = new RegExp(src, flags);
  } catch {
    return null;
  }
  let posCap: Uint8Array | null = null;
  if (pos.length > 0) {
    posCap = new Uint8Array(ncap);
    for (const k of pos) posCap[k] = 1;
  }
  return { re, ncap, posCap };
}

/** lstrlib's classEnd: the position after the single-char class at i, or -1 when malformed. */
function classEnd(p: string, i: number): number {
  const len = p.length;
  const c = p.charCodeAt(i++);
  if (c === 37) return i >= len ? -1 : i + 1;
  if (c === 91) {
    if (p.charCodeAt(i) === 94) i++;
    do {
      if (i >= len) return -1;
      const cc = p.charCodeAt(i++);
      if (cc === 37 && i < len) i++;
    } while (i >= len || p.charCodeAt(i) !== 93);
    return i + 1;
  }
  return i;
}

/** atoms of the %-classes, by class letter */
const classAtoms: string[] = [];

function classAtom(cl: number): string {
  return (classAtoms[cl] ??= setAtom(CLASS.subarray(cl << 8, (cl << 8) + 256)));
}

/** The members of the set [..] at p (ec: its closing ']'). */
function bracketSet(p: string, at: number, ec: number): Uint8Array {
  const set = new Uint8Array(256);
  for (let c = 0; c < 256; c++) set[c] = matchBracketClass(c, p, at, ec) ? 1 : 0;
  return set;
}

function hex(c: number): string {
  return '\\x' + (c < 16 ? '0' : '') + c.toString(16);
}

/** A regexp atom matching exactly the bytes of the set. */
function setAtom(set: Uint8Array): string {
  let n = 0;
  let only = -1;
  for (let c = 0; c < 256; c++) {
    if (set[c] === 1) {
      n++;
      only = c;
    }
  }
  if (n === 1) return hex(only);
  return charClass(set);
}

/** [ranges] of the set's members; [] (never matches) for the empty set. Strings hold only bytes 0..255. */
function charClass(set: Uint8Array): string {
  let out = '[';
  for (let c = 0; c < 256; c++) {
    if (set[c] === 0) continue;
    let d = c;
    while (d < 255 && set[d + 1] === 1) d++;
    out += d === c ? hex(c) : d === c + 1 ? hex(c) + hex(d) : hex(c) + '-' + hex(d);
    c = d;
  }
  return out + ']';
}

/** %f[set]: the previous byte (NUL at the subject's start) is out of the set, the current one (NUL at the end) in it. */
function frontier(set: Uint8Array): string {
  const inSet = charClass(set);
  const notSet = charClass(set.map((b) => 1 - b));
  const nulIn = set[0] === 1;
  const prev = nulIn ? `(?<=${notSet})` : `(?<!${inSet})`;
  const cur = nulIn ? `(?=${inSet}|$)` : `(?=${inSet})`;
  return prev + cur;
}
