// CPU benchmark suite: runs every bench/lua/*.lua program through moongate,
// wasmoon, fengari and (when installed) native lua5.4 and luajit, and prints a
// markdown table of best-of-N times, ratios and a geometric-mean row.
//
//   node dist/bench/cpu.js [--runs N] [--only fib,n-body] [--runtimes moongate,lua5.4]
//                          [--markdown FILE] [--json FILE] [--warm] [--timeout SEC]
//                          [--lua-dir DIR] [--list]
//
// Timing:
//  * moongate / wasmoon / fengari run in a fresh child process per run
//    (bench/run-one.ts), which times only the program run itself (module
//    loading and Lua compile/parse excluded; moongate's compile time is
//    reported in a separate table). With --warm, each child runs the program
//    N times in-process and the best run is taken (steady-state JIT).
//  * native lua5.4 / luajit: wall time of the whole process minus the best
//    wall time of running an empty script (process start-up baseline).
//  * Every runtime's output is compared with lua5.4's (or, if lua5.4 is not
//    run, with the first runtime that succeeded); a differing output is
//    marked with "✗" in the table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { findLuaDir } from './lua-dir.js';

const RESULT_MARKER = '@@BENCH@@';

/** Programs in table order; other *.lua files found are appended alphabetically. */
const PROGRAM_ORDER = [
  'fib',
  'binary-trees',
  'n-body',
  'spectral-norm',
  'fannkuch-redux',
  'table-heavy',
  'string-build',
  'richards',
  'deltablue',
  'string-gsub',
  'string-format',
];

const ALL_RUNTIMES = ['moongate', 'wasmoon', 'fengari', 'lua5.4', 'luajit'] as const;
type RuntimeName = (typeof ALL_RUNTIMES)[number];
const CHILD_RUNTIMES: ReadonlySet<string> = new Set(['moongate', 'wasmoon', 'fengari']);
const NATIVE_BIN: Record<string, string> = { 'lua5.4': 'lua5.4', luajit: 'luajit' };

interface Options {
  runs: number;
  only: string[] | null;
  runtimes: RuntimeName[];
  markdown: string | null;
  json: string | null;
  warm: boolean;
  timeoutSec: number;
  luaDir: string | null;
  list: boolean;
}

interface Cell {
  ok: boolean;
  /** best run time in ms */
  ms: number;
  /** all measured run times (ms) */
  all: number[];
  /** best CPU time (user + system, all threads) in ms: robust where other work shares the cores */
  cpuMs?: number;
  compileMs?: number;
  loadMs?: number;
  output?: string;
  mismatch?: boolean;
  error?: string;
}

interface ChildResult {
  ok: boolean;
  loadMs: number;
  compileMs: number;
  runMs: number[];
  runCpuMs?: number[];
  output: string[];
  error?: string;
}

function usage(): never {
  console.log(`usage: node dist/bench/cpu.js [options]
  --runs N            best of N runs per program and runtime (default 3)
  --only a,b          only these programs (names without .lua)
  --runtimes a,b      subset of ${ALL_RUNTIMES.join(',')} (default: all available)
  --markdown FILE     also write the report (markdown) to FILE
  --json FILE         also write raw results as JSON to FILE
  --warm              JS runtimes: run N times inside one process, take best
  --timeout SEC       per-process timeout (default 300)
  --lua-dir DIR       directory with the .lua programs (default bench/lua)
  --list              list programs and exit`);
  process.exit(0);
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    runs: 3,
    only: null,
    runtimes: [...ALL_RUNTIMES],
    markdown: null,
    json: null,
    warm: false,
    timeoutSec: 300,
    luaDir: null,
    list: false,
  };
  const split = (v: string | undefined) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
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
      case '--runs':
        o.runs = Math.max(1, parseInt(val(), 10) || 1);
        break;
      case '--only':
        o.only = split(val()).map((s) => s.replace(/\.lua$/, ''));
        break;
      case '--runtimes': {
        const rs = split(val());
        for (const r of rs) {
          if (!(ALL_RUNTIMES as readonly string[]).includes(r)) throw new Error(`unknown runtime "${r}" (known: ${ALL_RUNTIMES.join(', ')})`);
        }
        o.runtimes = rs as RuntimeName[];
        break;
      }
      case '--markdown':
        o.markdown = val();
        break;
      case '--json':
        o.json = val();
        break;
      case '--warm':
        o.warm = true;
        break;
      case '--timeout':
        o.timeoutSec = Math.max(1, Number(val()) || 300);
        break;
      case '--lua-dir':
        o.luaDir = val();
        break;
      case '--list':
        o.list = true;
        break;
      case '--help':
      case '-h':
        usage();
        break;
      default:
        throw new Error(`unknown argument ${a} (try --help)`);
    }
  }
  return o;
}

