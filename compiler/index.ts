// The compiler's public face: Lua source → JavaScript text plus the tables that map errors back to Lua.
//   source text → parse (luaparse + 5.4 extras) → resolve (scopes) → analyse (suspension) → emit (ESTree) → codegen (astring)

import { analyseSuspension, DEFAULT_SUSPEND_NAMES } from './analyse.js';
import { generateJs } from './codegen.js';
import { emitChunk } from './emit.js';
import type { SiteInfo } from './estree.js';
import { parse, LuaSyntaxError } from './parse.js';
import { resolve } from './resolve.js';

export { LuaSyntaxError };

export interface CompileOptions {
  /** shown in error messages: "chat.lua:3: ..." */
  chunkName?: string;
  /** names of host built-ins that suspend the script (default: recv, recv_any, yield, load) */
  suspendNames?: string[];
  /** skip a first line starting with '#', as lua does for files (default); `load` does not */
  skipShebang?: boolean;
  /** compile every function as a generator (see analyseSuspension) */
  allSuspend?: boolean;
}

/** A compiled chunk: plain data (structured-cloneable), so it can be produced on a worker thread. */
export interface CompiledScript {
  chunkName: string;
  /** body of the chunk factory: `return function (ENV) { return <main function> }` */
  js: string;
  sites: [number, SiteInfo][];
  lines: [number, number][];
  /** integral float constants: name → value */
  constants: [string, number][];
  /** whether the main function is a generator (the chunk may suspend) */
  suspends: boolean;
  /** whether a metamethod of this chunk may suspend (then chunks it loads compile as generators) */
  suspendingMeta: boolean;
  /** the source (as parsed), for string.dump */
  source: string;
}

/** Source is a byte string (Lua strings are bytes); JS text with chars above 0xFF is taken as UTF-8. */
export function compile(source: string, opts: CompileOptions = {}): CompiledScript {
  const chunkName = opts.chunkName ?? '?';
  if (/[^\x00-\xff]/.test(source)) source = Buffer.from(source, 'utf8').toString('latin1');
  if (source.charCodeAt(0) === 35 && opts.skipShebang !== false) source = '--' + source; // a first line starting with '#' (shebang)
  const parsed = parse(source, chunkName);
  const res = resolve(parsed.ast, parsed.attribs, chunkName, parsed.lines);
  const suspendingMeta = analyseSuspension(res, parsed.source, opts.suspendNames ?? DEFAULT_SUSPEND_NAMES, opts.allSuspend);
  const { program, constants } = emitChunk(res, parsed.source, chunkName);
  const gen = generateJs(program);
  return {
    chunkName,
    js: gen.code,
    sites: [...gen.sites],
    lines: [...gen.lines],
    constants: [...constants],
    suspends: res.main.suspends,
    suspendingMeta,
    source: parsed.source,
  };
}
