// `moongate run FILE.lua` (like `lua5.4 FILE.lua`) and `moongate compile FILE.lua`.
//
// The script runs on a worker thread with a 64 MB stack: Lua programs may recurse ~200,000 deep,
// far past the default V8 stack of the main thread. The main thread compiles it meanwhile.

import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { writeAll } from './write-all.js';

function readSource(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'latin1');
    // like lua.c (luaL_loadfile): a UTF-8 byte order mark at the start of a file is skipped
    return text.startsWith('\xef\xbb\xbf') ? text.slice(3) : text;
  } catch (e) {
    process.stderr.write(`moongate: cannot open ${file}\n`);
    return undefined;
  }
}

export async function runLuaFile(file: string, args: string[] = []): Promise<number> {
  const source = readSource(file);
  if (source === undefined) return 1;
  // the worker boots and loads the runtime while this thread compiles
  const worker = new Worker(new URL('./run-worker.js', import.meta.url), {
    workerData: { file, args },
    resourceLimits: { stackSizeMb: 64 },
    stdout: false,
    stderr: false,
  });
  const done = new Promise<number>((resolve) => {
    worker.on('message', (code: number) => resolve(code));
    worker.on('error', (e) => {
      process.stderr.write(`moongate: ${e.message}\n`);
      resolve(1);
    });
    worker.on('exit', (code) => resolve(code));
  });
  const { compile, LuaSyntaxError } = await import('../compiler/index.js');
  try {
    worker.postMessage({ script: compile(source, { chunkName: file }) });
  } catch (e) {
    if (e instanceof RangeError) {
      worker.postMessage({ source }); // nested too deep for this thread's stack: the worker's is 64 MB
      return done;
    }
    await worker.terminate();
    if (e instanceof LuaSyntaxError) {
      process.stderr.write(`moongate: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  return done;
}

export async function compileLuaFile(file: string): Promise<number> {
  const source = readSource(file);
  if (source === undefined) return 1;
  const { compile, LuaSyntaxError } = await import('../compiler/index.js');
  try {
    const script = compile(source, { chunkName: file });
    writeAll(1, Buffer.from(script.js + '\n', 'utf8'));
    return 0;
  } catch (e) {
    if (e instanceof LuaSyntaxError) {
      process.stderr.write(`moongate: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
