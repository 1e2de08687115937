// The basic library: print, type, tostring, tonumber, pcall, xpcall, error, assert, select, raw*,
// metatables, iteration (next, pairs, ipairs), collectgarbage, _G, _VERSION. `load` is in lib/load.ts.

import { argError, captureStack, luaError, toLuaError, where } from '../error.js';
import { setIpairsIter, setNextFn } from '../loops.js';
import { GM, call, calleeFromC, getMetatable, metamethod } from '../meta.js';
import { MAX_SAFE, normInt, str2number } from '../number.js';
import { markBuiltin, tostr } from '../ops.js';
import { PendingCall, callG, withGen, type LuaGenerator } from '../suspend.js';
import { LFloat, LuaError, LuaKill, LuaTable, LuaValue, Multi, NONE, all, first, type } from '../value.js';
import { checkAny, checkInt, checkIntN, checkTable, typeError } from './args.js';
import { indexFromC } from './table.js';

export interface BaseOptions {
  /** receives each printed line (without the newline), as a byte string */
  print: (line: string) => void;
  /** when given, print writes each piece as it goes (like C's print), and print() is not used */
  write?: (chunk: string) => void;
}

/** What pcall returns for a caught error: Multi([false, value]); LuaKill passes through. */
export function caught(e: unknown): LuaValue {
  GM.on = false;
  if (e instanceof LuaKill) throw e;
  const le = toLuaError(e);
  if (le instanceof LuaError) return new Multi([false, le.value]);
  // an internal fault of the runtime: surface it to the script as a string rather than crash the host
  return new Multi([false, String((e as any)?.message ?? e)]);
}

function prependTrue(r: LuaValue): LuaValue {
  return r instanceof Multi ? new Multi([true, ...r.v]) : new Multi([true, r]);
}

/** The base functions shared by every instance (all but print and _G, which are per instance). */
let shared: LuaTable | undefined;

/**
 * The base functions, created once per process and shared by every instance; print (bound to the
 * instance's output, see makePrint) and _G are made per instance, which keeps an instance small.
 */
export function sharedBase(): LuaTable {
  if (shared === undefined) {
    shared = new LuaTable();
    buildBase(shared);
  }
  return shared;
}

export function makePrint(opts: BaseOptions): (...args: LuaValue[]) => LuaValue {
  const write = opts.write;
  if (write !== undefined) {
    return markBuiltin((...args: LuaValue[]) => {
      for (let i = 0; i < args.length; i++) write((i > 0 ? '\t' : '') + tostr(args[i]));
      write('\n');
      return NONE;
    });
  }
  const print = opts.print;
  return markBuiltin((...args: LuaValue[]) => {
    let line = '';
    for (let i = 0; i < args.length; i++) line += (i > 0 ? '\t' : '') + tostr(args[i]);
    print(line);
    return NONE;
  });
}

