// Error positions: which Lua chunk and line a JS stack frame belongs to.
//
// Compiled chunks carry a `//# sourceURL=lua-chunk:<id>` so their frames are recognisable in V8 stack
// traces. Each chunk registers a site table: for the generated (line, column) of every call and operator
// helper call, the Lua line and a description of the operands ("local 'x'", "field 'y'"). Positions are
// derived only when an error is raised, so the hot path pays nothing for them.

import { frameLib } from './frame-module.js';
import { LuaError, LuaValue, type } from './value.js';

export interface Site {
  line: number;
  /** Operand descriptions, e.g. ["local 'x'"] or [undefined, "field 'y'"]; index = operand that failed. */
  desc?: (string | undefined)[];
}

export interface ChunkInfo {
  name: string;
  /** key = generatedLine * 65536 + generatedColumn (1-based line, 0-based column) */
  sites: Map<number, Site>;
  /** per generated line, the Lua line of the closest site (fallback) */
  lines: Map<number, number>;
  /** lines before the generated code in the evaluated function (header) */
  lineOffset: number;
}

const chunks = new Map<number, ChunkInfo>();
let nextChunkId = 1;

export function registerChunk(info: ChunkInfo): number {
  const id = nextChunkId++;
  chunks.set(id, info);
  return id;
}
export function chunkSourceURL(id: number): string {
  return `lua-chunk:${id}`;
}

export interface Frame {
  chunk: ChunkInfo;
  site: Site | undefined;
  line: number;
}

const FRAME_RE = /lua-chunk:(\d+):(\d+):(\d+)/;

/** The Lua frames of a JS stack, innermost first. Line numbers count the `new Function` header (2 lines). */
export function luaFrames(stack: string | undefined): Frame[] {
  const out: Frame[] = [];
  if (stack === undefined) return out;
  for (const l of stack.split('\n')) {
    const m = FRAME_RE.exec(l);
    if (m === null) continue;
    const chunk = chunks.get(+m[1]);
    if (chunk === undefined) continue;
    const gl = +m[2] - chunk.lineOffset;
    const gc = +m[3] - 1;
    const site = chunk.sites.get(gl * 65536 + gc);
    out.push({ chunk, site, line: site?.line ?? nearestLine(chunk, gl) });
  }
  return out;
}

/** The Lua line of the closest recorded site on this generated line or the lines before it. */
function nearestLine(chunk: ChunkInfo, gl: number): number {
  // a frame stopped at a function's entry (stack overflow) sits just before the function's first site
  for (let d = 0; d < 200; d++) {
    const v = chunk.lines.get(gl + d);
    if (v !== undefined) return v;
  }
  for (let l = gl - 1; l > 0 && gl - l < 200; l--) {
    const v = chunk.lines.get(l);
    if (v !== undefined) return v;
  }
  return 0;
}

/** `new Function(body)` puts two lines of header before the body. */
export const FUNCTION_HEADER_LINES = 2;

export function captureStack(skip?: Function): string | undefined {
  const holder: { stack?: string } = {};
  const old = Error.stackTraceLimit;
  Error.stackTraceLimit = 80;
  Error.captureStackTrace(holder, skip);
  Error.stackTraceLimit = old;
  return holder.stack;
}

/**
 * The activations (function calls) visible in a JS stack, innermost first: Lua frames of compiled
 * chunks, and built-ins (frames in runtime/lib). Two built-ins are separate activations when a
 * call helper (call/callG/callMeta) stands between them, as when pcall calls select.
 */
export type Activation = { lua: true; frame: Frame } | { lua: false; file: string };

