// Compile-speed benchmark (benchmark.js): how fast moongate compiles Lua to JS.
//
//   node dist/bench/compile.js [--only compile-1000,fib] [--max-time SEC]
//                              [--no-reference] [--markdown FILE] [--lua-dir DIR]
//
// Inputs: bench/lua/compile-1000.lua (a ~1,000-line generated script with a
// realistic mix of functions, loops, tables, closures, metatables and string
// ops) and every other bench/lua/*.lua program. For each input it reports
// mean ms per compile (± relative margin of error), KB of Lua source per second
// and, normalised, ms per 1,000 lines; then the median main-thread CPU time of
// 21 more compiles (wall time on a shared machine counts other processes' turns;
// the thread's own CPU time does not). As a reference point, fengari's
// luaL_loadbuffer (Lua parser + bytecode generator, in JS) is measured on the
// same inputs (disable with --no-reference).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLuaDir } from './lua-dir.js';

interface Options {
  only: string[] | null;
  maxTime: number;
  reference: boolean;
  markdown: string | null;
  luaDir: string | null;
}

interface Input {
  name: string;
  source: string;
  bytes: number;
  lines: number;
}

interface Row {
  input: Input;
  engine: string;
  meanMs: number;
  rme: number;
  samples: number;
  /** median main-thread CPU time per compile (ms): robust where other processes share the cores */
  cpuMs: number;
  error?: string;
}

/** CPU time of the calling thread in ms (Linux schedstat; elsewhere the process's user+system time). */
function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

function medianCpuMs(fn: () => void, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = threadCpuMs();
    fn();
    t.push(threadCpuMs() - c);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(runs / 2)]!;
}

