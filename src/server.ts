// The gateway: uWebSockets.js app, routes, WebSocket sessions, start-up and graceful shutdown.
import uWS from 'uWebSockets.js';
import { mkdirSync } from 'node:fs';
import type { Config } from './config.js';
import { log, setLogLevel } from './log.js';
import { gauges, stats } from './metrics.js';
import { ScriptStore } from './store.js';
import { CompilePool, compilerFingerprint } from './compile-pool.js';
import { ScriptService } from './scripts.js';
import { memoryEngine, type Engine } from './engine.js';
import { redisEngine } from './redis-engine.js';
import { ChannelHub } from './channels.js';
import { PresenceService } from './presence.js';
import { Session, CLOSE_GOING_AWAY, CLOSE_TOO_BIG, FRAME_OVERHEAD, type SessionDeps } from './session.js';
import { HttpCtx, inflightRequests, parseJsonBody, BodyTooLarge } from './http-util.js';
import { handleAdmin } from './admin-api.js';
import { invokeHttp, statusLine, jsonResult } from './http-invoke.js';
import { buildRequest, type RequestData } from './request.js';
import { loadSecrets, makeAdminCheck, userToken, verifyUserToken } from './auth.js';
import { timers } from './timers.js';
import { setSchedulerErrorHandler } from './scheduler.js';
import type { ScriptVersion } from './registry.js';

interface WsData {
  version: ScriptVersion;
  request: RequestData | undefined;
  session?: Session;
}

const CUSTOM_PREFIX = '/api/custom/';

/** Is the loaded uWebSockets.js the native binary (not the package's slow `ws`-based fallback)? */
export function uwsIsNative(): boolean {
  const m = uWS as unknown as Record<string, unknown>;
  return typeof m.getParts === 'function' && typeof m.SSLApp === 'function' && typeof m.us_socket_local_port === 'function';
}

/** '/api/custom/{db}/{rest}' → [db, rest] */
function splitCustom(url: string): [string, string] | undefined {
  const rest = url.slice(CUSTOM_PREFIX.length);
  const i = rest.indexOf('/');
  if (i <= 0) return undefined;
  let db: string;
  try {
    db = decodeURIComponent(rest.slice(0, i));
  } catch {
    return undefined;
  }
  return [db, rest.slice(i + 1)];
}

export class Gateway {
  readonly engine: Engine;
  readonly hub: ChannelHub;
  readonly presence: PresenceService;
  readonly sessions = new Set<Session>();
  scripts!: ScriptService;
  port = 0;
  private store!: ScriptStore;
  private pool!: CompilePool;
  private app!: uWS.TemplatedApp;
  private listenSocket: uWS.us_listen_socket | undefined;
  private ready = false;
  private stopping: Promise<void> | undefined;
  private sessionDeps!: SessionDeps;
  private readonly forget = (s: Session): void => {
    this.sessions.delete(s);
  };

  constructor(readonly config: Config) {
    this.engine =
      config.redisUrl === undefined
        ? memoryEngine()
        : redisEngine({ url: config.redisUrl, node: config.nodeId, prefix: config.redisPrefix, heartbeatTtlMs: config.heartbeatTtlMs });
    this.hub = new ChannelHub(this.engine.broker);
    this.presence = new PresenceService(this.engine.presence, this.engine.broker);
  }

