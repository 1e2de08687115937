// WebSocket throughput benchmark (issue 5): moongate running the spec's Simple Chat Room script, side by side
// with a hand-written uWebSockets.js server, a `ws` server and Socket.IO, same scenarios, one run.
// Usage: node dist/bench/ws/run.js [--quick] [--servers moongate,uws,ws,socketio] [--scenarios a,b,c,d] ... (--help)
import { Worker } from 'node:worker_threads';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus, totalmem, release, hostname } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import hdr from 'hdr-histogram-js';
import type {
  ChurnResult, ClientSpec, Command, ConnectResult, PresenceCheckResult, ProbeResult, Reply, StatsResult, Target,
} from './protocol.js';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/bench/ws
const distRoot = path.resolve(here, '../..');
const projectRoot = path.resolve(distRoot, '..');

// ---------------------------------------------------------------- options

const HELP = `npm run bench:ws -- [options]
  --quick                  ~30 s smoke run (small sizes, short steps)
  --servers LIST           moongate,uws,ws,socketio (default: all)
  --scenarios LIST         a,b,c,d (default: all)
  --workers N              client worker threads (2)
  --step-sec S             measurement window per load step (3); --warm-sec S before it (0.7)
  --ref-warm-sec S         warm-up at the reference load before the first step (3)
  --ramp-steps N           load steps after the reference load (6); --ramp-factor F (1.5)
  --max-p99-ms MS          a step with a higher p99 is not sustained (1000)
  --pad N                  chat text length after the timestamp (32)
  --concurrency N          handshakes in flight per worker (64)
  (a) --a-clients 1000 --a-senders 10 --a-rate 100       one room; rate = messages/s offered at the reference step
  (b) --b-rooms 1000 --b-size 10 --b-rate 2000            rooms of b-size, one sender per room
  (c) --c-conns 10000 --c-room-size 10 --c-settle-sec 3   idle connections that joined presence
  (d) --d-rooms 20 --d-stable 20 --d-chat-rate 200 --d-churn-rate 100 --d-sec 15 --d-stay-min 200 --d-stay-max 1500
  --cpu-prof DIR           run moongate under node --cpu-prof, profiles into DIR
  --moongate-args "..."    extra arguments for 'moongate serve'
  --results FILE           markdown results file (bench/RESULTS.md); --no-results to skip
  --json FILE              raw results as JSON
  --port-base N            first port (7400); every server/scenario gets its own port`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const quick = argv.includes('--quick');
function opt(name: string, dflt: string, quickDflt?: string): string {
  const i = argv.indexOf(name);
  if (i >= 0 && i + 1 < argv.length) return argv[i + 1];
  return quick && quickDflt !== undefined ? quickDflt : dflt;
}
const num = (name: string, dflt: number, quickDflt?: number): number => {
  const v = Number(opt(name, String(dflt), quickDflt === undefined ? undefined : String(quickDflt)));
  if (!Number.isFinite(v)) throw new Error(`${name}: not a number`);
  return v;
};

const O = {
  servers: opt('--servers', 'moongate,uws,ws,socketio').split(',').filter(Boolean),
  scenarios: opt('--scenarios', 'a,b,c,d').split(',').filter(Boolean),
  workers: num('--workers', 2),
  stepSec: num('--step-sec', 3, 1),
  warmSec: num('--warm-sec', 0.7, 0.4),
  refWarmSec: num('--ref-warm-sec', 3, 0.5),
  rampSteps: num('--ramp-steps', 6, 1),
  rampFactor: num('--ramp-factor', 1.5, 2),
  maxP99Ms: num('--max-p99-ms', 1000),
  pad: num('--pad', 32),
  concurrency: num('--concurrency', 64),
  aClients: num('--a-clients', 1000, 300),
  aSenders: num('--a-senders', 10, 5),
  aRate: num('--a-rate', 100),
  bRooms: num('--b-rooms', 1000, 100),
  bSize: num('--b-size', 10),
  bRate: num('--b-rate', 2000, 1000),
  cConns: num('--c-conns', 10000, 1000),
  cRoomSize: num('--c-room-size', 10),
  cSettleSec: num('--c-settle-sec', 3, 1),
  dRooms: num('--d-rooms', 20, 5),
  dStable: num('--d-stable', 20, 10),
  dChatRate: num('--d-chat-rate', 200, 100),
  dChurnRate: num('--d-churn-rate', 100, 50),
  dSec: num('--d-sec', 15, 2),
  dStayMin: num('--d-stay-min', 200),
  dStayMax: num('--d-stay-max', 1500, 800),
  cpuProf: opt('--cpu-prof', ''),
  moongateArgs: opt('--moongate-args', '').split(/\s+/).filter(Boolean),
  results: argv.includes('--no-results') ? '' : opt('--results', path.join(projectRoot, 'bench/RESULTS.md')),
  json: opt('--json', ''),
  portBase: num('--port-base', 7400),
};

