// Child-process helper for bench/cpu.ts: runs ONE Lua file under ONE JS-hosted
// runtime (moongate, wasmoon or fengari) and prints a single result line
//
//   @@BENCH@@{"ok":true,"loadMs":..,"compileMs":..,"runMs":[..],"output":[..]}
//
// Usage: node dist/bench/run-one.js <moongate|wasmoon|fengari> <file.lua> [--repeat K]
//
// The runtime's module loading and the Lua compile step are timed separately
// from the run. With --repeat K the (already compiled) program is run K times
// in this process, each time in a fresh Lua state/instance, and every run time
// is reported (used by `cpu.js --warm`). Output printed by the Lua program is
// collected in memory (never written to stdout) so I/O cost is not measured and
// does not get mixed up with the result line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';

export const RESULT_MARKER = '@@BENCH@@';

export interface ChildResult {
  ok: boolean;
  runtime: string;
  /** time to import/instantiate the runtime itself (ms) */
  loadMs: number;
  /** time to compile/parse the Lua source (ms), excluded from runMs */
  compileMs: number;
  /** wall time of each program run (ms) */
  runMs: number[];
  /** CPU time (user + system, all threads: JIT and GC helpers included) of each program run (ms) */
  runCpuMs: number[];
  /** lines printed by the Lua program during the first run */
  output: string[];
  error?: string;
}

// Set by runOnce() to the time of the program run proper (excluding instance
// creation / chunk loading done inside runOnce); falls back to runOnce's time.
let lastRunMs: number | undefined;
let lastRunCpuMs: number | undefined;

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

type Runner = {
  loadMs: number;
  compileMs: number;
  /** runs the compiled program once; returns printed lines */
  runOnce: () => string[];
};

// Dynamic imports with non-literal specifiers so that this file type-checks
// even when a runtime (or moongate itself) is not built/installed yet.
async function importAny(spec: string): Promise<any> {
  return import(spec);
}

function errMsg(e: unknown): string {
  if (e instanceof Error) return e.stack ?? e.message;
  if (e && typeof e === 'object') {
    const o = e as { message?: unknown; value?: unknown };
    if (typeof o.message === 'string') return o.message;
    if (o.value !== undefined) return String(o.value);
  }
  return String(e);
}

// ---------------------------------------------------------------- moongate
interface MoongateCompile {
  compile(source: string, opts: { chunkName: string }): unknown;
}
// run() result: { status: 'done' | 'suspended' | 'error', ... } (current runtime)
// or { done: true, values } (original API sketch) -- both are accepted.
interface MoongateRunResult {
  done?: boolean;
  status?: string;
  values?: unknown[];
  message?: string;
  op?: string;
}
interface MoongateRuntime {
  createInstance(script: unknown, opts: { print: (s: string) => void }): {
    run(): MoongateRunResult;
  };
}

async function moongate(source: string, chunkName: string): Promise<Runner> {
  const t0 = performance.now();
  const compiler = (await importAny(new URL('../compiler/index.js', import.meta.url).href)) as MoongateCompile;
  const runtime = (await importAny(new URL('../runtime/index.js', import.meta.url).href)) as MoongateRuntime;
  const t1 = performance.now();
  const script = compiler.compile(source, { chunkName });
  const t2 = performance.now();
  return {
    loadMs: t1 - t0,
    compileMs: t2 - t1,
    runOnce() {
      const out: string[] = [];
      const inst = runtime.createInstance(script, { print: (s: string) => out.push(s) });
      const r0 = performance.now();
      const cpu0 = cpuNow();
      const r = inst.run();
      lastRunMs = performance.now() - r0;
      lastRunCpuMs = cpuNow() - cpu0;
      if (r && r.status === 'error') throw new Error(`moongate: ${r.message ?? 'error'}`);
      if (r && r.status === 'suspended') throw new Error(`moongate: script suspended (op ${r.op ?? '?'})`);
      if (!r || (r.done !== true && r.status !== 'done')) throw new Error('moongate: run() did not complete');
      return out;
    },
  };
}