  async start(): Promise<void> {
    const c = this.config;
    setLogLevel(c.logLevel);
    if (!uwsIsNative()) {
      if (!c.allowUwsFallback) {
        throw new Error(
          'uWebSockets.js native binary did not load: the package fell back to its slow JS implementation. ' +
            'Refusing to start; pass --allow-uws-fallback to run anyway.',
        );
      }
      log.warn('running on the slow uWebSockets.js fallback (--allow-uws-fallback)');
    }
    setSchedulerErrorHandler((e) => log.error({ err: e }, 'session pump failed'));
    await this.engine.start?.();
    mkdirSync(c.dataDir, { recursive: true });
    const secrets = loadSecrets(c.dataDir, c.adminKey, c.jwtSecret);
    if (secrets.generatedAdminKey) {
      process.stdout.write(`moongate: generated admin key (stored in ${c.dataDir}/admin.key, shown only once): ${secrets.adminKey}\n`);
    }
    this.store = new ScriptStore(c.dataDir);
    this.pool = new CompilePool(c.compileThreads);
    this.scripts = new ScriptService(this.store, this.pool, compilerFingerprint());
    const empty = this.store.count() === 0;
    await this.scripts.load();
    if (empty && c.examples) {
      const n = await this.scripts.registerExamples();
      if (n > 0) log.info({ count: n }, 'registered the example scripts (empty data directory)');
    }
    gauges.channels = () => this.hub.size;
    gauges.presenceMembers = () => this.presence.members();
    gauges.scripts = () => this.scripts.registry.size;

    this.sessionDeps = {
      hub: this.hub,
      presence: this.presence,
      limits: { maxQueue: c.maxQueue, maxBackpressureBytes: c.maxBackpressureBytes, graceMs: c.graceMs, cpuLimitMs: c.cpuLimitMs },
    };
    const checkAdmin = makeAdminCheck(secrets.adminKey);
    const jwtSecret = secrets.jwtSecret;

    const app = (this.app = c.tlsCert ? uWS.SSLApp({ cert_file_name: c.tlsCert, key_file_name: c.tlsKey }) : uWS.App());
    if (c.nativeForwarding) this.hub.setNativePublish((topic, bytes, isBinary) => app.publish(topic, bytes, isBinary), FRAME_OVERHEAD);

    app.any('/_api/*', (res, req) => {
      const ctx = new HttpCtx(res, req);
      void handleAdmin(ctx, {
        scripts: this.scripts,
        hub: this.hub,
        presence: this.presence,
        checkAdmin,
        maxBodyBytes: c.maxBodyBytes,
        isReady: () => this.ready,
      });
    });

    app.any('/api/custom/*', (res, req) => {
      const ctx = new HttpCtx(res, req);
      void this.handleScriptHttp(ctx, jwtSecret);
    });

    app.ws<WsData>('/api/custom/*', {
      // uWS itself drops (1006, no close frame) anything above its limit; between our limit and its, we
      // close with 1009. Its limit is at least 2 MB so that any plausible oversized message gets the 1009
      // (uWS holds at most that much of a message per connection before we see it).
      maxPayloadLength: Math.min(Math.max(c.maxMessageBytes * 4, c.maxMessageBytes + 64 * 1024, 2 * 1024 * 1024), 256 * 1024 * 1024),
      maxBackpressure: c.maxBackpressureBytes + Math.max(c.maxMessageBytes, 64 * 1024) * 4,
      idleTimeout: c.idleTimeoutSec,
      sendPingsAutomatically: true,
      upgrade: (res, req, context) => this.upgrade(res, req, context, jwtSecret),
      open: (ws) => {
        const d = ws.getUserData();
        if (this.stopping !== undefined) {
          ws.end(CLOSE_GOING_AWAY, 'server shutting down');
          return;
        }
        const s = new Session(ws, d.version.chunkName, d.version.meta.db, d.version.factory, buildRequest(d.request!), this.sessionDeps, d.version.forwards ?? false);
        d.session = s;
        d.request = undefined; // the script has its request table now
        this.sessions.add(s);
        s.onFinished = this.forget;
        s.start();
      },
      message: (ws, message) => {
        const s = ws.getUserData().session;
        if (s === undefined) return;
        if (message.byteLength > c.maxMessageBytes) {
          stats.tooLargeCloses++;
          ws.end(CLOSE_TOO_BIG, 'message too large');
          return;
        }
        s.onMessage(Buffer.from(message).toString('latin1'));
      },
      close: (ws) => {
        const s = ws.getUserData().session;
        if (s !== undefined) s.onSocketClose();
      },
    });

    app.any('/*', (res, req) => {
      const ctx = new HttpCtx(res, req);
      ctx.json(404, { error: `no such route: ${ctx.method} ${ctx.url}` });
    });

    await new Promise<void>((resolve, reject) => {
      app.listen(c.host, c.port, (ls) => {
        if (!ls) return reject(new Error(`cannot listen on ${c.host}:${c.port}`));
        this.listenSocket = ls;
        this.port = uWS.us_socket_local_port(ls as unknown as uWS.us_socket);
        resolve();
      });
    });
    this.ready = true;
    log.info({ host: c.host, port: this.port, tls: !!c.tlsCert, scripts: this.scripts.registry.size }, 'listening');
  }

