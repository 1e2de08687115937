// Worker side of `moongate run`: take the chunk the main thread compiled (while this thread booted), or
// the source when it nests too deep for the main thread's stack; run it, write print output as raw
// bytes, report the exit code.

import { parentPort, workerData } from 'node:worker_threads';
import { compile, LuaSyntaxError, type CompiledScript } from '../compiler/index.js';
import { createInstance, LuaTable } from '../runtime/index.js';
import { writeAll } from './write-all.js';

const { file, args } = workerData as { file: string; args: string[] };

// print output is buffered and written to fd 1 synchronously, byte for byte (also to a slow pipe)
let buf: string[] = [];
let size = 0;
const flush = (): void => {
  if (buf.length === 0) return;
  writeAll(1, buf.join(''));
  buf = [];
  size = 0;
};
const write = (s: string): void => {
  buf.push(s);
  size += s.length;
  if (size > 1 << 16) flush();
};

function main(script: CompiledScript): number {
  const argTable = new LuaTable();
  argTable.set(0, file);
  args.forEach((a, i) => argTable.set(i + 1, Buffer.from(a, 'utf8').toString('latin1')));
  const inst = createInstance(script, { write, getenv: (name) => process.env[name], globals: { arg: argTable }, args: args.map((a) => Buffer.from(a, 'utf8').toString('latin1')) });
  const r = inst.run();
  flush();
  if (r.status === 'error') {
    writeAll(2, `moongate: ${r.message}\n`);
    return 1;
  }
  if (r.status === 'suspended') {
    writeAll(2, `moongate: ${file}: script suspended on '${r.op}', which has no host here\n`);
    return 1;
  }
  return 0;
}

/** The chunk of a source the main thread could not compile (its parser ran out of stack). */
function compileHere(source: string): CompiledScript | undefined {
  try {
    return compile(source, { chunkName: file });
  } catch (e) {
    if (!(e instanceof LuaSyntaxError)) throw e;
    writeAll(2, `moongate: ${e.message}\n`);
    return undefined;
  }
}

parentPort!.once('message', (m: { script: CompiledScript } | { source: string }) => {
  const script = 'script' in m ? m.script : compileHere(m.source);
  parentPort!.postMessage(script === undefined ? 1 : main(script));
});
