// Error positions: which Lua chunk and line a JS stack frame belongs to.
//
// Compiled chunks carry a `//# sourceURL=lua-chunk:<id>` so their frames are recognisable in V8 stack
// traces. Each chunk registers a site table: for the generated (line, column) of every call and operator
// helper call, the Lua line and a description of the operands ("local 'x'", "field 'y'"). Positions are
// derived only when an error is raised, so the hot path pays nothing for them.

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
    out.push({ chunk, site, line: site?.line ?? chunk.lines.get(gl) ?? 0 });
  }
  return out;
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

/** "chunk:line:" of the Lua function `level` frames up (1 = innermost Lua frame), or "". */
export function where(level: number, stack = captureStack()): string {
  const frames = luaFrames(stack);
  const f = frames[level - 1];
  return f === undefined ? '' : `${f.chunk.name}:${f.line}: `;
}

/** Raise a Lua error with a string message positioned at the innermost Lua frame (luaL_error). */
export function luaError(msg: string, level = 1): never {
  throw new LuaError(where(level) + msg);
}

/**
 * Raise a runtime fault from an operator or call helper: the message gets the position and, when the
 * compiler knew it, the name of the culprit operand: "x.lua:3: attempt to index a nil value (local 't')".
 */
export function fault(msg: string, operand = 0): never {
  const frames = luaFrames(captureStack());
  const f = frames[0];
  if (f === undefined) throw new LuaError(msg);
  const d = f.site?.desc?.[operand];
  throw new LuaError(`${f.chunk.name}:${f.line}: ${msg}${d ? ` (${d})` : ''}`);
}

/** "bad argument #n to 'fname' (msg)" */
export function argError(n: number, fname: string, msg: string): never {
  return luaError(`bad argument #${n} to '${fname}' (${msg})`);
}

export function typeName(v: LuaValue): string {
  // __name is honoured by the library's own messages (see lib/base.ts); plain type here
  return type(v);
}

/** Convert anything thrown by JS while running Lua code into a LuaError (stack overflow, internal bugs). */
export function toLuaError(e: unknown): LuaError | unknown {
  if (e instanceof LuaError) return e;
  if (e instanceof RangeError && /call stack/.test(e.message)) {
    return new LuaError(where(1, e.stack) + 'stack overflow');
  }
  return e;
}
