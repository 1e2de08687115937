// Piscina worker: compiles Lua source off the main thread. The CompiledScript comes back already
// serialized (v8 format), so the main thread only copies bytes into SQLite and deserializes lazily,
// when the script is first used: a 1 MB script never stalls live traffic at registration.
import { serialize } from 'node:v8';
import { compile, LuaSyntaxError } from '../compiler/index.js';

export interface CompileTask {
  source: string;
  chunkName: string;
}

export type CompileOutcome =
  | { ok: true; blob: Uint8Array; ms: number }
  | { ok: false; error: string; line: number; column: number };

export default function compileTask(task: CompileTask): CompileOutcome {
  const t0 = performance.now();
  try {
    const script = compile(task.source, { chunkName: task.chunkName });
    const blob = serialize(script);
    return { ok: true, blob: new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength), ms: performance.now() - t0 };
  } catch (e) {
    if (e instanceof LuaSyntaxError) {
      return { ok: false, error: e.message, line: e.line, column: e.column };
    }
    throw e;
  }
}