function listPrograms(luaDir: string): string[] {
  const found = readdirSync(luaDir)
    .filter((f) => f.endsWith('.lua') && !f.startsWith('_') && !f.startsWith('compile-'))
    .map((f) => f.slice(0, -4));
  const ordered = PROGRAM_ORDER.filter((p) => found.includes(p));
  const rest = found.filter((p) => !PROGRAM_ORDER.includes(p)).sort();
  return [...ordered, ...rest];
}

function hasBinary(bin: string): boolean {
  const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

function nativeVersion(bin: string): string {
  const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  return ((r.stdout || r.stderr || '').split('\n')[0] ?? '').trim();
}

function normalizeOutput(s: string): string {
  return s.replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

// ------------------------------------------------------------------ native
let tmpDir: string | null = null;
const baselineCache = new Map<string, { wall: number; cpu: number }>();

/**
 * Run a native interpreter under bash's `time`: wall ms (measured here) and the child's CPU ms
 * (user + system, from the last stderr line, TIMEFORMAT "%3U %3S").
 */
function timedSpawn(bin: string, file: string, timeoutSec: number) {
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%3U %3S"; time "$0" "$1"', bin, file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutSec * 1000,
  });
  const wallMs = performance.now() - t0;
  const lines = (r.stderr || '').trimEnd().split('\n');
  const [user, sys] = (lines.pop() ?? '').split(' ').map(Number);
  const cpuMs = ((user ?? NaN) + (sys ?? NaN)) * 1000;
  return { r, wallMs, cpuMs, stderr: lines.join('\n') };
}

/** Start-up cost of an interpreter (running an empty script): best wall and best CPU ms. */
function nativeBaseline(bin: string, runs: number, timeoutSec: number): { wall: number; cpu: number } {
  const cached = baselineCache.get(bin);
  if (cached !== undefined) return cached;
  tmpDir ??= mkdtempSync(join(tmpdir(), 'moongate-bench-'));
  const empty = join(tmpDir, 'empty.lua');
  writeFileSync(empty, '\n');
  const best = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < Math.max(5, runs); i++) {
    const t = timedSpawn(bin, empty, timeoutSec);
    best.wall = Math.min(best.wall, t.wallMs);
    best.cpu = Math.min(best.cpu, t.cpuMs);
  }
  baselineCache.set(bin, best);
  return best;
}

function runNative(bin: string, file: string, opts: Options): Cell {
  const base = nativeBaseline(bin, opts.runs, opts.timeoutSec);
  const times: number[] = [];
  const cpu: number[] = [];
  let output: string | undefined;
  for (let i = 0; i < opts.runs; i++) {
    const { r, wallMs, cpuMs, stderr } = timedSpawn(bin, file, opts.timeoutSec);
    if (r.error || r.status !== 0) {
      const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
      return { ok: false, ms: NaN, all: times, error: why };
    }
    output ??= normalizeOutput(r.stdout);
    times.push(Math.max(0, wallMs - base.wall));
    cpu.push(Math.max(0, cpuMs - base.cpu));
  }
  return { ok: true, ms: Math.min(...times), all: times, cpuMs: Math.min(...cpu), output };
}

// ------------------------------------------------------------------ JS runtimes
function childScript(): { script: string; execArgv: string[] } {
  // Sibling of this file, same extension (.js when compiled, .ts under a TS loader).
  const self = fileURLToPath(import.meta.url);
  const ext = self.endsWith('.ts') ? '.ts' : '.js';
  return { script: fileURLToPath(new URL(`./run-one${ext}`, import.meta.url)), execArgv: process.execArgv };
}

