// One load-generator thread: owns a share of the WebSocket clients, sends chat messages at a given rate
// from its senders, and records delivery counts, end-to-end latency (HDR histogram, µs) and presence views.
import { parentPort } from 'node:worker_threads';
import hdr from 'hdr-histogram-js';
import { WsClient, type ClientEvents } from './wsclient.js';
import type {
  ChurnResult, ClientSpec, Command, ConnectResult, PresenceCheckResult, ProbeResult, Reply, Request, StatsResult, Target,
} from './protocol.js';

if (parentPort === null) throw new Error('client-worker must run in a worker thread');
const port = parentPort;

// One clock for all threads: performance.now() is per-thread, hrtime is process-wide (CLOCK_MONOTONIC).
const clockOffsetUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
const nowUs = (): number => performance.now() * 1000 + clockOffsetUs;

const TEXT_MARK = Buffer.from('"text":"');

interface Cl {
  c: WsClient;
  spec: ClientSpec;
  role: 'member' | 'churner' | 'probe';
  users: Set<string> | undefined;
  initNames: string[] | undefined;
  joins: number;
  leaves: number;
  ready: boolean;
  onReady: ((err?: string) => void) | undefined;
  onClosed: (() => void) | undefined;
  expectClose: boolean;
}

let target: Target | undefined;
let padStr = '';
const clients = new Set<Cl>();
let senders: Cl[] = [];
let hist = newHist();
let sent = 0;
let delivered = 0;
let unexpectedCloses = 0;
let closeCodes: Record<string, number> = {};
let loadTimer: NodeJS.Timeout | undefined;

function newHist(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3, useWebAssembly: false });
}

const events: ClientEvents = {
  onOpen() {
    /* ready means "init received", handled in onMessage */
  },
  onMessage(c, buf) {
    const cl = (c as WsClient & { cl: Cl }).cl;
    const i = buf.indexOf(TEXT_MARK);
    if (i >= 0) {
      // a chat message: the text starts with the sender's timestamp in µs
      delivered++;
      let ts = 0;
      for (let k = i + TEXT_MARK.length; k < buf.length; k++) {
        const d = buf[k] - 48;
        if (d < 0 || d > 9) break;
        ts = ts * 10 + d;
      }
      const lat = Math.round(nowUs() - ts);
      hist.recordValue(lat < 1 ? 1 : lat);
      return;
    }
    let m: { type?: string; users?: { user_info?: { name?: string } }[]; user?: { name?: string } };
    try {
      const s = buf.toString('utf8');
      m = target!.dialect === 'sio' ? JSON.parse(s.slice(2))[1] : JSON.parse(s);
    } catch {
      return;
    }
    if (m.type === 'init') {
      const names = (m.users ?? []).map((u) => String(u.user_info?.name));
      if (cl.spec.track) cl.users = new Set(names);
      if (cl.role === 'probe') cl.initNames = names;
      if (!cl.ready) {
        cl.ready = true;
        cl.onReady?.();
      }
    } else if (m.type === 'presence_join') {
      cl.joins++;
      cl.users?.add(String(m.user?.name));
    } else if (m.type === 'presence_leave') {
      cl.leaves++;
      cl.users?.delete(String(m.user?.name));
    }
  },
  onClose(c, code, err) {
    const cl = (c as WsClient & { cl: Cl }).cl;
    clients.delete(cl);
    if (!cl.expectClose) {
      unexpectedCloses++;
      closeCodes[code] = (closeCodes[code] ?? 0) + 1;
    }
    if (!cl.ready) cl.onReady?.(err ?? `closed ${code} before init`);
    cl.onClosed?.();
  },
};

function open(spec: ClientSpec, role: Cl['role']): Promise<Cl> {
  const t = target!;
  const path = `${t.pathPrefix}room=${encodeURIComponent(spec.room)}&name=${encodeURIComponent(spec.name)}`;
  return new Promise((resolve, reject) => {
    const cl: Cl = {
      c: undefined as unknown as WsClient,
      spec, role, users: undefined, initNames: undefined, joins: 0, leaves: 0, ready: false,
      onReady: (err) => {
        cl.onReady = undefined;
        if (err === undefined) resolve(cl);
        else reject(new Error(err));
      },
      onClosed: undefined,
      expectClose: false,
    };
    const c = new WsClient(t.host, t.port, path, t.dialect, events);
    (c as WsClient & { cl: Cl }).cl = cl;
    cl.c = c;
    clients.add(cl);
  });
}

async function connect(specs: ClientSpec[], concurrency: number): Promise<ConnectResult> {
  const t0 = performance.now();
  let next = 0;
  let opened = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lane = async (): Promise<void> => {
    while (next < specs.length) {
      const spec = specs[next++];
      try {
        const cl = await open(spec, 'member');
        opened++;
        if (spec.sender) senders.push(cl);
      } catch (e) {
        failed++;
        firstError ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, specs.length)) }, lane));
  return { opened, failed, firstError, ms: performance.now() - t0 };
}

function chatText(): string {
  const text = `${Math.round(nowUs())}${padStr}`;
  return target!.dialect === 'sio' ? `42["msg",{"type":"message","text":"${text}"}]` : `{"type":"message","text":"${text}"}`;
}

function startLoad(rate: number): void {
  stopLoad();
  if (rate <= 0 || senders.length === 0) return;
  let quota = 0;
  let last = performance.now();
  let rr = 0;
  loadTimer = setInterval(() => {
    const now = performance.now();
    quota += ((now - last) / 1000) * rate;
    last = now;
    // never burst more than 100 ms worth after a stall
    if (quota > rate / 10 + 1) quota = rate / 10 + 1;
    while (quota >= 1) {
      quota--;
      const s = senders[rr++ % senders.length];
      if (!s.c.open) continue;
      s.c.sendText(chatText());
      sent++;
    }
  }, 2);
}

