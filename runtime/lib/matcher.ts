// One interface over the two ways of running a Lua pattern against a subject: a translated RegExp
// (lregex.ts) when the pattern allows it, else the lstrlib interpreter (lpattern.ts).

import { luaError } from '../error.js';
import { MatchState, PatInfo } from './lpattern.js';
import { LuaRegex, toRegex } from './lregex.js';
import { LuaValue, Multi } from '../value.js';

export type Capture = string | number;

export interface Matcher {
  /** end of the last match found */
  end: number;
  /** The start of the first match at or after s (only at s when anchored), or -1. s <= subject length. */
  find(s: number): number;
  /** get_onecapture: capture i of the last match; the whole match when the pattern has none and i = 0. */
  capture(i: number): Capture;
  /** push_captures: all captures of the last match, or the whole match when there are none and `whole`. */
  captures(whole: boolean): Capture[];
  /** The captures (or the whole match) as call results: one value as is, several as a Multi. */
  results(): LuaValue;
  /** Done with this matcher (its state may be reused). */
  release(): void;
}

/**
 * A matcher of pattern `info` on `src`. `anchorOk`: a leading '^' anchors (find, match, gsub);
 * gmatch passes false, where '^' is an ordinary char as in lstrlib.
 */
export function matcher(src: string, info: PatInfo, anchorOk: boolean): Matcher {
  const anchored = anchorOk && info.p.charCodeAt(0) === 94;
  // building a RegExp costs about as much as interpreting a few thousand bytes: worth it for a pattern
  // that is used again or a long subject, not for a pattern made for one short match
  if (++info.uses < REGEX_AFTER_USES && src.length < REGEX_MIN_SUBJECT) return acquire(src, info, anchored);
  let rx: LuaRegex | null;
  if (anchored) rx = info.rxAnchored === undefined ? (info.rxAnchored = toRegex(info.p, 1, true)) : info.rxAnchored;
  else rx = info.rxScan === undefined ? (info.rxScan = toRegex(info.p, 0, false)) : info.rxScan;
  if (rx !== null) return new RegexMatcher(src, info, rx, anchored);
  return acquire(src, info, anchored);
}

const REGEX_AFTER_USES = 3;
const REGEX_MIN_SUBJECT = 2048;

class RegexMatcher implements Matcher {
  end = 0;
  private m: RegExpExecArray | null = null;
  private slow: Matcher | undefined;

  constructor(
    private readonly src: string,
    private readonly info: PatInfo,
    private readonly rx: LuaRegex,
    private readonly anchored: boolean,
  ) {}

  find(s: number): number {
    if (this.slow !== undefined) return this.find2(s);
    const re = this.rx.re;
    re.lastIndex = s;
    let m: RegExpExecArray | null;
    try {
      m = re.exec(this.src);
    } catch {
      // the regexp engine gave up (backtrack stack overflow, regexp too big to compile): the interpreter
      // gives lstrlib's result and errors
      this.slow = acquire(this.src, this.info, this.anchored);
      return this.find2(s);
    }
    this.m = m;
    if (m === null) return -1;
    this.end = m.index + m[0].length;
    return m.index;
  }

  private find2(s: number): number {
    const r = this.slow!.find(s);
    this.end = this.slow!.end;
    return r;
  }

  capture(i: number): Capture {
    if (this.slow !== undefined) return this.slow.capture(i);
    const m = this.m!;
    if (i >= this.rx.ncap) {
      if (i !== 0) luaError(`invalid capture index %${i + 1}`);
      return m[0];
    }
    const pc = this.rx.posCap;
    return pc !== null && pc[i] === 1 ? m.indices![i + 1][0] + 1 : m[i + 1];
  }

  results(): LuaValue {
    if (this.slow !== undefined) return this.slow.results();
    const m = this.m!;
    const n = this.rx.ncap;
    if (n === 0) return m[0];
    if (n === 1) return this.capture(0);
    return new Multi(this.captures(true));
  }

  captures(whole: boolean): Capture[] {
    if (this.slow !== undefined) return this.slow.captures(whole);
    const m = this.m!;
    const n = this.rx.ncap;
    if (n === 0) return whole ? [m[0]] : [];
    if (this.rx.posCap === null) return m.slice(1);
    const out = new Array<Capture>(n);
    for (let i = 0; i < n; i++) out[i] = this.capture(i);
    return out;
  }

  release(): void {
    this.m = null;
    if (this.slow !== undefined) this.slow.release();
  }
}

/** The lstrlib interpreter behind the Matcher interface. */
class InterpMatcher implements Matcher {
  end = 0;
  private readonly ms = new MatchState();
  private anchored = false;
  private pstart = 0;
  private start = 0;
  private first: Uint8Array | null | undefined;

  prep(src: string, info: PatInfo, anchored: boolean): void {
    this.ms.prep(src, info, 0);
    this.anchored = anchored;
    this.pstart = anchored ? 1 : 0;
    this.first = anchored ? null : undefined;
  }

  find(s: number): number {
    const ms = this.ms;
    const ls = ms.srcEnd;
    const src = ms.src;
    do {
      // a required first byte lets us skip starts where match() would fail at once
      if (this.first === undefined) this.first = ms.firstSet(this.pstart);
      const first = this.first;
      if (first !== null) while (s < ls && first[src.charCodeAt(s)] === 0) s++;
      ms.reprep();
      const e = ms.match(s, this.pstart);
      if (e !== -1) {
        this.start = s;
        this.end = e;
        return s;
      }
    } while (s++ < ls && !this.anchored);
    return -1;
  }

  capture(i: number): Capture {
    return this.ms.getCapture(i, this.start, this.end);
  }

  results(): LuaValue {
    const caps = this.captures(true);
    return caps.length === 1 ? caps[0] : new Multi(caps);
  }

  captures(whole: boolean): Capture[] {
    return whole ? this.ms.captures(this.start, this.end) : this.ms.captures(-1, 0);
  }

  release(): void {
    this.ms.src = '';
    if (pool.length < 16) pool.push(this);
  }
}

// interpreter states are reentrant through gsub callbacks, so one in flight is never shared
const pool: InterpMatcher[] = [];

function acquire(src: string, info: PatInfo, anchored: boolean): InterpMatcher {
  const m = pool.pop() ?? new InterpMatcher();
  m.prep(src, info, anchored);
  return m;
}
