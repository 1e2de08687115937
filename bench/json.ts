// Micro benchmark of the json library against V8's JSON.parse / JSON.stringify and against lua-cjson in
// native Lua 5.4, on equivalent data.
//
//   npx tsc -p tsconfig.json && node dist/bench/json.js [--time SECONDS] [--rounds N] [--passes P]
//                          [--clock cpu|wall] [--lua BIN] [--results FILE] [--no-results]
//
// Cases: a ~200-byte chat message (the gateway hot path: json.decode of an incoming frame,
// json.encode of msg.data) and a ~100 KB document. Columns (all ops/s, higher is better):
//  * moongate Lua — bench/json/bench.lua compiled by moongate and run in an Instance: json.decode /
//    json.encode called from Lua in a loop timed with os.clock (the script-level cost a gateway script
//    pays, including the Lua call into the library).
//  * moongate JS — jsonToLua / luaToJson called from JS (the same code paths as json.decode / json.encode,
//    on Lua values and byte strings).
//  * V8 JSON — JSON.parse / JSON.stringify on the equivalent plain JS data and JS text.
//  * lua5.4+cjson — the same bench/json/bench.lua run by native `lua5.4` with lua-cjson
//    (apt-get install lua5.4 lua-cjson); skipped, with a note, when not installed.
// Ratios: moongate / cjson and moongate JS / V8 (1.00 = as fast).
//
// Measurement: the whole suite runs P times (--passes, default 3); in each pass every figure is the best
// of N rounds (--rounds, default 4) of SECONDS/N each (--time, default 1) after a warm-up; the reported
// figure is the best over all passes and rounds. Timed with process CPU time: os.clock in the Lua-level
// loops (both runtimes), process.cpuUsage() in the JS-level ones (--clock wall: performance.now()
// instead). CPU time keeps the figures comparable on a shared, busy machine, where wall time mostly
// measures the neighbours. The results are also written, as the section between <!-- json:start -->
// and <!-- json:end -->, into bench/RESULTS.md (other sections untouched; --results FILE elsewhere,
// --no-results not at all).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { compile, type CompiledScript } from '../compiler/index.js';
import { createInstance } from '../runtime/index.js';
import { jsonToLua, luaToJs, luaToJson } from '../runtime/lib/json.js';
import { fromText } from '../runtime/value.js';

const argv = process.argv.slice(2);
function opt(name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
const SECONDS = Number(opt('--time') ?? 1);
const ROUNDS = Math.max(1, Math.floor(Number(opt('--rounds') ?? 4)));
const PASSES = Math.max(1, Math.floor(Number(opt('--passes') ?? 3)));
const LUA_BIN = opt('--lua') ?? 'lua5.4';
const WRITE_RESULTS = !argv.includes('--no-results');

let sink: unknown;

/**
 * The clock of the JS-level loops, in ms. Default: process CPU time (user + system), the same clock as
 * os.clock in moongate's Lua level (and, via clock(3), in native Lua), and robust against a busy,
 * shared machine; --clock wall uses performance.now().
 */
const CLOCK = opt('--clock') ?? 'cpu';
if (CLOCK !== 'cpu' && CLOCK !== 'wall') throw new Error(`--clock must be cpu or wall, not ${CLOCK}`);
const now: () => number =
  CLOCK === 'wall'
    ? () => performance.now()
    : () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      };

/** ops/s of f, best of ROUNDS rounds of SECONDS/ROUNDS each (after a warm-up). */
function measure(f: () => unknown): number {
  const warmEnd = now() + Math.min(200, (SECONDS * 1000) / 5);
  while (now() < warmEnd) for (let i = 0; i < 10; i++) sink = f();
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let ops = 0;
    const t0 = now();
    const end = t0 + (SECONDS * 1000) / ROUNDS;
    let t1 = t0;
    let batch = 1;
    while (t1 < end) {
      for (let i = 0; i < batch; i++) sink = f();
      ops += batch;
      t1 = now();
      if (t1 - t0 < 20) batch *= 2;
    }
    best = Math.max(best, (ops * 1000) / (t1 - t0));
  }
  return best;
}

function fmt(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  if (n >= 1e6) return (n / 1e6).toFixed(2) + 'M';
  if (n >= 1e3) return (n / 1e3).toFixed(1) + 'k';
  return n.toFixed(0);
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || !(b > 0) ? '–' : (a / b).toFixed(2) + '×';
}