// ---------------------------------------------------------------- wasmoon
async function wasmoon(source: string, chunkName: string): Promise<Runner> {
  const t0 = performance.now();
  const mod = await importAny('wasmoon');
  const LuaFactory = mod.LuaFactory ?? mod.default?.LuaFactory;
  const factory = new LuaFactory();
  await factory.getLuaModule();
  const t1 = performance.now();

  // Each run gets a fresh engine; compile time is measured on a throwaway
  // engine (loadString only), the run re-loads (parse cost is tiny) and times
  // just the runSync() call.
  let out: string[] = [];
  const newEngine = async () => {
    const engine = await factory.createEngine({ injectObjects: false, enableProxy: false });
    engine.global.set('__bench_emit', (s: string) => {
      out.push(s);
    });
    // print() in Lua so number->string conversion is Lua's own tostring.
    engine.doStringSync(
      'local emit, select, tostring, concat = __bench_emit, select, tostring, table.concat\n' +
        '__bench_emit = nil\n' +
        'print = function(...) local n = select("#", ...); local t = {...}\n' +
        '  for i = 1, n do t[i] = tostring(t[i]) end\n' +
        '  emit(concat(t, "\\t", 1, n)) end',
    );
    return engine;
  };
  const probe = await newEngine();
  const c0 = performance.now();
  probe.global.loadString(source, chunkName);
  const c1 = performance.now();
  probe.global.close();

  const engines: any[] = [];
  // Engines are created lazily but synchronously-usable: pre-create one per
  // run request via a small pool filled before each run by the caller.
  return {
    loadMs: t1 - t0,
    compileMs: c1 - c0,
    runOnce() {
      const engine = engines.shift();
      if (!engine) throw new Error('wasmoon: no engine prepared');
      out = [];
      engine.global.loadString(source, chunkName);
      const r0 = performance.now();
      const cpu0 = cpuNow();
      engine.global.runSync(0);
      lastRunMs = performance.now() - r0;
      lastRunCpuMs = cpuNow() - cpu0;
      const lines = out;
      engine.global.close();
      return lines;
    },
    // non-standard hook used below
    prepare: async () => {
      engines.push(await newEngine());
    },
  } as Runner & { prepare: () => Promise<void> };
}


// ---------------------------------------------------------------- fengari
async function fengari(source: string, chunkName: string): Promise<Runner> {
  const t0 = performance.now();
  const mod = await importAny('fengari');
  const f = mod.default ?? mod;
  const { lua, lauxlib, lualib, to_luastring, to_jsstring } = f;
  const t1 = performance.now();
  const code = to_luastring(source);
  const name = to_luastring('@' + chunkName);

  let out: string[] = [];
  const newState = () => {
    const L = lauxlib.luaL_newstate();
    lualib.luaL_openlibs(L);
    lua.lua_pushcfunction(L, (Ls: unknown) => {
      const n = lua.lua_gettop(Ls);
      const parts: string[] = [];
      for (let i = 1; i <= n; i++) {
        const s = lauxlib.luaL_tolstring(Ls, i);
        parts.push(to_jsstring(s));
        lua.lua_pop(Ls, 1);
      }
      out.push(parts.join('\t'));
      return 0;
    });
    lua.lua_setglobal(L, to_luastring('print'));
    return L;
  };
  const load = (L: unknown) => {
    const st = lauxlib.luaL_loadbuffer(L, code, null, name);
    if (st !== lua.LUA_OK) throw new Error('fengari: load error: ' + to_jsstring(lua.lua_tostring(L, -1)));
  };
  const probe = newState();
  const c0 = performance.now();
  load(probe);
  const c1 = performance.now();
  return {
    loadMs: t1 - t0,
    compileMs: c1 - c0,
    runOnce() {
      const L = newState();
      load(L);
      out = [];
      const r0 = performance.now();
      const cpu0 = cpuNow();
      const st = lua.lua_pcall(L, 0, 0, 0);
      lastRunMs = performance.now() - r0;
      lastRunCpuMs = cpuNow() - cpu0;
      if (st !== lua.LUA_OK) throw new Error('fengari: runtime error: ' + to_jsstring(lua.lua_tostring(L, -1)));
      return out;
    },
  };
}

// ---------------------------------------------------------------- main
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runtimeName = args[0];
  const file = args[1];
  let repeat = 1;
  const ri = args.indexOf('--repeat');
  if (ri >= 0) repeat = Math.max(1, parseInt(args[ri + 1] ?? '1', 10) || 1);
  const result: ChildResult = { ok: false, runtime: runtimeName ?? '?', loadMs: 0, compileMs: 0, runMs: [], runCpuMs: [], output: [] };
  try {
    if (!runtimeName || !file) throw new Error('usage: run-one.js <moongate|wasmoon|fengari> <file.lua> [--repeat K]');
    const source = readFileSync(file, 'utf8');
    const chunkName = basename(file);
    let runner: Runner & { prepare?: () => Promise<void> };
    if (runtimeName === 'moongate') runner = await moongate(source, chunkName);
    else if (runtimeName === 'wasmoon') runner = await wasmoon(source, chunkName);
    else if (runtimeName === 'fengari') runner = await fengari(source, chunkName);
    else throw new Error(`unknown runtime ${runtimeName}`);
    result.loadMs = runner.loadMs;
    result.compileMs = runner.compileMs;
    for (let i = 0; i < repeat; i++) {
      if (runner.prepare) await runner.prepare();
      lastRunMs = lastRunCpuMs = undefined;
      const t0 = performance.now();
      const cpu0 = cpuNow();
      const lines = runner.runOnce();
      const elapsed = performance.now() - t0;
      const elapsedCpu = cpuNow() - cpu0;
      result.runMs.push(lastRunMs ?? elapsed);
      result.runCpuMs.push(lastRunCpuMs ?? elapsedCpu);
      if (i === 0) result.output = lines;
    }
    result.ok = true;
  } catch (e) {
    result.ok = false;
    result.error = errMsg(e);
  }
  process.stdout.write('\n' + RESULT_MARKER + JSON.stringify(result) + '\n');
}

await main();
