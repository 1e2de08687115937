// Micro benchmark of the json library against V8's JSON.parse / JSON.stringify on equivalent data.
//
//   npm run build && node dist/bench/json.js [--time SECONDS]
//
// Cases: a ~200-byte chat message (the gateway hot path: json.decode of an incoming frame,
// json.encode of msg.data) and a ~100 KB document. "ours" works on Lua values and byte strings
// (jsonToLua / luaToJson are the same code paths as json.decode / json.encode); "native" is JSON.parse /
// JSON.stringify on the equivalent plain JS data and JS text. The ratio is ours / native in ops/s
// (1.00 = as fast as V8's built-in).
import { performance } from 'node:perf_hooks';
import { jsonToLua, luaToJs, luaToJson } from '../runtime/lib/json.js';
import { fromText } from '../runtime/value.js';

const argv = process.argv.slice(2);
const ti = argv.indexOf('--time');
const SECONDS = ti >= 0 ? Number(argv[ti + 1]) : 1;

let sink: unknown;

/** ops/s of f, best of 3 rounds of SECONDS/3 each (after a warm-up). */
function measure(f: () => unknown): number {
  const warmEnd = performance.now() + 200;
  while (performance.now() < warmEnd) for (let i = 0; i < 100; i++) sink = f();
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let ops = 0;
    const t0 = performance.now();
    const end = t0 + (SECONDS * 1000) / 3;
    let t1 = t0;
    let batch = 1;
    while (t1 < end) {
      for (let i = 0; i < batch; i++) sink = f();
      ops += batch;
      t1 = performance.now();
      if (t1 - t0 < 50) batch *= 2;
    }
    best = Math.max(best, (ops * 1000) / (t1 - t0));
  }
  return best;
}

function fmt(n: number): string {
  if (n >= 1e6) return (n / 1e6).toFixed(2) + 'M';
  if (n >= 1e3) return (n / 1e3).toFixed(1) + 'k';
  return n.toFixed(0);
}

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

interface Row {
  name: string;
  ours: number;
  native: number;
}
const rows: Row[] = [];

function bench(name: string, data: unknown): void {
  const text = JSON.stringify(data); // JS text
  const bytes = fromText(text); // the same JSON as a Lua byte string
  const lua = jsonToLua(bytes);
  // sanity: both sides see the same data
  const check = JSON.stringify(luaToJs(lua));
  if (check !== JSON.stringify(JSON.parse(text, (_k, v) => (v === null ? undefined : v)))) throw new Error(`${name}: round trip mismatch`);
  console.log(`${name}: ${bytes.length} bytes (encoded by json.encode: ${luaToJson(lua).length} bytes)`);
  rows.push({ name: `${name} decode`, ours: measure(() => jsonToLua(bytes)), native: measure(() => JSON.parse(text)) });
  rows.push({ name: `${name} encode`, ours: measure(() => luaToJson(lua)), native: measure(() => JSON.stringify(data)) });
  // the gateway's full path: UTF-8 frame (Buffer) → Lua value, and Lua value → UTF-8 frame
  const frame = Buffer.from(text, 'utf8');
  rows.push({
    name: `${name} decode from Buffer`,
    ours: measure(() => jsonToLua(frame.toString('latin1'))),
    native: measure(() => JSON.parse(frame.toString('utf8'))),
  });
  rows.push({
    name: `${name} encode to Buffer`,
    ours: measure(() => Buffer.from(luaToJson(lua), 'latin1')),
    native: measure(() => Buffer.from(JSON.stringify(data), 'utf8')),
  });
}

bench('chat message', chat);
bench('100 KB document', makeDoc(100 * 1024));

const w = Math.max(...rows.map((r) => r.name.length));
console.log('');
console.log(`${'case'.padEnd(w)}  ${'ours ops/s'.padStart(11)}  ${'native ops/s'.padStart(12)}  ${'ratio'.padStart(6)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(w)}  ${fmt(r.ours).padStart(11)}  ${fmt(r.native).padStart(12)}  ${(r.ours / r.native).toFixed(2).padStart(6)}`);
}
if (sink === 42) console.log('');