function stopLoad(): void {
  if (loadTimer !== undefined) clearInterval(loadTimer);
  loadTimer = undefined;
}

function stats(reset: boolean, resetPresence: boolean): StatsResult {
  const r: StatsResult = {
    sent, delivered, hist: hdr.encodeIntoCompressedBase64(hist), unexpectedCloses, closeCodes, open: clients.size,
  };
  if (reset) {
    sent = 0;
    delivered = 0;
    hist.reset();
    unexpectedCloses = 0;
    closeCodes = {};
  }
  if (resetPresence) {
    for (const cl of clients) {
      cl.joins = 0;
      cl.leaves = 0;
    }
  }
  return r;
}

async function churn(rooms: string[], rate: number, durationMs: number, minStay: number, maxStay: number, prefix: string): Promise<ChurnResult> {
  const joined: Record<string, number> = {};
  let failed = 0;
  let started = 0;
  let firstError: string | undefined;
  let live = 0;
  let k = 0;
  const t0 = performance.now();
  let last = t0;
  let quota = 0;
  let doneResolve!: () => void;
  const done = new Promise<void>((r) => (doneResolve = r));
  let spawning = true;
  const maybeDone = (): void => {
    if (!spawning && live === 0) doneResolve();
  };
  const spawn = (): void => {
    const room = rooms[Math.floor(Math.random() * rooms.length)];
    const spec: ClientSpec = { room, name: `${prefix}${k++}`, sender: false, track: false };
    live++;
    started++;
    open(spec, 'churner').then(
      (cl) => {
        joined[room] = (joined[room] ?? 0) + 1;
        cl.expectClose = true;
        cl.onClosed = () => {
          live--;
          maybeDone();
        };
        setTimeout(() => cl.c.close(), minStay + Math.random() * (maxStay - minStay));
      },
      (e: Error) => {
        failed++;
        firstError ??= e.message;
        live--;
        maybeDone();
      },
    );
  };
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - t0 >= durationMs) {
      clearInterval(timer);
      spawning = false;
      maybeDone();
      return;
    }
    quota += ((now - last) / 1000) * rate;
    last = now;
    while (quota >= 1) {
      quota--;
      spawn();
    }
  }, 5);
  const timeout = new Promise<void>((r) => setTimeout(r, durationMs + 20000).unref());
  await Promise.race([done, timeout]);
  return { joined, failed: failed + live, firstError, started };
}

function presenceCheck(expected: Record<string, string[]>): PresenceCheckResult {
  const r: PresenceCheckResult = { checked: 0, mismatches: 0, joinsByRoom: {}, leavesByRoom: {}, trackedByRoom: {} };
  const want = new Map(Object.entries(expected).map(([room, names]) => [room, [...names].sort().join(',')]));
  for (const cl of clients) {
    if (!cl.spec.track || cl.role !== 'member') continue;
    const room = cl.spec.room;
    r.checked++;
    r.joinsByRoom[room] = (r.joinsByRoom[room] ?? 0) + cl.joins;
    r.leavesByRoom[room] = (r.leavesByRoom[room] ?? 0) + cl.leaves;
    r.trackedByRoom[room] = (r.trackedByRoom[room] ?? 0) + 1;
    const have = [...(cl.users ?? [])].sort().join(',');
    if (have !== want.get(room)) {
      r.mismatches++;
      r.example ??= `${cl.spec.name} in ${room}: sees [${have.slice(0, 200)}] expected [${(want.get(room) ?? '').slice(0, 200)}]`;
    }
  }
  return r;
}

async function probe(specs: ClientSpec[]): Promise<ProbeResult> {
  const rooms: Record<string, string[]> = {};
  let failed = 0;
  await Promise.all(
    specs.map(async (spec) => {
      try {
        const cl = await open(spec, 'probe');
        rooms[spec.room] = cl.initNames ?? [];
        cl.expectClose = true;
        cl.c.reset();
      } catch {
        failed++;
      }
    }),
  );
  return { rooms, failed };
}

async function closeAll(): Promise<void> {
  stopLoad();
  const all = [...clients];
  await Promise.all(
    all.map(
      (cl) =>
        new Promise<void>((r) => {
          cl.expectClose = true;
          if (cl.c.closed) return r();
          const prev = cl.onClosed;
          cl.onClosed = () => {
            prev?.();
            r();
          };
          cl.c.reset();
        }),
    ),
  );
  clients.clear();
  senders = [];
}

async function handle(b: Command): Promise<unknown> {
  switch (b.cmd) {
    case 'target':
      target = b.target;
      padStr = b.target.pad > 0 ? ' ' + 'x'.repeat(b.target.pad - 1) : '';
      hist = newHist();
      return true;
    case 'connect':
      return connect(b.clients, b.concurrency);
    case 'load':
      startLoad(b.rate);
      return true;
    case 'stopLoad':
      stopLoad();
      return true;
    case 'stats':
      return stats(b.reset, b.resetPresence === true);
    case 'churn':
      return churn(b.rooms, b.rate, b.durationMs, b.minStayMs, b.maxStayMs, b.prefix);
    case 'presenceCheck':
      return presenceCheck(b.expected);
    case 'probe':
      return probe(b.clients);
    case 'closeAll':
      await closeAll();
      return true;
  }
}

port.on('message', (req: Request) => {
  handle(req.body).then(
    (result) => port.postMessage({ id: req.id, result } satisfies Reply),
    (e: Error) => port.postMessage({ id: req.id, error: e?.stack ?? String(e) } satisfies Reply),
  );
});