// these function names must stay unique among the modules of `moongate run`'s bundle: esbuild renames a
// top-level name that collides with another module's (the CLI tests would see positions go wrong)
const CALL_RE = /^\s*at (?:call|callG|callMeta|genOf|plainGen|runSync) \(/;

export function activations(stack: string | undefined): Activation[] {
  const out: Activation[] = [];
  if (stack === undefined) return out;
  let separated = true;
  for (const l of stack.split('\n')) {
    const m = FRAME_RE.exec(l);
    if (m !== null) {
      const chunk = chunks.get(+m[1]);
      if (chunk === undefined) continue;
      const gl = +m[2] - chunk.lineOffset;
      const site = chunk.sites.get(gl * 65536 + (+m[3] - 1));
      out.push({ lua: true, frame: { chunk, site, line: site?.line ?? nearestLine(chunk, gl) } });
      separated = true;
      continue;
    }
    if (CALL_RE.test(l)) {
      separated = true;
      continue;
    }
    const lib = frameLib(l);
    if (lib !== undefined) {
      if (lib === 'args') continue;
      if (separated || out.length === 0 || out[out.length - 1].lua) out.push({ lua: false, file: lib });
      separated = false;
    }
  }
  return out;
}

/**
 * luaL_where: "chunk:line: " of the function `level` activations up from the running built-in
 * (1 = its caller), or "" when that is a built-in. When the error comes from a runtime helper called
 * directly by Lua code (no built-in running), level 1 is that Lua function.
 */
export function where(level: number, stack = captureStack()): string {
  const acts = activations(stack);
  const a = acts.length > 0 && !acts[0].lua ? acts[level] : acts[level - 1];
  if (a === undefined || !a.lua) return '';
  return `${a.frame.chunk.name}:${a.frame.line}: `;
}

/** Whether the running built-in was called from another built-in rather than from Lua code. */
export function calledFromBuiltin(stack: string | undefined): { fromBuiltin: boolean; lib: string | undefined } {
  const acts = activations(stack);
  if (acts.length === 0 || acts[0].lua) return { fromBuiltin: false, lib: undefined };
  const caller = acts[1];
  return { fromBuiltin: caller !== undefined && !caller.lua, lib: acts[0].file };
}

/** Raise a Lua error with a string message positioned at the caller (luaL_error). */
export function luaError(msg: string, level = 1): never {
  throw new LuaError(where(level) + msg);
}

const QUALIFIER: Record<string, string> = { format: 'string.', lpattern: 'string.', pack: 'string.', string: 'string.', table: 'table.', math: 'math.', utf8: 'utf8.', os: 'os.', coroutine: 'coroutine.', json: 'json.' };

/**
 * Raise a runtime fault from an operator or call helper: the message gets the position and, when the
 * compiler knew it, the name of the culprit operand: "x.lua:3: attempt to index a nil value (local 't')".
 */
const NO_INT_REP = 'number has no integer representation';
export function fault(msg: string, operand = 0): never {
  const frames = luaFrames(captureStack());
  const f = frames[0];
  if (f === undefined) throw new LuaError(msg);
  let d = operand < 0 ? undefined : f.site?.desc?.[operand];
  // Lua formats a string constant's name with %s: it ends at an embedded zero
  if (d !== undefined && d.startsWith("constant '") && d.includes('\0')) d = d.slice(0, d.indexOf('\0')) + "'";
  // luaG_tointerror: "number (local 'x') has no integer representation"
  if (d && msg === NO_INT_REP) throw new LuaError(`${f.chunk.name}:${f.line}: number (${d}) has no integer representation`);
  throw new LuaError(`${f.chunk.name}:${f.line}: ${msg}${d ? ` (${d})` : ''}`);
}

/** "bad argument #n to 'fname' (msg)" */
export function argError(n: number, fname: string, msg: string): never {
  // Lua names the function as the call site does ('rep' for s:rep(), 'f' for a local alias); called
  // from another built-in (pcall), by its global path ('string.format'). A method call's self is
  // argument 0: "calling 'rep' on bad self".
  const stack = captureStack();
  const acts = activations(stack);
  let name = fname;
  if (acts.length > 1 && !acts[0].lua) {
    const caller = acts[1];
    if (!caller.lua) {
      const q = QUALIFIER[acts[0].file];
      if (q !== undefined && !fname.includes('.')) name = q + fname;
    } else {
      const event = vmEvent(stack);
      const m = event !== undefined ? null : /^(global|local|method|field|upvalue) '(.*)'$/.exec(caller.frame.site?.desc?.[0] ?? '');
      if (event !== undefined) name = event;
      else if (m !== null) {
        name = m[2];
        if (m[1] === 'method') {
          n--;
          if (n === 0) throw new LuaError(where(1, stack) + `calling '${name}' on bad self (${msg})`);
        }
      }
    }
  }
  throw new LuaError(where(1, stack) + `bad argument #${n} to '${name}' (${msg})`);
}

/** The runtime helpers through which Lua code calls a function without a call expression, by Lua's name. */
const EVENT_OF_HELPER: Record<string, string> = {
  index: 'index', indexS: 'index', setindex: 'newindex', setfield: 'newindex',
  add: 'add', sub: 'sub', mul: 'mul', div: 'div', mod: 'mod', pow: 'pow', idiv: 'idiv', unm: 'unm',
  band: 'band', bor: 'bor', bxor: 'bxor', shl: 'shl', shr: 'shr', bnot: 'bnot',
  concat: 'concat', len: 'len', eq: 'eq', lt: 'lt', le: 'le', gt: 'lt', ge: 'le',
  closeVar: 'close', closeTo: 'close', closeAll: 'close', 'ForIter.step': 'for iterator',
};
const HELPER_FRAME_RE = /^\s*at (?:Object\.)?([\w.$]+) \(/;

/**
 * When the running built-in was called by the VM for Lua code (a metamethod, a generic-for iterator, a
 * `__close`) rather than by a call expression, Lua names it by that event: "bad argument #1 to 'index'".
 * The helper frame nearest to the Lua frame tells which.
 */
function vmEvent(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  let inBuiltin = false;
  let event: string | undefined;
  for (const l of stack.split('\n')) {
    if (FRAME_RE.test(l)) return inBuiltin ? event : undefined;
    if (frameLib(l) !== undefined) {
      inBuiltin = true;
      event = undefined;
      continue;
    }
    const m = inBuiltin ? HELPER_FRAME_RE.exec(l) : null;
    if (m !== null && EVENT_OF_HELPER[m[1]] !== undefined) event = EVENT_OF_HELPER[m[1]];
  }
  return undefined;
}

export function typeName(v: LuaValue): string {
  // __name is honoured by the library's own messages (see lib/base.ts); plain type here
  return type(v);
}

/** Convert anything thrown by JS while running Lua code into a LuaError (stack overflow, internal bugs). */
export function toLuaError(e: unknown): LuaError | unknown {
  if (e instanceof LuaError) return e;
  if (e instanceof RangeError) {
    if (/call stack/.test(e.message)) return new LuaError(where(1, e.stack) + 'stack overflow');
    if (/Invalid string length|Array buffer allocation|Invalid array length/.test(e.message)) return new LuaError(where(1, e.stack) + 'not enough memory');
  }
  // a write to a frozen table (json.null, shared by every script)
  if (e instanceof TypeError && /read only property|not extensible/.test(e.message)) {
    return new LuaError(where(1, e.stack) + 'attempt to modify a read-only table');
  }
  return e;
}
