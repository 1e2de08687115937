// Test support: build once, start a real gateway process on a free port, talk to it with real clients.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect as tcpConnect } from 'node:net';
import { mkdtempSync, rmSync, existsSync, statSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { SignJWT } from 'jose';
import type { Test } from 'tap';
import WebSocket from 'ws';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'src', 'cli.js');
export const ADMIN_KEY = 'test-admin-key-0123456789';
export const JWT_SECRET = 'test-jwt-secret-0123456789abcdef';

function newestMtime(dir: string): number {
  let m = 0;
  if (!existsSync(dir)) return 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) m = Math.max(m, newestMtime(p));
    else if (name.endsWith('.ts')) m = Math.max(m, st.mtimeMs);
  }
  return m;
}

/** Build dist/ with tsc when it is missing or older than the sources (one builder at a time). */
export async function ensureBuilt(): Promise<void> {
  const stale = () => {
    if (!existsSync(CLI)) return true;
    const built = statSync(CLI).mtimeMs;
    return ['src', 'compiler', 'runtime'].some((d) => newestMtime(join(ROOT, d)) > built);
  };
  if (!stale()) return;
  const lock = join(tmpdir(), 'moongate-test-build.lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone */
      }
      if (i > 1800) throw new Error('timed out waiting for another test to build dist/');
      await sleep(100);
      if (!existsSync(lock) && !stale()) return;
    }
  }
  try {
    if (stale()) {
      // tsc emits even with type errors in files that are not ours; the run below fails only if nothing was built
      spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], {
        stdio: 'ignore',
        cwd: ROOT,
      });
      if (!existsSync(CLI)) throw new Error('build failed: dist/src/cli.js missing (run npm run build)');
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ServerOptions {
  dataDir?: string;
  args?: string[];
  env?: Record<string, string | undefined>;
  /** Pass the admin key by env (default true). */
  adminKeyEnv?: boolean;
}

export interface LogLine {
  msg?: string;
  level?: number;
  [k: string]: unknown;
}

export class Server {
  port = 0;
  readonly logs: LogLine[] = [];
  readonly stdout: string[] = [];
  exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  constructor(
    readonly proc: ChildProcess,
    readonly dataDir: string,
    readonly ownsDataDir: boolean,
  ) {
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve((this.exitCode = code))));
  }

  get http(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  wsUrl(path: string): string {
    return `ws://127.0.0.1:${this.port}${path}`;
  }

  async admin(method: string, path: string, body?: unknown, key: string | null = ADMIN_KEY): Promise<{ status: number; json: any; text: string }> {
    const headers: Record<string, string> = {};
    if (key !== null) headers['x-api-key'] = key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(this.http + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await r.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.status, json, text };
  }

  /** Register a script (management API); throws unless 201. */
  async register(db: string, name: string, path: string, methods: string[], code: string, extra: Record<string, unknown> = {}): Promise<any> {
    const r = await this.admin('POST', `/_api/database/${db}/scripts`, { name, path, methods, code, ...extra });
    if (r.status !== 201) throw new Error(`register ${name}: ${r.status} ${r.text}`);
    return r.json;
  }

  async waitForLog(pred: (l: LogLine) => boolean, timeoutMs = 5000): Promise<LogLine> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const l = this.logs.find(pred);
      if (l !== undefined) return l;
      if (Date.now() > end) throw new Error('log line not seen');
      await sleep(20);
    }
  }

  /** SIGTERM and wait; SIGKILL after 10 s. */
  async stop(): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    this.proc.kill('SIGTERM');
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    const code = await this.exited;
    clearTimeout(t);
    return code;
  }

  async cleanup(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'moongate-test-'));
}

