// Run a Lua program through moongate the way the differential tests compare it with real Lua.

import { compile, LuaSyntaxError } from '../../compiler/index.js';
import { createInstance } from '../../runtime/index.js';

export interface RunOutcome {
  stdout: string;
  error: string | null;
}

export function runMoongate(source: string, chunkName: string, cpuLimitMs = 20000): RunOutcome {
  let stdout = '';
  try {
    const script = compile(source, { chunkName });
    const inst = createInstance(script, { print: (line) => (stdout += line + '\n'), cpuLimitMs });
    const r = inst.run();
    if (r.status === 'error') return { stdout, error: r.message };
    if (r.status === 'suspended') return { stdout, error: `suspended on ${r.op}` };
    return { stdout, error: null };
  } catch (e) {
    if (e instanceof LuaSyntaxError) return { stdout, error: e.message };
    return { stdout, error: `internal error: ${(e as Error)?.stack ?? e}` };
  }
}