async function importAny(spec: string): Promise<any> {
  return import(spec);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { only: null, maxTime: 5, reference: true, markdown: null, luaDir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const key = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const val = (): string => {
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`missing value for ${a}`);
      return v;
    };
    switch (key) {
      case '--only':
        o.only = val()
          .split(',')
          .map((s) => s.trim().replace(/\.lua$/, ''))
          .filter(Boolean);
        break;
      case '--max-time':
        o.maxTime = Math.max(0.05, Number(val()) || 5);
        break;
      case '--no-reference':
        o.reference = false;
        break;
      case '--markdown':
        o.markdown = val();
        break;
      case '--lua-dir':
        o.luaDir = val();
        break;
      case '--help':
      case '-h':
        console.log(
          'usage: node dist/bench/compile.js [--only a,b] [--max-time SEC (default 5, as benchmark.js)] [--no-reference] [--markdown FILE] [--lua-dir DIR]',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${a} (try --help)`);
    }
  }
  return o;
}

function loadInputs(luaDir: string, only: string[] | null): Input[] {
  const names = readdirSync(luaDir)
    .filter((f) => f.endsWith('.lua') && !f.startsWith('_'))
    .map((f) => f.slice(0, -4))
    .sort((a, b) => (a === 'compile-1000' ? -1 : b === 'compile-1000' ? 1 : a.localeCompare(b)));
  const selected = only ? names.filter((n) => only.includes(n)) : names;
  if (only) {
    const unknown = only.filter((n) => !names.includes(n));
    if (unknown.length) throw new Error(`unknown input(s): ${unknown.join(', ')}`);
  }
  return selected.map((name) => {
    const source = readFileSync(join(luaDir, `${name}.lua`), 'utf8');
    return { name, source, bytes: Buffer.byteLength(source), lines: source.split('\n').length - (source.endsWith('\n') ? 1 : 0) };
  });
}

type CompileFn = (input: Input) => unknown;

async function moongateCompiler(): Promise<CompileFn | string> {
  try {
    const mod = (await importAny(new URL('../compiler/index.js', import.meta.url).href)) as {
      compile(source: string, opts: { chunkName: string }): unknown;
    };
    if (typeof mod.compile !== 'function') return 'compiler/index.js has no compile() export';
    return (input) => mod.compile(input.source, { chunkName: `${input.name}.lua` });
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0]! : String(e);
  }
}

async function fengariCompiler(): Promise<CompileFn | string> {
  try {
    const mod = await importAny('fengari');
    const f = mod.default ?? mod;
    const { lua, lauxlib, to_luastring } = f;
    const L = lauxlib.luaL_newstate();
    const cache = new Map<string, Uint8Array>();
    return (input) => {
      let code = cache.get(input.name);
      if (!code) {
        code = to_luastring(input.source) as Uint8Array;
        cache.set(input.name, code);
      }
      const st = lauxlib.luaL_loadbuffer(L, code, null, to_luastring(`@${input.name}.lua`));
      if (st !== lua.LUA_OK) throw new Error('fengari load failed');
      lua.lua_settop(L, 0);
      return st;
    };
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0]! : String(e);
  }
}

function runSuite(Benchmark: any, engine: string, fn: CompileFn, inputs: Input[], maxTime: number): Row[] {
  const rows: Row[] = [];
  const suite = new Benchmark.Suite(`compile:${engine}`);
  let sink: unknown;
  for (const input of inputs) {
    // verify once outside the timed loop (errors are reported, not timed)
    try {
      sink = fn(input);
    } catch (e) {
      rows.push({ input, engine, meanMs: NaN, rme: NaN, samples: 0, cpuMs: NaN, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
      continue;
    }
    suite.add(input.name, () => {
      sink = fn(input);
    }, { maxTime, minSamples: 5 });
  }
  suite.on('cycle', (event: any) => {
    const b = event.target;
    const input = inputs.find((i) => i.name === b.name)!;
    if (b.error) {
      rows.push({ input, engine, meanMs: NaN, rme: NaN, samples: 0, cpuMs: NaN, error: String(b.error?.message ?? b.error) });
    } else {
      const cpuMs = medianCpuMs(() => fn(input), 21);
      rows.push({ input, engine, meanMs: b.stats.mean * 1000, rme: b.stats.rme, samples: b.stats.sample.length, cpuMs });
    }
    process.stderr.write(`${engine.padEnd(9)} ${String(b)}\n`);
  });
  suite.run({ async: false });
  void sink;
  return rows;
}

function fmt(n: number, digits = 2): string {
  return isFinite(n) ? n.toFixed(digits) : '–';
}

/** milliseconds with ~4 significant digits (compiles can take µs or many ms) */
function fmtMs(n: number): string {
  if (!isFinite(n)) return '–';
  return n >= 100 ? n.toFixed(1) : n.toPrecision(4);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const luaDir = findLuaDir(opts.luaDir, 'compile-1000.lua');
  const inputs = loadInputs(luaDir, opts.only);
  const bm = await importAny('benchmark');
  const Benchmark = bm.default ?? bm;

  const engines: { name: string; fn: CompileFn }[] = [];
  const notes: string[] = [];
  const mg = await moongateCompiler();
  if (typeof mg === 'string') notes.push(`- moongate compiler unavailable: ${mg}`);
  else engines.push({ name: 'moongate', fn: mg });
  if (opts.reference) {
    const fg = await fengariCompiler();
    if (typeof fg === 'string') notes.push(`- fengari unavailable: ${fg}`);
    else engines.push({ name: 'fengari', fn: fg });
  }
  if (engines.length === 0) throw new Error('nothing to benchmark:\n' + notes.join('\n'));

  const rows: Row[] = [];
  for (const e of engines) rows.push(...runSuite(Benchmark, e.name, e.fn, inputs, opts.maxTime));

  const cs = cpus();
  const out: string[] = [];
  out.push('# moongate compile speed', '');
  out.push(`- date: ${new Date().toISOString()}`);
  out.push(`- machine: ${cs[0]?.model ?? 'unknown CPU'} × ${cs.length} (nproc ${cs.length}), ${process.platform}/${process.arch}`);
  out.push(`- node: ${process.version}, benchmark.js ${Benchmark.version ?? ''}, max ${opts.maxTime}s per case`);
  out.push('- fengari = luaL_loadbuffer (parse + bytecode) as a reference, not Lua→JS', ...notes, '');
  out.push('| input | lines | KB | engine | ms/compile | ± | KB/s | ms per 1,000 lines | CPU ms/compile | CPU ms per 1,000 lines |');
  out.push('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const input of inputs) {
    for (const e of engines) {
      const r = rows.find((x) => x.input === input && x.engine === e.name);
      if (!r) continue;
      if (r.error) {
        out.push(`| ${input.name} | ${input.lines} | ${fmt(input.bytes / 1024, 1)} | ${e.name} | error: ${r.error} | | | | | |`);
        continue;
      }
      const kbps = input.bytes / 1024 / (r.meanMs / 1000);
      const per1000 = (r.meanMs * 1000) / input.lines;
      out.push(
        `| ${input.name} | ${input.lines} | ${fmt(input.bytes / 1024, 1)} | ${e.name} | ${fmtMs(r.meanMs)} | ${fmt(r.rme, 1)}% | ${fmt(kbps, 0)} | ${fmtMs(per1000)} | ${fmtMs(r.cpuMs)} | ${fmtMs((r.cpuMs * 1000) / input.lines)} |`,
      );
    }
  }
  // Totals per engine: all inputs compiled once.
  out.push('');
  for (const e of engines) {
    const ok = rows.filter((r) => r.engine === e.name && !r.error);
    const ms = ok.reduce((s, r) => s + r.meanMs, 0);
    const kb = ok.reduce((s, r) => s + r.input.bytes, 0) / 1024;
    const lines = ok.reduce((s, r) => s + r.input.lines, 0);
    const cpu = ok.reduce((s, r) => s + r.cpuMs, 0);
    out.push(
      `- ${e.name}: all ${ok.length} inputs (${lines} lines, ${fmt(kb, 1)} KB) in ${fmtMs(ms)} ms → ${fmt(kb / (ms / 1000), 0)} KB/s, ${fmtMs((ms * 1000) / lines)} ms per 1,000 lines; main-thread CPU ${fmtMs(cpu)} ms → ${fmtMs((cpu * 1000) / lines)} ms per 1,000 lines`,
    );
  }
  const text = out.join('\n');
  console.log(text);
  if (opts.markdown) writeFileSync(opts.markdown, text + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