function buildBase(G: LuaTable): void {
  const def = (name: string, f: (...args: any[]) => LuaValue): void => {
    G.setStr(name, markBuiltin(f));
  };


  def('type', (...args: LuaValue[]) => {
    checkAny(args.length, 1, 'type');
    return type(args[0]);
  });

  def('tostring', (...args: LuaValue[]) => {
    checkAny(args.length, 1, 'tostring');
    return tostr(args[0]);
  });

  def('tonumber', (...args: LuaValue[]) => {
    const [v, base] = args;
    if (base === undefined) {
      checkAny(args.length, 1, 'tonumber');
      if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LFloat) return v;
      if (typeof v === 'string') return str2number(v);
      return undefined;
    }
    const b = checkIntN(base, 2, 'tonumber');
    if (typeof v !== 'string') typeError(1, 'tonumber', 'string', v, args.length >= 1);
    if (b < 2 || b > 36) argError(2, 'tonumber', 'base out of range');
    return strToIntBase((v as string).toLowerCase(), b);
  });

  def('error', (...args: LuaValue[]) => {
    let v = args[0];
    const level = args[1] === undefined ? 1 : checkIntN(args[1], 2, 'error');
    if (typeof v === 'string' && level > 0) v = where(level, captureStack()) + v;
    throw new LuaError(v);
  });

  def('assert', (...args: LuaValue[]) => {
    if (args.length === 0) argError(1, 'assert', 'value expected');
    const v = args[0];
    if (v !== undefined && v !== false) return args.length === 1 ? v : new Multi(args);
    // like error(msg, 1): a string message gets the caller's position
    const msg = args.length >= 2 ? args[1] : 'assertion failed!';
    throw new LuaError(typeof msg === 'string' ? where(1) + msg : msg);
  });

  const pcall = withGen(
    (...args: LuaValue[]): LuaValue => {
      checkAny(args.length, 1, 'pcall');
      try {
        return prependTrue(call(args[0], ...args.slice(1)));
      } catch (e) {
        return caught(e);
      }
    },
    function* (...args: LuaValue[]): LuaGenerator {
      checkAny(args.length, 1, 'pcall');
      try {
        let r = callG(typeof args[0] === 'function' ? args[0] : calleeFromC(args[0]), ...args.slice(1));
        if (r instanceof PendingCall) r = yield r;
        return prependTrue(r);
      } catch (e) {
        return caught(e);
      }
    },
  );
  def('pcall', pcall);

  // an error inside the message handler calls the handler again, as in Lua, until it gives up
  const handle = (h: LuaValue, e: unknown): LuaValue => {
    let err = (caught(e) as Multi).v[1];
    for (let depth = 0; depth < 200; depth++) {
      try {
        return new Multi([false, first(call(h, err))]);
      } catch (e2) {
        err = (caught(e2) as Multi).v[1];
      }
    }
    return new Multi([false, 'error in error handling']);
  };
  const xpcall = withGen(
    (...args: LuaValue[]): LuaValue => {
      if (typeof args[1] !== 'function') typeError(2, 'xpcall', 'function', args[1], args.length >= 2);
      try {
        return prependTrue(call(args[0], ...args.slice(2)));
      } catch (e) {
        return handle(args[1], e);
      }
    },
    function* (...args: LuaValue[]): LuaGenerator {
      if (typeof args[1] !== 'function') typeError(2, 'xpcall', 'function', args[1], args.length >= 2);
      try {
        let r = callG(typeof args[0] === 'function' ? args[0] : calleeFromC(args[0]), ...args.slice(2));
        if (r instanceof PendingCall) r = yield r;
        return prependTrue(r);
      } catch (e) {
        return handle(args[1], e);
      }
    },
  );
  def('xpcall', xpcall);

  def('select', (...args: LuaValue[]) => {
    const n = args[0];
    if (typeof n === 'string' && n.charCodeAt(0) === 35) return args.length - 1; // '#...'
    if (args.length === 0) typeError(1, 'select', 'number', undefined, false);
    const i = checkIntN(n, 1, 'select');
    if (i < 0) {
      if (-i > args.length - 1) argError(1, 'select', 'index out of range');
      return new Multi(args.slice(args.length + i));
    }
    if (i === 0) argError(1, 'select', 'index out of range');
    if (i >= args.length) return NONE;
    return i === args.length - 1 ? args[i] : new Multi(args.slice(i));
  });

  def('rawget', (...args: LuaValue[]) => {
    const t = checkTable(args[0], 1, 'rawget', args.length > 0);
    checkAny(args.length, 2, 'rawget');
    return t.get(args[1]);
  });
  def('rawset', (...args: LuaValue[]) => {
    const t = checkTable(args[0], 1, 'rawset', args.length > 0);
    checkAny(args.length, 2, 'rawset');
    checkAny(args.length, 3, 'rawset');
    const k = args[1];
    // raised inside the built-in, where Lua adds no position
    if (k === undefined) throw new LuaError('table index is nil');
    if (typeof k === 'number' && k !== k) throw new LuaError('table index is NaN');
    t.set(k, args[2]);
    return t;
  });
  def('rawequal', (...args: LuaValue[]) => {
    checkAny(args.length, 1, 'rawequal');
    checkAny(args.length, 2, 'rawequal');
    const [a, b] = args;
    if (a === b) return true;
    const na = a instanceof LFloat ? a.n : a, nb = b instanceof LFloat ? b.n : b;
    const isN = (x: LuaValue) => typeof x === 'number' || typeof x === 'bigint';
    return isN(na) && isN(nb) && na == nb;
  });
  def('rawlen', (...args: LuaValue[]) => {
    const v = args[0];
    if (v instanceof LuaTable) return v.length();
    if (typeof v === 'string') return v.length;
    return typeError(1, 'rawlen', 'table or string', v, args.length >= 1);
  });

  def('setmetatable', (...args: LuaValue[]) => {
    const t = checkTable(args[0], 1, 'setmetatable', args.length > 0);
    const mt = args[1];
    if (args.length < 2 || (mt !== undefined && !(mt instanceof LuaTable))) typeError(2, 'setmetatable', 'nil or table', mt, args.length >= 2);
    if (t.mt !== undefined && t.mt.getStr('__metatable') !== undefined) luaError('cannot change a protected metatable');
    t.mt = mt;
    return t;
  });
  def('getmetatable', (...args: LuaValue[]) => {
    checkAny(args.length, 1, 'getmetatable');
    const mt = getMetatable(args[0]);
    if (mt === undefined) return undefined;
    const protectedValue = mt.getStr('__metatable');
    return protectedValue !== undefined ? protectedValue : mt;
  });

  const next = markBuiltin((...args: LuaValue[]): LuaValue => {
    const t = checkTable(args[0], 1, 'next', args.length > 0);
    let r: [LuaValue, LuaValue] | undefined;
    try {
      r = t.next(args[1]);
    } catch (e) {
      // raised inside the C function in Lua (luaH_next), so without a position
      if (e instanceof TypeError) throw new LuaError("invalid key to 'next'");
      throw e;
    }
    return r === undefined ? undefined : new Multi(r);
  });
  G.setStr('next', next);
  setNextFn(next);

  def('pairs', (...args: LuaValue[]) => {
    checkAny(args.length, 1, 'pairs');
    const t = args[0];
    const mm = metamethod(t, '__pairs');
    if (mm !== undefined) {
      const r = all(call(mm, t));
      return new Multi([r[0], r[1], r[2]]);
    }
    return new Multi([next, t, undefined]);
  });

  const nextInt = (c: number | bigint): number | bigint => normInt((typeof c === 'bigint' ? c : BigInt(c)) + 1n);
  const ipairsIter = markBuiltin((t: LuaValue, i: LuaValue): LuaValue => {
    // the control value wraps around at maxinteger, as Lua's integer arithmetic does
    const n = typeof i === 'number' && i < MAX_SAFE && Number.isInteger(i) ? i + 1 : nextInt(checkInt(i, 2, 'ipairs'));
    const v = t instanceof LuaTable && t.mt === undefined ? (typeof n === 'number' ? t.getInt(n) : t.get(n)) : indexFromC(t, n);
    return v === undefined ? undefined : new Multi([n, v]);
  });
  setIpairsIter(ipairsIter);
  def('ipairs', (...args: LuaValue[]) => {
    checkAny(args.length, 1, 'ipairs');
    return new Multi([ipairsIter, args[0], 0]);
  });

  // no collector to drive: the options only keep the state Lua would report back
  let gcRunning = true, gcMode = 'incremental', gcPause = 200, gcStepmul = 100;
  const gcParam = (v: LuaValue, n: number): number => {
    const x = v === undefined ? 0 : Number(checkIntN(v, n, 'collectgarbage'));
    return Math.floor(x / 4) * 4; // Lua stores these divided by 4
  };
  def('collectgarbage', (...args: LuaValue[]) => {
    const opt = args[0] === undefined ? 'collect' : args[0];
    switch (opt) {
      case 'count': {
        const kb = process.memoryUsage().heapUsed / 1024;
        return Number.isInteger(kb) ? new LFloat(kb) : kb;
      }
      case 'collect':
        return 0;
      case 'step':
        return true;
      case 'incremental':
      case 'generational': {
        const prev = gcMode;
        gcMode = opt;
        if (opt === 'incremental') {
          const p = gcParam(args[1], 2), m = gcParam(args[2], 3);
          if (p !== 0) gcPause = p;
          if (m !== 0) gcStepmul = m;
        }
        return prev;
      }
      case 'isrunning':
        return gcRunning;
      case 'stop':
        gcRunning = false;
        return 0;
      case 'restart':
        gcRunning = true;
        return 0;
      case 'setpause': {
        const prev = gcPause;
        gcPause = gcParam(args[1], 2);
        return prev;
      }
      case 'setstepmul': {
        const prev = gcStepmul;
        gcStepmul = gcParam(args[1], 2);
        return prev;
      }
    }
    return argError(1, 'collectgarbage', `invalid option '${tostr(opt)}'`);
  });

  G.setField('_G', G);
  G.setStr('_VERSION', 'Lua 5.4');
  void checkInt;
}

/** tonumber(s, base): an integer numeral in the given base, wrapping like Lua; undefined if malformed. */
function strToIntBase(s: string, base: number): LuaValue {
  // C's isspace, not JS's trim (which also strips \xa0)
  const t = s.replace(/^[ \f\n\r\t\v]+|[ \f\n\r\t\v]+$/g, '');
  let i = 0;
  let neg = false;
  if (t[0] === '-') {
    neg = true;
    i = 1;
  } else if (t[0] === '+') i = 1;
  if (i >= t.length) return undefined;
  let n = 0n;
  let small = 0;
  let useBig = false;
  const B = BigInt(base);
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : 99;
    if (d >= base) return undefined;
    if (!useBig) {
      small = small * base + d;
      if (small > MAX_SAFE / 64) {
        useBig = true;
        n = BigInt(small);
      }
    } else n = n * B + BigInt(d);
  }
  const v = useBig ? n : BigInt(small);
  return normInt(neg ? -v : v);
}
