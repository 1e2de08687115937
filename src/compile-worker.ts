// Piscina worker: compiles Lua source off the main thread. The CompiledScript comes back already
// serialized (v8 format), so the main thread only copies bytes into SQLite and deserializes lazily,
// when the script is first used: a 1 MB script never stalls live traffic at registration.
import { serialize } from 'node:v8';
import { compile, LuaSyntaxError } from '../compiler/index.js';
import { forwardsChannels } from './forward-analysis.js';

export interface CompileTask {
  source: string;
  chunkName: string;
}

export type CompileOutcome =
  | { ok: true; blob: Uint8Array; ms: number; forwards: boolean }
  | { ok: false; error: string; line: number; column: number };

export default function compileTask(task: CompileTask): CompileOutcome {
  const t0 = performance.now();
  try {
    const script = compile(task.source, { chunkName: task.chunkName });
    const blob = serialize(script);
    const forwards = forwardsChannels(script.source);
    return { ok: true, blob: new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength), ms: performance.now() - t0, forwards };
  } catch (e) {
    if (e instanceof LuaSyntaxError) {
      return { ok: false, error: e.message, line: e.line, column: e.column };
    }
    throw e;
  }
}

/** The forwarding analysis alone (forward-analysis.ts), for scripts loaded already compiled. */
export function analyseTask(task: { source: string }): boolean {
  let source = task.source;
  if (source.charCodeAt(0) === 35) source = '--' + source; // as compile() reads a first '#' line
  return forwardsChannels(source);
}