// ---------------------------------------------------------------------------------------------------
// Data

const chat = {
  type: 'message',
  room: 'general',
  id: 1712345678123,
  user: { id: 'u_8f3a2c', name: 'Zoë Martín' },
  text: 'Did you see the new release? It fixes the reconnect bug 🎉',
  ts: 1712345678.123,
  mentions: ['alice', 'bob'],
  edited: false,
};

function makeDoc(targetBytes: number): unknown {
  const items: unknown[] = [];
  let i = 0;
  for (;;) {
    items.push({
      id: i,
      sku: `SKU-${100000 + i}`,
      title: `Item number ${i} — a "quoted" name\twith escapes`,
      price: Math.round((i * 7.31) % 1000) / 100 + 0.01,
      qty: (i * 37) % 101,
      tags: ['alpha', 'beta', i % 3 === 0 ? 'gamma' : 'delta'],
      dims: { w: 1.5 + (i % 10), h: 2.25, d: i % 7 },
      active: i % 2 === 0,
      note: i % 5 === 0 ? null : 'ok',
    });
    i++;
    if (i % 50 === 0 && JSON.stringify(items).length >= targetBytes) break;
  }
  return { version: 3, generated: '2024-04-05T12:00:00Z', items };
}

const CASES = [
  { key: 'chat', name: 'chat message', data: chat as unknown },
  { key: 'doc', name: '100 KB document', data: makeDoc(100 * 1024) },
];

interface Row {
  name: string;
  /** moongate, Lua level */
  lua?: number;
  /** moongate, JS level */
  js: number;
  /** JSON.parse / JSON.stringify */
  v8: number;
  /** lua5.4 + lua-cjson */
  cjson?: number;
}
const rows: Row[] = [];
const notes: string[] = [];

// ---------------------------------------------------------------------------------------------------
// Lua level: bench/json/bench.lua under moongate and under native lua5.4 + lua-cjson