/** Start a gateway on a free port (--port 0) and wait until it listens. */
export async function startServer(o: ServerOptions = {}): Promise<Server> {
  await ensureBuilt();
  const dataDir = o.dataDir ?? tempDir();
  const env: Record<string, string | undefined> = { ...process.env, MOONGATE_JWT_SECRET: JWT_SECRET, ...o.env };
  if (o.adminKeyEnv !== false) env.MOONGATE_ADMIN_KEY = ADMIN_KEY;
  else delete env.MOONGATE_ADMIN_KEY;
  delete env.PORT;
  delete env.HOST;
  delete env.MOONGATE_DATA_DIR;
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, ...(o.args ?? [])], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const s = new Server(proc, dataDir, o.dataDir === undefined);
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const listening = new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      s.stdout.push(line);
      let l: LogLine;
      try {
        l = JSON.parse(line);
      } catch {
        return;
      }
      s.logs.push(l);
      if (l.msg === 'listening') {
        s.port = l.port as number;
        resolve();
      }
    });
    void s.exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}\n${s.stdout.join('\n')}`)));
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  try {
    await listening;
  } catch (e) {
    proc.kill('SIGKILL');
    if (s.ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return s;
}

export async function userToken(claims: Record<string, unknown>, secret = JWT_SECRET, exp = '1h'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(secret));
}

/** A WebSocket client that queues what it receives. */
export class Client {
  readonly ws: WebSocket;
  readonly messages: string[] = [];
  private waiters: (() => void)[] = [];
  closeCode: number | undefined;
  closeReason = '';
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(url: string, opts?: WebSocket.ClientOptions) {
    this.ws = new WebSocket(url, opts);
    this.ws.on('message', (d) => {
      this.messages.push(d.toString());
      this.notify();
    });
    this.closed = new Promise((resolve) =>
      this.ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        this.notify();
        resolve({ code, reason: this.closeReason });
      }),
    );
    this.opened = new Promise((resolve, reject) => {
      this.ws.on('open', () => resolve());
      this.ws.on('error', reject);
      this.ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    });
    this.opened.catch(() => {});
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(data: string | object): void {
    this.ws.send(typeof data === 'string' ? data : JSON.stringify(data));
  }

  /** The next message (text), or throws after timeoutMs. */
  async next(timeoutMs = 3000): Promise<string> {
    const end = Date.now() + timeoutMs;
    while (this.messages.length === 0) {
      if (this.closeCode !== undefined) throw new Error(`closed (${this.closeCode} ${this.closeReason}) while waiting for a message`);
      const left = end - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a message');
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.messages.shift()!;
  }

  async nextJson(timeoutMs = 3000): Promise<any> {
    return JSON.parse(await this.next(timeoutMs));
  }

  /** Skip messages until one satisfies pred. */
  async until(pred: (m: any) => boolean, timeoutMs = 3000): Promise<any> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = await this.nextJson(Math.max(1, end - Date.now()));
      if (pred(m)) return m;
    }
  }

  /** Assert nothing arrives for ms. */
  async quiet(ms: number): Promise<string | undefined> {
    await sleep(ms);
    return this.messages.shift();
  }

  close(code?: number): void {
    this.ws.close(code);
  }

  async closedWithin(ms = 3000): Promise<{ code: number; reason: string }> {
    return Promise.race([
      this.closed,
      sleep(ms).then(() => {
        throw new Error('connection not closed in time');
      }),
    ]);
  }
}

export async function connect(s: Server, path: string, opts?: WebSocket.ClientOptions): Promise<Client> {
  const c = new Client(s.wsUrl(path), opts);
  await c.opened;
  return c;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tcpConnect(port, '127.0.0.1');
    let got = '';
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      got += d.toString();
      if (got.includes('\r\n')) {
        s.destroy();
        resolve(got.startsWith('+PONG'));
      }
    });
    s.on('error', () => resolve(false));
  });
}

/** Poll `f` until it returns something other than undefined; fail after `ms`. */
export async function eventually<T>(what: string, f: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A real redis-server on `port` (for the Redis engine tests). */
export class RedisServer {
  private proc: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  readonly dir = tempDir();
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const p = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: 'ignore',
    });
    this.proc = p;
    this.exited = new Promise((r) => p.on('exit', () => r()));
    await eventually('redis-server to answer PING', async () => ((await ping(this.port)) ? true : undefined), 10_000);
  }

  async stop(): Promise<void> {
    this.proc?.kill('SIGTERM');
    await this.exited;
  }

  async cleanup(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A fresh real redis-server for a test, stopped when the test ends; when redis-server is not installed
 * the test fails saying so (CI installs it: Redis tests are never skipped).
 */
export async function startRedis(t: Test): Promise<RedisServer | undefined> {
  const which = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (which.error !== undefined || which.status !== 0) {
    t.fail('redis-server is not installed: apt-get install redis-server (the Redis engine tests need a real Redis; .ci/run installs it)');
    return undefined;
  }
  const redis = new RedisServer(await freePort());
  await redis.start();
  t.teardown(() => redis.cleanup());
  return redis;
}
