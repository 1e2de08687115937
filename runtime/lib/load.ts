// load(chunk [, chunkname [, mode [, env]]]): text chunks compiled by moongate's compiler at run time.

import { compile, LuaSyntaxError, type CompiledScript } from '../../compiler/index.js';
import { chunkFactory, sourceOf, suspendingMetaSeen } from '../chunk.js';
import { call } from '../meta.js';
import { markBuiltin, tostr } from '../ops.js';
import { LFloat, LuaError, LuaTable, LuaValue, Multi, first } from '../value.js';
import { optString, typeError } from './args.js';
import { luaError } from '../error.js';

const LUA_IDSIZE = 60;
const cache = new Map<string, CompiledScript>();
const CACHE_MAX = 500;

/** How Lua shows a chunk name in messages (luaO_chunkid). */
export function chunkId(name: string): string {
  if (name.startsWith('=')) return name.slice(1, LUA_IDSIZE);
  if (name.startsWith('@')) {
    const f = name.slice(1);
    return f.length <= LUA_IDSIZE - 1 ? f : '...' + f.slice(f.length - (LUA_IDSIZE - 4));
  }
  const nl = name.indexOf('\n');
  const max = LUA_IDSIZE - '[string "..."]'.length - 1;
  let src = nl >= 0 ? name.slice(0, nl) : name;
  if (nl < 0 && src.length <= max) return `[string "${src}"]`;
  if (src.length > max) src = src.slice(0, max);
  return `[string "${src}..."]`;
}

function compileCached(source: string, chunkName: string): CompiledScript {
  const allSuspend = suspendingMetaSeen.on;
  const key = (allSuspend ? 'G' : 'P') + chunkName + '\0' + source;
  let s = cache.get(key);
  if (s === undefined) {
    s = compile(source, { chunkName, skipShebang: false, allSuspend });
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, s);
  }
  return s;
}

export function makeLoad(G: LuaTable): (...args: LuaValue[]) => LuaValue {
  return markBuiltin((...args: LuaValue[]): LuaValue => {
    const [arg, name] = args;
    // a number is taken as its text, as lua_tolstring does
    const chunk = typeof arg === 'number' || typeof arg === 'bigint' || arg instanceof LFloat ? tostr(arg) : arg;
    // luaB_load checks the mode, then the chunk name, then the chunk
    const m = optString(args[2], 3, 'load', 'bt');
    const chunkName = optString(name, 2, 'load', typeof chunk === 'string' ? chunk : '=(load)');
    let source: string;
    if (typeof chunk === 'string') source = chunk;
    else if (typeof chunk === 'function') {
      const parts: string[] = [];
      try {
        for (;;) {
          const piece = first(call(chunk));
          if (piece === undefined || piece === '') break;
          if (typeof piece !== 'string') return new Multi([undefined, 'reader function must return a string']);
          parts.push(piece);
        }
      } catch (e) {
        // an error in the reader is returned, as Lua's load does
        if (e instanceof LuaError) return new Multi([undefined, e.value]);
        throw e;
      }
      source = parts.join('');
    } else return typeError(1, 'load', 'function', chunk, args.length > 0);
    if (source.charCodeAt(0) === 27) {
      if (!m.includes('b')) return new Multi([undefined, `attempt to load a binary chunk (mode is '${m}')`]);
      const dumped = undump(source);
      if (dumped === undefined) return new Multi([undefined, `${chunkId(chunkName)}: bad binary format (not a moongate dump)`]);
      let fscript: CompiledScript;
      try {
        fscript = compileCached(dumped.text, dumped.chunkName);
      } catch (e) {
        if (e instanceof LuaSyntaxError) return new Multi([undefined, e.message]);
        throw e;
      }
      const env = args.length >= 4 ? args[3] : G;
      if (dumped.main) return mainChunk(chunkFactory(fscript)(env), dumped.text, dumped.chunkName);
      return first(call(chunkFactory(fscript)(env)));
    }
    if (!m.includes('t')) return new Multi([undefined, `attempt to load a text chunk (mode is '${m}')`]);
    let script: CompiledScript;
    try {
      script = compileCached(source, chunkId(chunkName));
    } catch (e) {
      if (e instanceof LuaSyntaxError) return new Multi([undefined, e.message]);
      throw e;
    }
    const env = args.length >= 4 ? args[3] : G;
    return mainChunk(chunkFactory(script)(env), source, chunkId(chunkName));
  });
}

export { luaError };

// ---- string.dump: there is no bytecode; a "binary chunk" carries the function's Lua source ----

const DUMP_HEADER = '\x1bLua\x54\x00moongate\x00';

/** Main functions of loaded chunks: string.dump of one carries the whole chunk (a vararg function). */
const mainChunks = new WeakMap<object, { source: string; chunkName: string }>();

function mainChunk(f: LuaValue, source: string, chunkName: string): LuaValue {
  if (typeof f === 'function') mainChunks.set(f, { source, chunkName });
  return f;
}

/** string.dump(f) for a Lua function: its source text, recovered from the directive the compiler put in it. */
export function dumpFunction(f: LuaValue): string | undefined {
  if (typeof f !== 'function') return undefined;
  const main = mainChunks.get(f);
  if (main !== undefined) return `${DUMP_HEADER}${main.chunkName}\x00\x01${main.source}`;
  const g = f.$g ?? f;
  const m = /"\$L:(\w+):(\d+):(\d+)"/.exec(Function.prototype.toString.call(g));
  if (m === null) return undefined;
  const src = sourceOf(m[1]);
  if (src === undefined) return undefined;
  const text = src.source.slice(+m[2], +m[3]);
  // "function name(params) body end" → "function(params) body end" (a method gets its self)
  const open = text.indexOf('(');
  const header = text.slice(0, open);
  const isMethod = header.includes(':');
  const rest = text.slice(open + 1);
  const params = isMethod ? (/^\s*\)/.test(rest) ? 'self' : 'self, ') : '';
  return `${DUMP_HEADER}${src.chunkName}\x00return function(${params}${rest}`;
}

function undump(s: string): { text: string; chunkName: string; main: boolean } | undefined {
  if (!s.startsWith(DUMP_HEADER)) return undefined;
  const body = s.slice(DUMP_HEADER.length);
  const z = body.indexOf('\x00');
  if (z < 0) return undefined;
  // a main chunk's dump marks its source with \x01 (a function's starts with "return function(")
  const main = body.charCodeAt(z + 1) === 1;
  return { chunkName: body.slice(0, z), text: body.slice(z + (main ? 2 : 1)), main };
}