function findLuaScript(): string {
  const candidates = [
    fileURLToPath(new URL('../../bench/json/bench.lua', import.meta.url)), // dist/bench/json.js
    fileURLToPath(new URL('./json/bench.lua', import.meta.url)), // bench/json.ts run directly
    resolve(process.cwd(), 'bench/json/bench.lua'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined) throw new Error(`cannot find bench/json/bench.lua (tried ${candidates.join(', ')})`);
  return found;
}

interface LuaResult {
  ops: Map<string, number>;
  bytes: Map<string, number>;
  info: string[];
}

function parseLuaOutput(lines: string[]): LuaResult {
  const r: LuaResult = { ops: new Map(), bytes: new Map(), info: [] };
  for (const line of lines) {
    const m = /^RESULT (\S+) (\S+) (\d+)$/.exec(line.trim());
    if (m) {
      r.ops.set(m[1], Number(m[2]));
      r.bytes.set(m[1], Number(m[3]));
    } else if (line.startsWith('INFO ')) r.info.push(line.slice(5));
  }
  return r;
}

function runMoongateLua(script: CompiledScript): LuaResult {
  const lines: string[] = [];
  const texts = CASES.map((c) => fromText(JSON.stringify(c.data)));
  const inst = createInstance(script, {
    print: (line) => lines.push(line),
    args: [...texts, SECONDS, ROUNDS],
  });
  const res = inst.run();
  if (res.status !== 'done') throw new Error(`moongate bench.lua: ${res.status === 'error' ? res.message : res.status}`);
  return parseLuaOutput(lines);
}

function runCjson(file: string): LuaResult | string {
  const dir = mkdtempSync(join(tmpdir(), 'moongate-json-bench-'));
  try {
    const files = CASES.map((c) => {
      const p = join(dir, `${c.key}.json`);
      writeFileSync(p, JSON.stringify(c.data), 'utf8');
      return p;
    });
    const r = spawnSync(LUA_BIN, [file, ...files, String(SECONDS), String(ROUNDS)], { encoding: 'latin1', timeout: (SECONDS * 8 + 60) * 1000 });
    if (r.error !== undefined || r.status !== 0) return `${LUA_BIN} bench.lua failed: ${r.error?.message ?? r.stderr.trim().split('\n')[0]}`;
    return parseLuaOutput(r.stdout.split('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const luaFile = findLuaScript();
const luaSource = readFileSync(luaFile, 'latin1');
const luaScript = compile(luaSource, { chunkName: 'bench/json/bench.lua' });

// lua5.4 + lua-cjson available? (never fail: skip the column with a note)
const cjsonMissing = ((): string | undefined => {
  const probe = spawnSync(LUA_BIN, ['-e', 'local c = require "cjson"; io.write(c._VERSION or "?")'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `${LUA_BIN} not found (apt-get install lua5.4 lua-cjson)`;
  if (probe.status !== 0) return `lua-cjson not available to ${LUA_BIN} (apt-get install lua-cjson): ${probe.stderr.trim().split('\n')[0]}`;
  return undefined;
})();
if (cjsonMissing !== undefined) {
  console.log(`NOTE: ${cjsonMissing} — the lua5.4+cjson column is skipped.`);
  notes.push(`lua5.4+cjson not measured: ${cjsonMissing}.`);
}
const luaVersion = (() => {
  const r = spawnSync(LUA_BIN, ['-v'], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0 ? r.stdout.trim() : undefined;
})();
let cjsonInfo: string | undefined;

/** The JS-level workloads of one case, and the Lua-level keys they pair with. */
interface Work {
  name: string;
  luaKey?: string;
  js: () => unknown;
  v8: () => unknown;
}
const work: Work[] = [];
for (const c of CASES) {
  const text = JSON.stringify(c.data); // JS text
  const bytes = fromText(text); // the same JSON as a Lua byte string
  const lua = jsonToLua(bytes);
  // sanity: both sides see the same data
  const check = JSON.stringify(luaToJs(lua));
  if (check !== JSON.stringify(JSON.parse(text, (_k, v) => (v === null ? undefined : v)))) throw new Error(`${c.name}: round trip mismatch`);
  const frame = Buffer.from(text, 'utf8');
  work.push(
    { name: `${c.name} decode`, luaKey: `${c.key}_decode`, js: () => jsonToLua(bytes), v8: () => JSON.parse(text) },
    { name: `${c.name} encode`, luaKey: `${c.key}_encode`, js: () => luaToJson(lua), v8: () => JSON.stringify(c.data) },
    // the gateway's full path: UTF-8 frame (Buffer) → Lua value, and Lua value → UTF-8 frame
    { name: `${c.name} decode from Buffer`, js: () => jsonToLua(frame.toString('latin1')), v8: () => JSON.parse(frame.toString('utf8')) },
    { name: `${c.name} encode to Buffer`, js: () => Buffer.from(luaToJson(lua), 'latin1'), v8: () => Buffer.from(JSON.stringify(c.data), 'utf8') },
  );
}
for (const w of work) rows.push({ name: w.name, js: 0, v8: 0 });

const max = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
let mgBytes = new Map<string, number>();
let cjBytes = new Map<string, number>();

// Passes over the whole suite; every figure is the best over all passes (and over the rounds within
// each), so that a noisy stretch on a shared machine spoils one pass, not one column.
for (let pass = 1; pass <= PASSES; pass++) {
  process.stdout.write(`pass ${pass}/${PASSES}: moongate Lua`);
  const mg = runMoongateLua(luaScript);
  mgBytes = mg.bytes;
  let cj: LuaResult | string | undefined;
  if (cjsonMissing === undefined) {
    process.stdout.write(', lua5.4+cjson');
    cj = runCjson(luaFile);
    if (typeof cj === 'string') {
      console.log(`\nNOTE: ${cj}`);
      notes.push(`pass ${pass}: ${cj}.`);
    } else {
      cjBytes = cj.bytes;
      cjsonInfo = cj.info.join('; ');
    }
  }
  process.stdout.write(', JS level');
  work.forEach((w, i) => {
    const r = rows[i];
    if (w.luaKey !== undefined) {
      r.lua = max(r.lua, mg.ops.get(w.luaKey));
      if (cj !== undefined && typeof cj !== 'string') r.cjson = max(r.cjson, cj.ops.get(w.luaKey));
    }
    r.js = Math.max(r.js, measure(w.js));
    r.v8 = Math.max(r.v8, measure(w.v8));
  });
  console.log('');
}

for (const c of CASES) {
  const bytes = fromText(JSON.stringify(c.data));
  const sizes = [`${bytes.length} bytes`, `luaToJson → ${luaToJson(jsonToLua(bytes)).length} bytes (nulls dropped)`];
  const mgEnc = mgBytes.get(`${c.key}_encode`);
  if (mgEnc !== undefined) sizes.push(`Lua-level json.encode (decoded with null = json.null) → ${mgEnc} bytes`);
  const cjEnc = cjBytes.get(`${c.key}_encode`);
  if (cjEnc !== undefined) sizes.push(`cjson.encode → ${cjEnc} bytes`);
  console.log(`${c.name}: ${sizes.join(', ')}`);
  notes.push(`${c.name}: ${sizes.join(', ')}.`);
}
if (cjBytes.size > 0) {
  notes.push(
    'Same workload in both Lua runtimes: decode the text; encode the decoded value (JSON null kept as json.null / cjson.null). ' +
      'cjson.encode writes floats with %.14g (its default encode_number_precision), hence a shorter 100 KB document than the shortest round-trip digits moongate writes; cjson does not validate UTF-8 on encode, moongate does.',
  );
}

// ---------------------------------------------------------------------------------------------------
// Report

const header = ['case', 'moongate Lua', 'moongate JS', 'V8 JSON', 'lua5.4+cjson', 'Lua / cjson', 'JS / cjson', 'JS / V8'];
const table = rows.map((r) => [r.name, fmt(r.lua), fmt(r.js), fmt(r.v8), fmt(r.cjson), ratio(r.lua, r.cjson), ratio(r.js, r.cjson), ratio(r.js, r.v8)]);

const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
console.log('');
console.log('ops/s (higher is better)');
console.log(header.map((h, i) => (i === 0 ? h.padEnd(widths[i]) : h.padStart(widths[i]))).join('  '));
for (const row of table) console.log(row.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  '));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'} (nproc ${availableParallelism()}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`;
console.log('');
console.log(`machine: ${machine}`);
if (luaVersion !== undefined) console.log(`native: ${luaVersion.replace(/\s+Copyright.*$/, '')}${cjsonInfo ? ` (${cjsonInfo})` : ''}`);

if (WRITE_RESULTS) {
  const date = new Date();
  const stamp = date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const md: string[] = [];
  md.push('<!-- json:start -->');
  md.push('## JSON');
  md.push('');
  md.push(
    `Run ${stamp} on ${machine}` +
      (luaVersion !== undefined && cjsonInfo !== undefined ? `; ${luaVersion.replace(/\s+Copyright.*$/, '')}, ${cjsonInfo}` : '') +
      `. \`npx tsc -p tsconfig.json && node dist/bench/json.js${argv.length ? ' ' + argv.join(' ') : ''}\` (per figure: best of ${PASSES} passes × ${ROUNDS} rounds of ${(SECONDS / ROUNDS).toFixed(2)} s ${CLOCK === 'cpu' ? 'CPU time' : 'wall time'}, after a warm-up; Lua-level loops timed with \`os.clock\`, CPU time).`,
  );
  md.push('');
  md.push(
    'ops/s, higher is better. **moongate Lua**: `bench/json/bench.lua` compiled by moongate, `json.decode` / `json.encode` called in a Lua loop timed with `os.clock`. ' +
      '**moongate JS**: `jsonToLua` / `luaToJson` called from JS. **V8 JSON**: `JSON.parse` / `JSON.stringify` on the equivalent JS data. ' +
      '**lua5.4+cjson**: the same `bench/json/bench.lua` run by native `lua5.4` with lua-cjson. Ratios > 1× mean moongate is faster.',
  );
  md.push('');
  md.push('| ' + header.join(' | ') + ' |');
  md.push('|' + header.map((_h, i) => (i === 0 ? '---' : '---:')).join('|') + '|');
  for (const row of table) md.push('| ' + row.join(' | ') + ' |');
  md.push('');
  for (const n of notes) md.push(`- ${n}`);
  md.push('<!-- json:end -->');
  const section = md.join('\n');

  const path = opt('--results') ?? resolve(dirname(luaFile), '../RESULTS.md');
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# moongate benchmark results\n';
  const start = text.indexOf('<!-- json:start -->');
  const end = text.indexOf('<!-- json:end -->');
  if (start >= 0 && end > start) text = text.slice(0, start) + section + text.slice(end + '<!-- json:end -->'.length);
  else text = text.replace(/\n*$/, '\n\n') + section + '\n';
  writeFileSync(path, text);
  console.log(`wrote the JSON section of ${path}`);
}
if (sink === 42) console.log('');