function runChildOnce(runtime: string, file: string, repeat: number, opts: Options): ChildResult {
  const { script, execArgv } = childScript();
  const r = spawnSync(process.execPath, [...execArgv, script, runtime, file, '--repeat', String(repeat)], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: opts.timeoutSec * 1000,
  });
  const stdout = r.stdout ?? '';
  const idx = stdout.lastIndexOf(RESULT_MARKER);
  if (idx < 0) {
    const why = r.error
      ? r.error.message
      : `no result (exit ${r.status ?? r.signal}): ${(r.stderr || stdout || '').trim().split('\n').slice(-4).join(' | ')}`;
    return { ok: false, loadMs: 0, compileMs: 0, runMs: [], output: [], error: why };
  }
  const line = stdout.slice(idx + RESULT_MARKER.length).split('\n')[0] ?? '';
  return JSON.parse(line) as ChildResult;
}

function runJs(runtime: string, file: string, opts: Options): Cell {
  const times: number[] = [];
  const cpu: number[] = [];
  const compiles: number[] = [];
  const loads: number[] = [];
  let output: string | undefined;
  const processes = opts.warm ? 1 : opts.runs;
  const repeat = opts.warm ? opts.runs : 1;
  for (let i = 0; i < processes; i++) {
    const res = runChildOnce(runtime, file, repeat, opts);
    if (!res.ok) return { ok: false, ms: NaN, all: times, error: firstLine(res.error ?? 'failed') };
    times.push(...res.runMs);
    cpu.push(...(res.runCpuMs ?? []));
    compiles.push(res.compileMs);
    loads.push(res.loadMs);
    output ??= normalizeOutput(res.output.join('\n'));
  }
  return {
    ok: true,
    ms: Math.min(...times),
    all: times,
    cpuMs: cpu.length ? Math.min(...cpu) : undefined,
    compileMs: Math.min(...compiles),
    loadMs: Math.min(...loads),
    output,
  };
}

function firstLine(s: string): string {
  const l = s.split('\n').find((x) => x.trim() !== '') ?? s;
  return l.length > 160 ? l.slice(0, 157) + '...' : l;
}

// ------------------------------------------------------------------ report
function fmtMs(c: Cell | undefined): string {
  if (!c) return '–';
  if (!c.ok) return 'error';
  const t = c.ms >= 100 ? c.ms.toFixed(0) : c.ms >= 10 ? c.ms.toFixed(1) : c.ms.toFixed(2);
  return `${t}${c.mismatch ? ' ✗' : ''}`;
}

function ratio(a: Cell | undefined, b: Cell | undefined): number | null {
  if (!a || !b || !a.ok || !b.ok || a.mismatch || !(b.ms > 0)) return null;
  return a.ms / b.ms;
}

function fmtRatio(r: number | null): string {
  if (r === null || !isFinite(r)) return '–';
  return r >= 10 ? `${r.toFixed(1)}×` : r >= 0.1 ? `${r.toFixed(2)}×` : `${r.toFixed(3)}×`;
}

function geomean(xs: number[]): number | null {
  const v = xs.filter((x) => x > 0 && isFinite(x));
  if (v.length === 0) return null;
  return Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length);
}

/**
 * The same runs in CPU time (user + system of all the process's threads, JIT and GC included): on a
 * machine shared with other work, wall times include waiting for a core and CPU times do not.
 */
