// Turning a compiled chunk (JavaScript text) into a Lua function bound to an _ENV table.

import type { CompiledScript } from '../compiler/index.js';
import { FUNCTION_HEADER_LINES, chunkSourceURL, registerChunk } from './error.js';
import { RT, RT_NAMES } from './helpers.js';
import { LFloat, LuaTable, LuaValue } from './value.js';
import { hashSource } from '../compiler/emit.js';

/** Sources of loaded chunks by hash (for string.dump), with their chunk names. */
const sources = new Map<string, { source: string; chunkName: string }>();

function rememberSource(source: string, chunkName: string): void {
  sources.set(hashSource(source), { source, chunkName });
}

export function sourceOf(hash: string): { source: string; chunkName: string } | undefined {
  return sources.get(hash);
}

export type ChunkFactory = (env: LuaTable) => LuaValue;

/** Set once a chunk whose metamethods may suspend has run: `load` then compiles chunks as generators. */
export const suspendingMetaSeen = { on: false };

const factories = new WeakMap<CompiledScript, ChunkFactory>();

/** Evaluate the chunk's JavaScript once per CompiledScript; each call of the factory makes a fresh main function. */
export function chunkFactory(script: CompiledScript): ChunkFactory {
  let f = factories.get(script);
  if (f !== undefined) return f;
  if (script.source !== undefined) rememberSource(script.source, script.chunkName);
  if (script.suspendingMeta) suspendingMetaSeen.on = true;
  const id = registerChunk({
    name: script.chunkName,
    sites: new Map(script.sites),
    lines: new Map(script.lines),
    lineOffset: FUNCTION_HEADER_LINES + 1,
  });
  const consts = script.constants.map(([name, v]) => `${name} = new rt.LFloat(${Object.is(v, -0) ? '-0' : v})`);
  const header = `"use strict"; const {${RT_NAMES.join(', ')}} = rt;${consts.length ? ` const ${consts.join(', ')};` : ''}`;
  const body = `${header}\n${script.js}\n//# sourceURL=${chunkSourceURL(id)}`;
  f = new Function('rt', body)({ ...RT, LFloat }) as ChunkFactory;
  factories.set(script, f);
  return f;
}