const SERVER_KINDS = ['moongate', 'uws', 'ws', 'socketio'] as const;
type Kind = (typeof SERVER_KINDS)[number];
const LABEL: Record<Kind, string> = { moongate: 'moongate', uws: 'uWS.js', ws: 'ws', socketio: 'Socket.IO' };
for (const s of O.servers) if (!SERVER_KINDS.includes(s as Kind)) throw new Error(`unknown server ${s}`);
const servers = O.servers as Kind[];

const log = (s: string): void => console.log(s);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- file descriptors

/** Node raises the soft limit to the hard one at start; raise the hard one too (root) if it is too low. */
function ensureFdLimit(need: number): void {
  const m = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  const soft = m === null || m[1] === 'unlimited' ? Infinity : Number(m[1]);
  if (soft >= need) return;
  const want = Math.max(need, 65536);
  try {
    execFileSync('prlimit', ['--pid', String(process.pid), `--nofile=${want}:${want}`]);
    log(`raised the open-files limit from ${soft} to ${want} (prlimit)`);
  } catch (e) {
    log(`warning: open-files limit is ${soft}, need ~${need}; prlimit failed (${(e as Error).message.split('\n')[0]}): run 'ulimit -n ${want}' first`);
  }
}

// ---------------------------------------------------------------- server processes

interface Sample {
  t: number;
  cpuTicks: number;
  rssKB: number;
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

class ServerProc {
  child: ChildProcess | undefined;
  private dataDir: string | undefined;
  logFile = '';
  exited = false;

  constructor(readonly kind: Kind, readonly port: number) {}

  target(): Target {
    const pathPrefix =
      this.kind === 'moongate' ? '/api/custom/_system/chat?' : this.kind === 'socketio' ? '/socket.io/?EIO=4&transport=websocket&' : '/chat?';
    return { host: '127.0.0.1', port: this.port, dialect: this.kind === 'socketio' ? 'sio' : 'plain', pathPrefix, pad: O.pad };
  }