function cpuTable(programs: string[], runtimes: RuntimeName[], results: Map<string, Map<RuntimeName, Cell>>): string[] {
  const cols = runtimes.filter((r) => programs.some((p) => results.get(p)!.get(r)?.cpuMs !== undefined));
  if (!cols.includes('moongate')) return [];
  const others = (['lua5.4', 'luajit'] as RuntimeName[]).filter((r) => cols.includes(r));
  const cpuRatio = (p: string, other: RuntimeName): number | null => {
    const a = results.get(p)!.get('moongate'), b = results.get(p)!.get(other);
    if (!a?.ok || !b?.ok || a.mismatch || a.cpuMs === undefined || !(b.cpuMs! > 0)) return null;
    return a.cpuMs / b.cpuMs!;
  };
  const header = ['program', ...cols.map((r) => `${r} CPU ms`), ...others.map((o) => `moongate/${o} CPU`)];
  const out = ['### CPU time (user + system, all threads)', '', '| ' + header.join(' | ') + ' |', '|' + header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|') + '|'];
  for (const p of programs) {
    const row = results.get(p)!;
    const cells = [p, ...cols.map((r) => (row.get(r)?.cpuMs === undefined ? '–' : row.get(r)!.cpuMs!.toFixed(0)))];
    for (const o of others) cells.push(fmtRatio(cpuRatio(p, o)));
    out.push('| ' + cells.join(' | ') + ' |');
  }
  const gm = ['**geomean**', ...cols.map(() => ''), ...others.map((o) => `**${fmtRatio(geomean(programs.map((p) => cpuRatio(p, o)).filter((x): x is number => x !== null)))}**`)];
  out.push('| ' + gm.join(' | ') + ' |');
  return out;
}

function machineInfo(): string[] {
  const cs = cpus();
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cs[0]?.model ?? 'unknown CPU'} × ${cs.length} (nproc ${cs.length}), ${process.platform}/${process.arch}`,
    `- node: ${process.version}`,
  ];
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const luaDir = findLuaDir(opts.luaDir, 'fib.lua');
  let programs = listPrograms(luaDir);
  if (opts.list) {
    console.log(programs.join('\n'));
    return;
  }
  if (opts.only) {
    const unknown = opts.only.filter((p) => !programs.includes(p));
    if (unknown.length) throw new Error(`unknown program(s): ${unknown.join(', ')} (have: ${programs.join(', ')})`);
    programs = programs.filter((p) => opts.only!.includes(p));
  }

  const runtimes: RuntimeName[] = [];
  const notes: string[] = [];
  // canonical column order, whatever order --runtimes used
  const requested = ALL_RUNTIMES.filter((r) => opts.runtimes.includes(r));
  for (const rt of requested) {
    const bin = NATIVE_BIN[rt];
    if (bin) {
      if (hasBinary(bin)) {
        runtimes.push(rt);
        notes.push(`- ${rt}: ${nativeVersion(bin)} (process wall and CPU time minus an empty script's: ${nativeBaseline(bin, opts.runs, opts.timeoutSec).wall.toFixed(1)} ms wall, ${nativeBaseline(bin, opts.runs, opts.timeoutSec).cpu.toFixed(1)} ms CPU)`);
      } else {
        notes.push(`- ${rt}: not installed, skipped`);
      }
    } else {
      runtimes.push(rt);
    }
  }
  const reference: RuntimeName | null = runtimes.includes('lua5.4') ? 'lua5.4' : null;

  const results = new Map<string, Map<RuntimeName, Cell>>();
  for (const prog of programs) {
    const file = join(luaDir, `${prog}.lua`);
    const row = new Map<RuntimeName, Cell>();
    results.set(prog, row);
    for (const rt of runtimes) {
      process.stderr.write(`${prog.padEnd(16)} ${rt.padEnd(9)} ... `);
      const cell = CHILD_RUNTIMES.has(rt) ? runJs(rt, file, opts) : runNative(NATIVE_BIN[rt]!, file, opts);
      row.set(rt, cell);
      process.stderr.write(cell.ok ? `${cell.ms.toFixed(1)} ms\n` : `error: ${cell.error}\n`);
    }
    // Output check against lua5.4 (or the first runtime that succeeded).
    const refCell = reference && row.get(reference)?.ok ? row.get(reference) : [...row.values()].find((c) => c.ok);
    for (const c of row.values()) {
      if (c.ok && refCell && c !== refCell && c.output !== refCell.output) c.mismatch = true;
    }
  }

  // ---- table
  const has = (r: RuntimeName) => runtimes.includes(r);
  const ratioCols: { label: string; other: RuntimeName }[] = [];
  if (has('moongate')) {
    for (const other of ['lua5.4', 'luajit', 'fengari', 'wasmoon'] as RuntimeName[]) {
      if (has(other)) ratioCols.push({ label: `moongate/${other}`, other });
    }
  }
  const header = ['program', ...runtimes.map((r) => `${r} ms`), ...ratioCols.map((c) => c.label)];
  const lines: string[] = [];
  lines.push('| ' + header.join(' | ') + ' |');
  lines.push('|' + header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|') + '|');
  for (const prog of programs) {
    const row = results.get(prog)!;
    const cells = [prog, ...runtimes.map((r) => fmtMs(row.get(r)))];
    for (const rc of ratioCols) cells.push(fmtRatio(ratio(row.get('moongate'), row.get(rc.other))));
    lines.push('| ' + cells.join(' | ') + ' |');
  }
  // geometric mean row: per runtime over programs where it succeeded (and matched);
  // ratios: geomean of per-program ratios.
  const gm = ['**geomean**'];
  for (const rt of runtimes) {
    const xs = programs.map((p) => results.get(p)!.get(rt)).filter((c): c is Cell => !!c && c.ok && !c.mismatch).map((c) => c.ms);
    const g = geomean(xs);
    gm.push(g === null ? '–' : `**${g >= 100 ? g.toFixed(0) : g.toFixed(1)}**`);
  }
  for (const rc of ratioCols) {
    const rs = programs.map((p) => ratio(results.get(p)!.get('moongate'), results.get(p)!.get(rc.other))).filter((x): x is number => x !== null);
    const g = geomean(rs);
    gm.push(g === null ? '–' : `**${fmtRatio(g)}**`);
  }
  lines.push('| ' + gm.join(' | ') + ' |');

  const report: string[] = [];
  report.push('# moongate CPU benchmarks', '');
  report.push(...machineInfo());
  report.push(
    `- runs: best of ${opts.runs}${opts.warm ? ' (warm: all runs in one process per program)' : ' (fresh process per run)'}; times are run time only, in ms`,
  );
  report.push(...notes, '');
  report.push(...lines, '');
  if (reference) report.push(`✗ = output differs from ${reference}; excluded from geomeans and ratios.`);
  report.push(...cpuTable(programs, runtimes, results), '');
  report.push('moongate/wasmoon/fengari: program run only (runtime loading and Lua compile/parse excluded), fresh child process per run.', '');

  // compile times + errors
  if (has('moongate')) {
    // cold: the first compile/parse in a fresh process (see compile.js for warm throughput)
    const cl = ['| program | moongate compile ms | fengari load ms | wasmoon load ms |', '| --- | ---: | ---: | ---: |'];
    for (const prog of programs) {
      const row = results.get(prog)!;
      const f = (rt: RuntimeName) => {
        const c = row.get(rt);
        return c && c.ok && c.compileMs !== undefined ? c.compileMs.toFixed(2) : '–';
      };
      cl.push(`| ${prog} | ${f('moongate')} | ${f('fengari')} | ${f('wasmoon')} |`);
    }
    report.push('## Compile / parse time (cold: first compile in a fresh process; warm throughput: compile.js)', '', ...cl, '');
  }
  const problems: string[] = [];
  for (const prog of programs) {
    for (const [rt, c] of results.get(prog)!) {
      if (!c.ok) problems.push(`- ${prog} / ${rt}: error: ${c.error}`);
      else if (c.mismatch) problems.push(`- ${prog} / ${rt}: output mismatch, last line: \`${(c.output ?? '').split('\n').pop()}\``);
    }
  }
  if (problems.length) report.push('## Problems', '', ...problems, '');

  const text = report.join('\n');
  console.log(text);
  if (opts.markdown) {
    writeFileSync(opts.markdown, text + '\n');
    process.stderr.write(`wrote ${opts.markdown}\n`);
  }
  if (opts.json) {
    const obj: Record<string, Record<string, Cell>> = {};
    for (const [p, row] of results) obj[p] = Object.fromEntries(row);
    writeFileSync(opts.json, JSON.stringify({ date: new Date().toISOString(), cpu: cpus()[0]?.model, nproc: cpus().length, node: process.version, runs: opts.runs, warm: opts.warm, results: obj }, null, 2));
  }
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