  private upgrade(res: uWS.HttpResponse, req: uWS.HttpRequest, context: uWS.us_socket_context_t, jwtSecret: Uint8Array): void {
    const url = req.getUrl();
    const query = req.getQuery() ?? '';
    const headers: [string, string][] = [];
    req.forEach((k, v) => headers.push([k, v]));
    const key = req.getHeader('sec-websocket-key');
    const protocol = req.getHeader('sec-websocket-protocol');
    const extensions = req.getHeader('sec-websocket-extensions');
    const authorization = req.getHeader('authorization');
    const refuse = (status: number, body: unknown) => {
      const r = jsonResult(status, body);
      res.cork(() => {
        res.writeStatus(statusLine(status));
        for (const [k, v] of r.headers) res.writeHeader(k, v);
        res.end(r.body);
      });
    };
    if (this.stopping !== undefined) return refuse(503, { error: 'server shutting down' });
    const dbPath = splitCustom(url);
    const m = dbPath === undefined ? undefined : this.scripts.registry.match(dbPath[0], dbPath[1], 'WS');
    if (m === undefined || !m.ok) {
      return refuse(m?.status ?? 404, { error: m?.status === 405 ? 'this path has no WebSocket script' : `no script at ${url}` });
    }
    const version = m.version;
    const request: RequestData = { method: 'WS', path: url, query, params: m.params, headers };
    const doUpgrade = (): void => {
      res.cork(() => res.upgrade<WsData>({ version, request }, key, protocol, extensions, context));
    };
    const token = userToken(authorization, query);
    if (token === undefined) {
      if (version.meta.auth === 'required') return refuse(401, { error: 'authentication required' });
      return doUpgrade();
    }
    let aborted = false;
    res.onAborted(() => (aborted = true));
    void verifyUserToken(token, jwtSecret).then((v) => {
      if (aborted) return;
      if (!v.ok) return refuse(401, { error: v.error });
      request.user = v.claims;
      doUpgrade();
    });
  }

  private async handleScriptHttp(ctx: HttpCtx, jwtSecret: Uint8Array): Promise<void> {
    const c = this.config;
    const method = ctx.method;
    const bodyP = method === 'GET' || method === 'HEAD' ? undefined : ctx.readBody(c.maxBodyBytes);
    bodyP?.catch(() => {});
    try {
      if (this.stopping !== undefined) return ctx.json(503, { error: 'server shutting down' });
      const dbPath = splitCustom(ctx.url);
      const m = dbPath === undefined ? undefined : this.scripts.registry.match(dbPath[0], dbPath[1], method);
      if (m === undefined || !m.ok) {
        if (m?.status === 405) {
          const allow = m.allow!.filter((x) => x !== 'WS');
          if (allow.length === 0) {
            // a WebSocket-only script: say how to reach it
            return ctx.json(426, { error: `${ctx.url} is a WebSocket endpoint: connect with a WebSocket upgrade` }, [['upgrade', 'websocket']]);
          }
          return ctx.json(405, { error: `method ${method} not allowed` }, [['allow', allow.join(', ')]]);
        }
        return ctx.json(404, { error: `no script at ${ctx.url}` });
      }
      const version = m.version;
      const request: RequestData = { method, path: ctx.url, query: ctx.query, params: m.params, headers: ctx.headers };
      const token = userToken(ctx.header('authorization'), ctx.query);
      if (token !== undefined) {
        const v = await verifyUserToken(token, jwtSecret);
        if (!v.ok) return ctx.json(401, { error: v.error });
        request.user = v.claims;
      } else if (version.meta.auth === 'required') {
        return ctx.json(401, { error: 'authentication required' });
      }
      if (bodyP !== undefined) {
        let body: Buffer;
        try {
          body = await bodyP;
        } catch (e) {
          if (e instanceof BodyTooLarge) return ctx.json(413, { error: e.message });
          throw e;
        }
        try {
          request.body = parseJsonBody(body);
        } catch {
          return ctx.json(400, { error: 'malformed JSON body' });
        }
      }
      if (ctx.aborted) return;
      ctx.reply(
        invokeHttp(version.chunkName, version.meta.db, version.factory, buildRequest(request), {
          hub: this.hub,
          presence: this.presence,
          cpuLimitMs: c.cpuLimitMs,
        }),
      );
    } catch (e) {
      log.error({ err: e, url: ctx.url }, 'script invocation failed');
      ctx.json(500, { error: 'internal error' });
    }
  }

  /** Stop accepting, close WebSockets with 1001, let in-flight HTTP finish, release everything. */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      this.ready = false;
      log.info({ sessions: this.sessions.size }, 'shutting down');
      if (this.listenSocket !== undefined) uWS.us_listen_socket_close(this.listenSocket);
      this.listenSocket = undefined;
      for (const s of [...this.sessions]) s.stop('server shutting down', CLOSE_GOING_AWAY);
      const deadline = Date.now() + this.config.shutdownMs;
      while (inflightRequests() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      timers.clear();
      await this.pool?.close();
      this.store?.close();
      await this.engine.broker.close();
      await this.engine.presence.close();
      log.info('stopped');
    })());
  }
}