  async start(): Promise<void> {
    let args: string[];
    if (this.kind === 'moongate') {
      const cli = path.join(distRoot, 'src/cli.js');
      if (!existsSync(cli)) throw new Error(`${cli} missing: run 'npm run build' first`);
      this.dataDir = mkdtempSync(path.join(tmpdir(), 'moongate-bench-'));
      const prof = O.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(O.cpuProf)}`] : [];
      args = [...prof, cli, 'serve', '--host', '127.0.0.1', '--port', String(this.port), '--data', this.dataDir,
        '--log-level', 'warn', '--admin-key', 'bench-admin-key', ...O.moongateArgs];
    } else {
      const file = { uws: 'uws-server.js', ws: 'ws-server.js', socketio: 'sio-server.js' }[this.kind];
      args = [path.join(here, 'servers', file), '--host', '127.0.0.1', '--port', String(this.port)];
    }
    mkdirSync(path.join(tmpdir(), 'moongate-bench-logs'), { recursive: true });
    this.logFile = path.join(tmpdir(), 'moongate-bench-logs', `${this.kind}-${this.port}.log`);
    const fd = openSync(this.logFile, 'w');
    this.child = spawn(process.execPath, args, { stdio: ['ignore', fd, fd], cwd: projectRoot });
    closeSync(fd);
    this.child.on('exit', () => (this.exited = true));
    const deadline = Date.now() + 20000;
    while (!(await canConnect(this.port))) {
      if (this.exited) throw new Error(`${this.kind} server exited at start; see ${this.logFile}:\n${readFileSync(this.logFile, 'utf8').slice(0, 2000)}`);
      if (Date.now() > deadline) throw new Error(`${this.kind} server did not listen within 20 s; see ${this.logFile}`);
      await sleep(100);
    }
  }

  sample(): Sample {
    const pid = this.child!.pid!;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
    const cpuTicks = Number(f[11]) + Number(f[12]); // utime + stime
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { t: performance.now(), cpuTicks, rssKB: m === null ? 0 : Number(m[1]) };
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (c !== undefined && !this.exited) {
      const gone = new Promise<void>((r) => c.once('exit', () => r()));
      c.kill('SIGTERM');
      if (await Promise.race([gone.then(() => true), sleep(8000).then(() => false)])) {
        /* exited */
      } else {
        c.kill('SIGKILL');
        await gone;
      }
    }
    if (this.dataDir !== undefined) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

const cpuPct = (a: Sample, b: Sample): number => ((b.cpuTicks - a.cpuTicks) / CLK_TCK / ((b.t - a.t) / 1000)) * 100;
const cpuSec = (a: Sample, b: Sample): number => (b.cpuTicks - a.cpuTicks) / CLK_TCK;

// ---------------------------------------------------------------- client workers

class Pool {
  private workers: Worker[] = [];
  private seq = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(n: number) {
    for (let i = 0; i < n; i++) {
      const w = new Worker(path.join(here, 'client-worker.js'));
      w.on('message', (r: Reply) => {
        const p = this.pending.get(r.id);
        if (p === undefined) return;
        this.pending.delete(r.id);
        if (r.error !== undefined) p.reject(new Error(r.error));
        else p.resolve(r.result);
      });
      w.on('error', (e) => {
        console.error('client worker failed:', e);
        process.exit(1);
      });
      this.workers.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  call<T>(i: number, body: Command): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.workers[i].postMessage({ id, body });
    });
  }

  all<T>(body: Command | ((i: number) => Command)): Promise<T[]> {
    return Promise.all(this.workers.map((_, i) => this.call<T>(i, typeof body === 'function' ? body(i) : body)));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Spread clients over workers by index; returns per-worker lists. */
function spread(specs: ClientSpec[], n: number): ClientSpec[][] {
  const out: ClientSpec[][] = Array.from({ length: n }, () => []);
  specs.forEach((s, i) => out[i % n].push(s));
  return out;
}

async function connectAll(pool: Pool, specs: ClientSpec[]): Promise<{ opened: number; failed: number; firstError?: string; perSec: number; ms: number }> {
  const parts = spread(specs, pool.size);
  const t0 = performance.now();
  const rs = await pool.all<ConnectResult>((i) => ({ cmd: 'connect', clients: parts[i], concurrency: O.concurrency }));
  const ms = performance.now() - t0;
  const opened = rs.reduce((a, r) => a + r.opened, 0);
  return { opened, failed: rs.reduce((a, r) => a + r.failed, 0), firstError: rs.find((r) => r.firstError)?.firstError, perSec: opened / (ms / 1000), ms };
}

// ---------------------------------------------------------------- measurement

interface Step {
  offered: number; // messages/s offered
  sentPerSec: number;
  deliveredPerSec: number;
  deliveryRatio: number;
  p50: number; // ms
  p99: number;
  p999: number;
  max: number;
  cpuPct: number;
  cpuUsPer1k: number; // server CPU µs per 1,000 deliveries
  rssMB: number;
  closes: number;
  sustained: boolean;
}

function mergeStats(rs: StatsResult[]): { sent: number; delivered: number; h: hdr.Histogram; closes: number; codes: Record<string, number> } {
  const h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3, useWebAssembly: false });
  const codes: Record<string, number> = {};
  for (const r of rs) {
    h.add(hdr.decodeFromCompressedBase64(r.hist, 32, false));
    for (const [k, v] of Object.entries(r.closeCodes)) codes[k] = (codes[k] ?? 0) + v;
  }
  return {
    sent: rs.reduce((a, r) => a + r.sent, 0),
    delivered: rs.reduce((a, r) => a + r.delivered, 0),
    h,
    closes: rs.reduce((a, r) => a + r.unexpectedCloses, 0),
    codes,
  };
}

/** Offer `rate` messages/s (split over workers by their senders), measure one window. */
async function measureStep(pool: Pool, srv: ServerProc, rate: number, fanout: number, sendersPerWorker: number[]): Promise<Step> {
  const totalSenders = sendersPerWorker.reduce((a, b) => a + b, 0);
  await pool.all((i) => ({ cmd: 'load', rate: (rate * sendersPerWorker[i]) / totalSenders }));
  await sleep(O.warmSec * 1000);
  await pool.all({ cmd: 'stats', reset: true });
  const s0 = srv.sample();
  await sleep(O.stepSec * 1000);
  const rs = await pool.all<StatsResult>({ cmd: 'stats', reset: true });
  const s1 = srv.sample();
  const m = mergeStats(rs);
  const sec = (s1.t - s0.t) / 1000;
  const expected = m.sent * fanout;
  const p99 = m.h.getValueAtPercentile(99) / 1000;
  const ratio = expected > 0 ? m.delivered / expected : 0;
  return {
    offered: rate,
    sentPerSec: m.sent / sec,
    deliveredPerSec: m.delivered / sec,
    deliveryRatio: ratio,
    p50: m.h.getValueAtPercentile(50) / 1000,
    p99,
    p999: m.h.getValueAtPercentile(99.9) / 1000,
    max: m.h.maxValue / 1000,
    cpuPct: cpuPct(s0, s1),
    cpuUsPer1k: m.delivered > 0 ? (cpuSec(s0, s1) * 1e6 * 1000) / m.delivered : NaN,
    rssMB: s1.rssKB / 1024,
    closes: m.closes,
    sustained: ratio >= 0.95 && m.closes === 0 && p99 <= O.maxP99Ms && m.sent >= 0.9 * rate * sec,
  };
}

function fmtStep(s: Step): string {
  return (
    `offered ${fmt(s.offered)} msg/s → delivered ${fmt(s.deliveredPerSec)}/s${Number.isFinite(s.deliveryRatio) ? ` (${(s.deliveryRatio * 100).toFixed(1)}%)` : ''}, ` +
    `p50 ${ms(s.p50)} p99 ${ms(s.p99)} p999 ${ms(s.p999)}, server CPU ${s.cpuPct.toFixed(0)}% ` +
    `(${s.cpuUsPer1k.toFixed(0)} µs/1k), RSS ${s.rssMB.toFixed(0)} MB${s.closes ? `, ${s.closes} closes` : ''}${s.sustained ? '' : '  ✗ not sustained'}`
  );
}

const fmt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n: number): string => (!Number.isFinite(n) ? '–' : n < 10 ? `${n.toFixed(2)} ms` : n < 100 ? `${n.toFixed(1)} ms` : `${n.toFixed(0)} ms`);

interface FanoutResult {
  setupPerSec: number;
  connectFailed: number;
  steps: Step[];
  ref: Step | undefined;
  best: Step | undefined; // highest delivered/s among sustained steps
  peak: Step | undefined; // highest delivered/s overall
  error?: string;
}

async function fanoutScenario(pool: Pool, srv: ServerProc, specs: ClientSpec[], fanout: number, refRate: number): Promise<FanoutResult> {
  const c = await connectAll(pool, specs);
  log(`  connected ${c.opened}/${specs.length} in ${(c.ms / 1000).toFixed(1)} s (${fmt(c.perSec)} conn/s)${c.failed ? `, ${c.failed} failed: ${c.firstError}` : ''}`);
  const parts = spread(specs, pool.size);
  const sendersPerWorker = parts.map((p) => p.filter((s) => s.sender).length);
  const steps: Step[] = [];
  let rate = refRate;
  // warm-up at the reference load (JIT, buffers, lazy allocation) before anything is measured
  await pool.all((i) => ({ cmd: 'load', rate: (rate * sendersPerWorker[i]) / sendersPerWorker.reduce((a, b) => a + b, 0) }));
  await sleep(O.refWarmSec * 1000);
  for (let i = 0; i <= O.rampSteps; i++) {
    const s = await measureStep(pool, srv, rate, fanout, sendersPerWorker);
    steps.push(s);
    log(`  ${i === 0 ? 'ref ' : 'ramp'} ${fmtStep(s)}`);
    if (!s.sustained || srv.exited) break;
    rate = Math.round(rate * O.rampFactor);
  }
  await pool.all({ cmd: 'stopLoad' });
  await sleep(300);
  await pool.all({ cmd: 'closeAll' });
  const sus = steps.filter((s) => s.sustained);
  const by = (a: Step, b: Step): Step => (b.deliveredPerSec > a.deliveredPerSec ? b : a);
  return {
    setupPerSec: c.perSec,
    connectFailed: c.failed,
    steps,
    ref: steps[0],
    best: sus.length ? sus.reduce(by) : undefined,
    peak: steps.length ? steps.reduce(by) : undefined,
  };
}

function scenarioA(): { specs: ClientSpec[]; fanout: number } {
  const specs: ClientSpec[] = [];
  const senderEvery = Math.max(1, Math.floor(O.aClients / O.aSenders));
  for (let i = 0; i < O.aClients; i++) specs.push({ room: 'lobby', name: `a${i}`, sender: i % senderEvery === 0 && i / senderEvery < O.aSenders, track: false });
  return { specs, fanout: O.aClients };
}

function scenarioB(): { specs: ClientSpec[]; fanout: number } {
  const specs: ClientSpec[] = [];
  // member j of every room, then member j+1: rooms fill evenly while clients connect
  for (let j = 0; j < O.bSize; j++) for (let r = 0; r < O.bRooms; r++) specs.push({ room: `r${r}`, name: `b${r}_${j}`, sender: j === 0, track: false });
  return { specs, fanout: O.bSize };
}

interface IdleResult {
  conns: number;
  failed: number;
  setupPerSec: number;
  baseMB: number;
  rssMB: number;
  kbPerConn: number;
  cpuPctIdle: number;
  closes: number;
}

async function idleScenario(pool: Pool, srv: ServerProc): Promise<IdleResult> {
  await sleep(1000);
  const base = srv.sample();
  const specs: ClientSpec[] = [];
  const rooms = Math.ceil(O.cConns / O.cRoomSize);
  for (let i = 0; i < O.cConns; i++) specs.push({ room: `idle${i % rooms}`, name: `c${i}`, sender: false, track: false });
  const c = await connectAll(pool, specs);
  await sleep(O.cSettleSec * 1000);
  const s0 = srv.sample();
  await sleep(1000);
  const s1 = srv.sample();
  const st = mergeStats(await pool.all<StatsResult>({ cmd: 'stats', reset: true }));
  const r: IdleResult = {
    conns: c.opened,
    failed: c.failed,
    setupPerSec: c.perSec,
    baseMB: base.rssKB / 1024,
    rssMB: s1.rssKB / 1024,
    kbPerConn: c.opened > 0 ? (s1.rssKB - base.rssKB) / c.opened : NaN,
    cpuPctIdle: cpuPct(s0, s1),
    closes: st.closes,
  };
  log(
    `  ${r.conns} idle connections (${r.failed} failed${c.firstError ? `: ${c.firstError}` : ''}) at ${fmt(r.setupPerSec)} conn/s; RSS ${r.baseMB.toFixed(1)} → ${r.rssMB.toFixed(1)} MB = ` +
      `${r.kbPerConn.toFixed(1)} KB/conn; idle CPU ${r.cpuPctIdle.toFixed(1)}%`,
  );
  await pool.all({ cmd: 'closeAll' });
  return r;
}

interface ChurnOutcome {
  churnStarted: number;
  churnJoined: number;
  churnFailed: number;
  churnPerSec: number;
  joinsSeen: number;
  joinsExpected: number;
  leavesSeen: number;
  leavesExpected: number;
  viewsChecked: number;
  viewMismatches: number;
  probeMismatches: number;
  example?: string;
  chat: Step;
  ok: boolean;
}

async function churnScenario(pool: Pool, srv: ServerProc): Promise<ChurnOutcome> {
  const specs: ClientSpec[] = [];
  const rooms: string[] = [];
  const expected: Record<string, string[]> = {};
  for (let r = 0; r < O.dRooms; r++) {
    const room = `churn${r}`;
    rooms.push(room);
    expected[room] = [];
  }
  for (let j = 0; j < O.dStable; j++)
    for (const room of rooms) {
      const name = `${room}_s${j}`;
      expected[room].push(name);
      specs.push({ room, name, sender: j === 0, track: true });
    }
  const c = await connectAll(pool, specs);
  if (c.failed) log(`  ${c.failed} stable clients failed to connect: ${c.firstError}`);
  await sleep(500);
  await pool.all({ cmd: 'stats', reset: true, resetPresence: true });
  const parts = spread(specs, pool.size);
  const spw = parts.map((p) => p.filter((s) => s.sender).length);
  const tot = spw.reduce((a, b) => a + b, 0);
  await pool.all((i) => ({ cmd: 'load', rate: (O.dChatRate * spw[i]) / tot }));
  const s0 = srv.sample();
  const t0 = performance.now();
  const churn = await pool.all<ChurnResult>((i) => ({
    cmd: 'churn', rooms, rate: O.dChurnRate / pool.size, durationMs: O.dSec * 1000, minStayMs: O.dStayMin, maxStayMs: O.dStayMax, prefix: `w${i}_`,
  }));
  const churnSec = (performance.now() - t0) / 1000;
  await pool.all({ cmd: 'stopLoad' });
  const s1 = srv.sample();
  const m = mergeStats(await pool.all<StatsResult>({ cmd: 'stats', reset: true }));
  await sleep(1500); // let the last leave events arrive
  const joined: Record<string, number> = {};
  for (const r of churn) for (const [room, n] of Object.entries(r.joined)) joined[room] = (joined[room] ?? 0) + n;
  const checks = await pool.all<PresenceCheckResult>({ cmd: 'presenceCheck', expected });
  let joinsSeen = 0;
  let leavesSeen = 0;
  let expectedEach = 0;
  let viewsChecked = 0;
  let viewMismatches = 0;
  let example: string | undefined;
  for (const ch of checks) {
    viewsChecked += ch.checked;
    viewMismatches += ch.mismatches;
    example ??= ch.example;
    for (const room of Object.keys(ch.trackedByRoom)) {
      joinsSeen += ch.joinsByRoom[room] ?? 0;
      leavesSeen += ch.leavesByRoom[room] ?? 0;
      expectedEach += (joined[room] ?? 0) * ch.trackedByRoom[room];
    }
  }
  // a fresh connection per room must see exactly the stable members and itself
  const probes = rooms.map((room) => ({ room, name: `${room}_probe`, sender: false, track: true }));
  const pr = await pool.call<ProbeResult>(0, { cmd: 'probe', clients: probes });
  let probeMismatches = pr.failed;
  for (const room of rooms) {
    const want = [...expected[room], `${room}_probe`].sort().join(',');
    const have = [...(pr.rooms[room] ?? [])].sort().join(',');
    if (want !== have) {
      probeMismatches++;
      example ??= `probe in ${room}: init lists [${have.slice(0, 200)}]`;
    }
  }
  const sec = (s1.t - s0.t) / 1000;
  const chat: Step = {
    offered: O.dChatRate,
    sentPerSec: m.sent / sec,
    deliveredPerSec: m.delivered / sec,
    deliveryRatio: NaN,
    p50: m.h.getValueAtPercentile(50) / 1000,
    p99: m.h.getValueAtPercentile(99) / 1000,
    p999: m.h.getValueAtPercentile(99.9) / 1000,
    max: m.h.maxValue / 1000,
    cpuPct: cpuPct(s0, s1),
    cpuUsPer1k: m.delivered > 0 ? (cpuSec(s0, s1) * 1e9) / m.delivered : NaN,
    rssMB: s1.rssKB / 1024,
    closes: m.closes,
    sustained: true,
  };
  const churnJoined = Object.values(joined).reduce((a, b) => a + b, 0);
  const o: ChurnOutcome = {
    churnStarted: churn.reduce((a, r) => a + r.started, 0),
    churnJoined,
    churnFailed: churn.reduce((a, r) => a + r.failed, 0),
    churnPerSec: churnJoined / churnSec,
    joinsSeen,
    joinsExpected: expectedEach,
    leavesSeen,
    leavesExpected: expectedEach,
    viewsChecked,
    viewMismatches,
    probeMismatches,
    example,
    chat,
    ok: false,
  };
  o.ok = o.churnFailed === 0 && joinsSeen === expectedEach && leavesSeen === expectedEach && viewMismatches === 0 && probeMismatches === 0 && m.closes === 0;
  log(
    `  churn: ${o.churnJoined} joined+left (${fmt(o.churnPerSec)}/s, ${o.churnFailed} failed${churn.find((r) => r.firstError)?.firstError ? `: ${churn.find((r) => r.firstError)?.firstError}` : ''}); ` +
      `joins seen ${joinsSeen}/${expectedEach}, leaves seen ${leavesSeen}/${expectedEach}; presence views wrong ${viewMismatches}/${viewsChecked}, probes wrong ${probeMismatches}/${rooms.length}` +
      `${m.closes ? `; ${m.closes} unexpected closes ${JSON.stringify(m.codes)}` : ''} → ${o.ok ? 'OK' : 'FAILED'}`,
  );
  if (example !== undefined) log(`    e.g. ${example}`);
  log(`  chat during churn: ${fmtStep(chat)}`);
  await pool.all({ cmd: 'closeAll' });
  return o;
}

// ---------------------------------------------------------------- main

interface ServerResults {
  a?: FanoutResult;
  b?: FanoutResult;
  c?: IdleResult;
  d?: ChurnOutcome;
  errors: string[];
}

async function main(): Promise<void> {
  const started = new Date();
  ensureFdLimit(O.cConns + 4096);
  const pool = new Pool(O.workers);
  const results: Partial<Record<Kind, ServerResults>> = {};
  log(`WebSocket benchmark${quick ? ' (--quick)' : ''}: servers ${servers.join(', ')}; scenarios ${O.scenarios.join(', ')}; ${O.workers} client workers; ${cpus().length} cores`);
  let si = 0;
  for (const kind of servers) {
    const res: ServerResults = { errors: [] };
    results[kind] = res;
    for (const sc of O.scenarios) {
      const port = O.portBase + si * 10 + ['a', 'b', 'c', 'd'].indexOf(sc);
      const srv = new ServerProc(kind, port);
      const title = {
        a: `(a) one room, ${O.aClients} clients, ${O.aSenders} senders`,
        b: `(b) ${O.bRooms} rooms × ${O.bSize} clients`,
        c: `(c) ${O.cConns} idle connections in presence (rooms of ${O.cRoomSize})`,
        d: `(d) churn: ${O.dRooms} rooms × ${O.dStable} stable, ${O.dChurnRate} joins/s for ${O.dSec} s`,
      }[sc];
      log(`\n[${LABEL[kind]}] ${title}`);
      try {
        await srv.start();
        await pool.all({ cmd: 'target', target: srv.target() });
        if (sc === 'a') {
          const { specs, fanout } = scenarioA();
          res.a = await fanoutScenario(pool, srv, specs, fanout, O.aRate);
        } else if (sc === 'b') {
          const { specs, fanout } = scenarioB();
          res.b = await fanoutScenario(pool, srv, specs, fanout, O.bRate);
        } else if (sc === 'c') {
          res.c = await idleScenario(pool, srv);
        } else if (sc === 'd') {
          res.d = await churnScenario(pool, srv);
        }
        if (srv.exited) throw new Error(`server exited during the scenario; see ${srv.logFile}`);
      } catch (e) {
        const msg = (e as Error).message;
        res.errors.push(`${sc}: ${msg}`);
        log(`  ERROR: ${msg}`);
        await pool.all({ cmd: 'closeAll' }).catch(() => {});
      } finally {
        await srv.stop();
      }
    }
    si++;
  }
  await pool.close();
  const md = report(results, started);
  log('\n' + md);
  if (O.results) writeResults(O.results, md);
  if (O.json) writeFileSync(O.json, JSON.stringify({ started, options: O, results }, null, 2));
}

// ---------------------------------------------------------------- report

function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Linux ${release()}, Node ${process.version}`;
}

function ratio(a: number | undefined, b: number | undefined): number {
  return a !== undefined && b !== undefined && b > 0 ? a / b : NaN;
}
const x = (r: number): string => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');

function report(results: Partial<Record<Kind, ServerResults>>, started: Date): string {
  const L: string[] = [];
  const ks = servers.filter((k) => results[k] !== undefined);
  L.push('## WebSocket');
  L.push('');
  L.push(
    `Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${hostname()}: ${machine()}. ` +
      `\`npm run bench:ws${quick ? ' -- --quick' : ''}\` (${O.workers} client worker threads on the same machine; every server its own process on 127.0.0.1; ` +
      `chat text = sender timestamp + ${O.pad} chars; step window ${O.stepSec} s).`,
  );
  L.push('');
  L.push('Throughput = highest delivered messages/s over a step whose deliveries reached ≥ 95% of sent × fan-out with no disconnects and p99 ≤ ' +
    `${O.maxP99Ms} ms (load ramps ×${O.rampFactor} from the reference rate until a step fails). ` +
    'Latency is end to end (client send → every receiver), at the reference load, the same for every server. ' +
    'CPU µs/1k = server CPU time per 1,000 deliveries at the reference load.');
  for (const sc of ['a', 'b'] as const) {
    if (!O.scenarios.includes(sc)) continue;
    L.push('');
    L.push(
      sc === 'a'
        ? `### (a) one room, ${O.aClients} clients, ${O.aSenders} senders — reference load ${O.aRate} msg/s = ${fmt(O.aRate * O.aClients)} deliveries/s`
        : `### (b) ${O.bRooms} rooms × ${O.bSize} clients, one sender per room — reference load ${O.bRate} msg/s = ${fmt(O.bRate * O.bSize)} deliveries/s`,
    );
    L.push('');
    L.push('| server | conn setup/s | throughput (deliveries/s) | at offered msg/s | server CPU there | ref p50 | ref p99 | ref p999 | ref CPU µs/1k | ref server CPU | RSS MB |');
    L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const k of ks) {
      const f = results[k]![sc];
      if (f === undefined) {
        L.push(`| ${LABEL[k]} | error: ${results[k]!.errors.join('; ').slice(0, 120)} |||||||||| `);
        continue;
      }
      const r = f.ref;
      const b = f.best;
      L.push(
        `| ${LABEL[k]} | ${fmt(f.setupPerSec)} | ${b ? fmt(b.deliveredPerSec) : `< ref (${fmt(f.peak?.deliveredPerSec ?? NaN)} peak)`} | ${b ? fmt(b.offered) : '–'} | ${b ? b.cpuPct.toFixed(0) + '%' : '–'} | ` +
          `${r ? ms(r.p50) : '–'} | ${r ? ms(r.p99) : '–'}${r && !r.sustained ? ' ✗' : ''} | ${r ? ms(r.p999) : '–'} | ${r ? r.cpuUsPer1k.toFixed(0) : '–'} | ${r ? r.cpuPct.toFixed(0) + '%' : '–'} | ${r ? r.rssMB.toFixed(0) : '–'} |`,
      );
    }
  }
  if (O.scenarios.includes('c')) {
    L.push('');
    L.push(`### (c) ${fmt(O.cConns)} idle connections that joined presence (rooms of ${O.cRoomSize})`);
    L.push('');
    L.push('| server | connected | conn setup/s | RSS before → after (MB) | RSS per connection | idle CPU |');
    L.push('|---|---:|---:|---:|---:|---:|');
    for (const k of ks) {
      const c = results[k]!.c;
      if (c === undefined) {
        L.push(`| ${LABEL[k]} | error |||||`);
        continue;
      }
      L.push(`| ${LABEL[k]} | ${fmt(c.conns)}${c.failed ? ` (${c.failed} failed)` : ''} | ${fmt(c.setupPerSec)} | ${c.baseMB.toFixed(1)} → ${c.rssMB.toFixed(1)} | ${c.kbPerConn.toFixed(1)} KB | ${c.cpuPctIdle.toFixed(1)}% |`);
    }
  }
  if (O.scenarios.includes('d')) {
    L.push('');
    L.push(`### (d) churn: ${O.dRooms} rooms × ${O.dStable} stable members chatting ${O.dChatRate} msg/s, ${O.dChurnRate} joins/s staying ${O.dStayMin}–${O.dStayMax} ms, ${O.dSec} s`);
    L.push('');
    L.push('| server | churned (joined+left) | churn/s | joins seen/expected | leaves seen/expected | wrong presence views | wrong probe init lists | chat p99 | correct |');
    L.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const k of ks) {
      const d = results[k]!.d;
      if (d === undefined) {
        L.push(`| ${LABEL[k]} | error ||||||||`);
        continue;
      }
      L.push(
        `| ${LABEL[k]} | ${fmt(d.churnJoined)}${d.churnFailed ? ` (${d.churnFailed} failed)` : ''} | ${fmt(d.churnPerSec)} | ${fmt(d.joinsSeen)}/${fmt(d.joinsExpected)} | ` +
          `${fmt(d.leavesSeen)}/${fmt(d.leavesExpected)} | ${d.viewMismatches}/${d.viewsChecked} | ${d.probeMismatches}/${O.dRooms} | ${ms(d.chat.p99)} | ${d.ok ? 'yes' : '**no**'} |`,
      );
    }
  }
  const mg = results.moongate;
  if (mg !== undefined && ks.length > 1) {
    L.push('');
    L.push('### moongate ratios (targets: throughput ≥ 0.8× uWS.js, ≥ 3× ws, ≥ 5× Socket.IO; p99 at the same load ≤ 2× uWS.js; ≤ 16 KB RSS per idle connection)');
    L.push('');
    L.push('| moongate / | (a) throughput | (a) p99 | (a) CPU per delivery | (b) throughput | (b) p99 | (b) CPU per delivery | (c) RSS per conn |');
    L.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    const target: Record<Kind, number> = { moongate: 1, uws: 0.8, ws: 3, socketio: 5 };
    for (const k of ks) {
      if (k === 'moongate') continue;
      const o = results[k]!;
      const cell = (sc: 'a' | 'b', what: 'tp' | 'p99' | 'cpu'): string => {
        const a = mg[sc];
        const b = o[sc];
        if (what === 'tp') {
          // a server that sustained not even the reference load: compare with its peak (moongate's ratio is then a lower bound)
          const lower = b?.best === undefined;
          const r = ratio(a?.best?.deliveredPerSec, lower ? b?.peak?.deliveredPerSec : b?.best?.deliveredPerSec);
          return `${lower && Number.isFinite(r) ? '≥ ' : ''}${x(r)} ${Number.isFinite(r) ? (r >= target[k] ? '✓' : '✗') : ''}`;
        }
        if (what === 'p99') {
          const r = ratio(a?.ref?.p99, b?.ref?.p99);
          return `${x(r)}${k === 'uws' && Number.isFinite(r) ? (r <= 2 ? ' ✓' : ' ✗') : ''}`;
        }
        return x(ratio(a?.ref?.cpuUsPer1k, b?.ref?.cpuUsPer1k));
      };
      L.push(`| ${LABEL[k]} | ${cell('a', 'tp')} | ${cell('a', 'p99')} | ${cell('a', 'cpu')} | ${cell('b', 'tp')} | ${cell('b', 'p99')} | ${cell('b', 'cpu')} | ${x(ratio(mg.c?.kbPerConn, o.c?.kbPerConn))} |`);
    }
    if (mg.c !== undefined) L.push('', `moongate RSS per idle connection: ${mg.c.kbPerConn.toFixed(1)} KB (target ≤ 16 KB) ${mg.c.kbPerConn <= 16 ? '✓' : '✗'}`);
    L.push('', 'Throughput ratios > 1 mean moongate delivers more; p99 and CPU-per-delivery ratios > 1 mean moongate is slower / costs more. ' +
      'With clients and server sharing 2 cores, the fastest servers are client-bound: the CPU-per-delivery column shows the server-side cost.');
  }
  const errs = ks.flatMap((k) => results[k]!.errors.map((e) => `${LABEL[k]} ${e}`));
  if (errs.length) L.push('', 'Errors: ' + errs.join('; '));
  return L.join('\n') + '\n';
}

/** Replace (or append) the "## WebSocket" section, leaving every other section alone. */
function writeResults(file: string, section: string): void {
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# moongate benchmark results\n';
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^## WebSocket\s*$/.test(l));
  if (start >= 0) {
    // the section ends at the next heading or the next other section's marker (<!-- x:start -->)
    let end = lines.findIndex((l, i) => i > start && (/^## /.test(l) || /^<!-- \w+:start -->/.test(l)));
    if (end < 0) end = lines.length;
    lines.splice(start, end - start, ...section.trimEnd().split('\n'), '');
    text = lines.join('\n');
  } else {
    text = text.trimEnd() + '\n\n' + section;
  }
  writeFileSync(file, text);
  log(`results written to ${path.relative(process.cwd(), file) || file} (section "WebSocket")`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
