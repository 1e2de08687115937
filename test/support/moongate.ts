// Run a Lua program through moongate the way the differential tests compare it with real Lua.
//
// Programs run on a worker thread with a 64 MB stack: Lua allows recursion ~200,000 deep and
// unbounded tail calls, far beyond a default V8 stack (see README, "Differences from Lua 5.4").
// The worker runs the built code in dist/ (npm test builds first).

import { Worker } from 'node:worker_threads';

export interface RunOutcome {
  stdout: string;
  error: string | null;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, (r: RunOutcome) => void>();

function getWorker(): Worker {
  if (worker !== undefined) return worker;
  // execArgv: [] keeps tap's TypeScript loader out of the worker: it runs the built JavaScript
  const w = new Worker(new URL('./run-worker.mjs', import.meta.url), { resourceLimits: { stackSizeMb: 64 }, execArgv: [] });
  w.on('message', (m: { id: number } & RunOutcome) => {
    const done = pending.get(m.id);
    pending.delete(m.id);
    done?.({ stdout: m.stdout, error: m.error });
    if (pending.size === 0) w.unref();
  });
  w.on('error', (e) => {
    for (const done of pending.values()) done({ stdout: '', error: `worker died: ${e.message}` });
    pending.clear();
    worker = undefined;
  });
  w.unref();
  worker = w;
  return w;
}

export function runMoongate(source: string, chunkName: string, cpuLimitMs = 20000): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    const w = getWorker();
    w.ref();
    w.postMessage({ id, source, chunkName, cpuLimitMs });
  });
}

export function stopMoongateWorker(): void {
  void worker?.terminate();
  worker = undefined;
}
