// Worker thread that runs Lua programs through moongate (the built dist/), with the big stack
// that deep Lua recursion needs (see test/support/moongate.ts).
import { parentPort } from 'node:worker_threads';
import { compile, LuaSyntaxError } from '../../dist/compiler/index.js';
import { createInstance } from '../../dist/runtime/index.js';

parentPort.on('message', ({ id, source, chunkName, cpuLimitMs }) => {
  let stdout = '';
  let error = null;
  try {
    const script = compile(source, { chunkName });
    const r = createInstance(script, { write: (s) => (stdout += s), cpuLimitMs }).run();
    if (r.status === 'error') error = r.message;
    else if (r.status === 'suspended') error = `suspended on ${r.op}`;
  } catch (e) {
    error = e instanceof LuaSyntaxError ? e.message : `internal error: ${e?.stack ?? e}`;
  }
  parentPort.postMessage({ id, stdout, error });
});
