// `moongate run FILE.lua` (like `lua5.4 FILE.lua`) and `moongate compile FILE.lua`.
//
// The script runs on a worker thread with a 64 MB stack: Lua programs may recurse ~200,000 deep,
// far past the default V8 stack of the main thread. The main thread compiles it meanwhile.
//
// The worker and the compiler are loaded as bundles, one file each (`npm run build` makes them):
// Node's ESM loader spends ~1 ms per module, and the worker's 45 modules were most of its start-up.

import { readFileSync, statSync } from 'node:fs';
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

/**
 * A module of dist/ as `npm run build` bundles it (`<name>.bundle.js`, all its imports in one file),
 * unless the bundle is missing or older than the module (a build by `tsc` alone).
 */
function bundled(name: string): URL {
  const module = new URL(`${name}.js`, import.meta.url);
  const bundle = new URL(`${name}.bundle.js`, import.meta.url);
  const bundleTime = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  return bundleTime !== undefined && bundleTime >= statSync(module).mtimeMs ? bundle : module;
}

async function loadCompiler(): Promise<typeof import('../compiler/index.js')> {
  return import(bundled('../compiler/index').href);
}

export async function runLuaFile(file: string, args: string[] = []): Promise<number> {
  const source = readSource(file);
  if (source === undefined) return 1;
  // the worker boots and loads the runtime while this thread compiles
  const worker = new Worker(bundled('./run-worker'), {
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
  const { compile, LuaSyntaxError } = await loadCompiler();
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
  const { compile, LuaSyntaxError } = await loadCompiler();
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
