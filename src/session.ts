// One WebSocket connection running one instance of a compiled script.
//
// The script runs until it calls a suspending built-in (recv / recv_any), then waits. Client messages
// and channel/presence events are queued (bounded); when the wait can be satisfied the scheduler resumes
// the script. recv takes only client messages; recv_any takes whatever came first. The client's close
// makes a pending wait return nil; a script that does not end within the grace period is stopped.
import { randomUUID } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { channelKey, type Publication, type PresenceEvent } from './engine.js';
import type { ChannelHub, Subscriber } from './channels.js';
import { EV_CHANNEL, EV_PRESENCE } from './channels.js';
import type { PresenceService } from './presence.js';
import { wake, wakeSoon, type Runnable } from './scheduler.js';
import { timers, type TimerNode } from './timers.js';
import { stats } from './metrics.js';
import { log, scriptLogger, type Logger } from './log.js';
import {
  LuaTable, NONE, luaToJson, table, list, toNum, coerceNum, checkString, closeReason, argError, builtinError, luaTypeName,
  withGen, Suspend, type InstanceFactory, type LuaValue, type RunResult, type ScriptInstance,
} from './lua.js';
import { SharedJson } from './lua.js';
import { Names } from './names.js';
import { KEEP_TOPIC, JSON_ENCODE, channelTopic, type Forward } from './forwarding.js';

/** The socket as the session sees it; a uWS WebSocket fits. */
export interface Transport {
  send(message: Uint8Array, isBinary?: boolean): number;
  end(code?: number, shortMessage?: string): void;
  cork(cb: () => void): unknown;
  getBufferedAmount(): number;
  /** uWS topics, for native forwarding (forwarding.ts); a transport without them never forwards. */
  subscribe?(topic: string): boolean;
  unsubscribe?(topic: string): boolean;
}

export interface SessionLimits {
  maxQueue: number;
  maxBackpressureBytes: number;
  graceMs: number;
  cpuLimitMs: number;
}

export interface SessionDeps {
  hub: ChannelHub;
  presence: PresenceService;
  limits: SessionLimits;
}

export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY = 1008;
export const CLOSE_TOO_BIG = 1009;
export const CLOSE_ERROR = 1011;

const EV_WS = 0;
/** What recv (nil) and recv_any (nil, nil) return on a closed connection or a timeout. */
const NIL1: LuaValue[] = [undefined];
const NIL2: LuaValue[] = [undefined, undefined];
const DEFAULT_RECV_ANY_MS = 30000;
/** Immediate resumes in one pump before the session yields to others. */
const STEP_BUDGET = 64;
/** Waits a script may make after its connection closed before it is stopped. */
const MAX_CLOSED_WAITS = 100;
/**
 * Bytes charged per send on top of the message for the backpressure bound (see Session.send): a frame
 * header is at most 14 bytes; the rest covers control frames (pings, pongs, close) uWS may queue too.
 */
export const FRAME_OVERHEAD = 64;
/** Headroom kept below maxBackpressureBytes for control frames queued between two sends. */
const CONTROL_MARGIN = 64 * 1024;
/** Strings up to this length have their bytes cached for the next identical send (a fan-out). */
const SEND_CACHE_MAX = 64 * 1024;

// The last string sent and its bytes: every receiver of a broadcast typically sends the same string
// (json.encode of an unchanged broadcast table returns the one cached text, see runtime/lib/json.ts).
// uWS copies the bytes during send, so one Buffer can be sent to many sockets.
let lastSendStr = '';
let lastSendBuf: Buffer = Buffer.alloc(0);
let lastSendBinary = false;

const enum State {
  New,
  Running,
  Recv,
  RecvAny,
  Done,
}

interface Queued {
  seq: number;
  kind: number;
  payload: string | Publication | PresenceEvent;
}

/** A FIFO with O(1) shift. */
class Fifo {
  private items: Queued[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(q: Queued): void {
    this.items.push(q);
  }
  peek(): Queued | undefined {
    return this.items[this.head];
  }
  shift(): Queued {
    const q = this.items[this.head++];
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return q;
  }
  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

let recvFn: LuaValue;
let recvAnyFn: LuaValue;

export class Session implements Subscriber, Runnable, TimerNode {
  readonly id = randomUUID();
  scheduled = false;
  // TimerNode
  deadline = 0;
  heapIndex = -1;

  private state = State.New;
  private inst: ScriptInstance | undefined;
  private transport: Transport | undefined;
  private socketClosed = false;
  private timedOut = false;
  /** Waits answered with nil after the socket closed: a script looping on them is stopped. */
  private closedWaits = 0;
  private recvAnyTimeout = DEFAULT_RECV_ANY_MS;
  /**
   * The recv_any timeout, kept lazily: taking an event does not remove the timer from the heap (an
   * O(log n) cancel plus an insert per delivery); the next wait only records its deadline here, and an
   * entry left from an earlier wait that fires first is re-armed for the rest (fire). `waitNew`: the
   * script is in a recv_any whose deadline is not set yet (it starts when the wait parks, as before).
   */
  private waitDeadline = 0;
  private waitNew = false;
  /**
   * Bytes that can still be sent before the socket's buffered amount could exceed maxBackpressureBytes,
   * as of the last getBufferedAmount() (see send); <= 0: ask uWS again before the next send.
   */
  private sendSlack = 0;
  /**
   * Forwarding (forwarding.ts): idle in recv_any, the script allowing it. The socket subscribes to its
   * channels' uWS topics at the first publication that finds it so (topicsOn), not at every wait: a
   * presence event between two waits then costs no (un)subscribe. lastForward: when the last natively
   * forwarded publication was published (0: none since the wait began); it ends the wait the script is
   * in, as the event would have. pendingNative: bytes forwarded since the last send of ours, which uWS
   * may not count in getBufferedAmount yet.
   */
  forwarding = false;
  private topicsOn = false;
  private keepTopic = false;
  private lastForward = 0;
  private pendingNative = 0;
  /** `json` of the script at the time it began forwarding: its encode is checked per publication. */
  private fwdJson: LuaTable | undefined;
  /** The script's solidb and solidb.ws tables, as created (forwarding checks they are still in place). */
  private apiTable: LuaTable | undefined;
  private apiWs: LuaTable | undefined;
  private seq = 0;
  private readonly wsQ = new Fifo();
  private readonly evQ = new Fifo();
  private readonly subs = new Names();
  private readonly present = new Names();
  private logger: Logger | undefined;
  private finishedP: Promise<void> | undefined;
  private finishedResolve: (() => void) | undefined;
  /** Called once when the script has ended (any way). */
  onFinished: ((s: Session) => void) | undefined;

  constructor(
    transport: Transport,
    readonly scriptName: string,
    /** The script's database: its channels and presence are this database's (channelKey, engine.ts). */
    readonly db: string,
    private readonly factory: InstanceFactory,
    private readonly request: LuaTable,
    private readonly deps: SessionDeps,
    /** The script qualifies for native forwarding (forward-analysis.ts). */
    private readonly forwardable = false,
  ) {
    this.transport = transport;
  }

  /** Resolves when the script has ended (any way); made on demand (a promise per connection costs memory). */
  get finished(): Promise<void> {
    if (this.state === State.Done) return Promise.resolve();
    return (this.finishedP ??= new Promise((r) => (this.finishedResolve = r)));
  }

  get done(): boolean {
    return this.state === State.Done;
  }

  /** Create the instance and run the script up to its first wait. */
  start(): void {
    stats.connectionsOpen++;
    stats.connectionsTotal++;
    recvFn ??= waitFn('recv', () => []);
    recvAnyFn ??= waitFn('recv_any', (t) => [timeoutArg(t)]);
    try {
      this.inst = this.factory({
        print: printLine,
        globals: { request: this.request, solidb: (this.apiTable = this.api()) },
        cpuLimitMs: this.deps.limits.cpuLimitMs,
      });
    } catch (e) {
      this.fail(`${this.scriptName}: ${(e as Error)?.message ?? String(e)}`, false);
      return;
    }
    wake(this);
  }

  // ---- input ----

  /** A client message (byte string). */
  onMessage(data: string): void {
    stats.messagesIn++;
    if (this.state === State.Done) return;
    if (!this.enqueue(EV_WS, data)) return;
    if (this.state === State.Recv || this.state === State.RecvAny) wake(this);
  }

  deliver(kind: number, payload: Publication | PresenceEvent): void {
    if (this.state === State.Done || this.socketClosed) return;
    if (!this.enqueue(kind, payload)) return;
    // a fan-out: run after this turn's I/O, taking every event that came in it at once (scheduler.ts)
    if (this.state === State.RecvAny) wakeSoon(this);
  }

  private enqueue(kind: number, payload: Queued['payload']): boolean {
    if (this.forwarding) this.stopForwarding();
    if (this.wsQ.length + this.evQ.length >= this.deps.limits.maxQueue) {
      stats.queueOverflowCloses++;
      this.closeSocket(CLOSE_POLICY, 'event queue overflow');
      return false;
    }
    (kind === EV_WS ? this.wsQ : this.evQ).push({ seq: this.seq++, kind, payload });
    return true;
  }

  /** The socket is gone (client close, idle timeout, server close). */
  onSocketClose(): void {
    if (this.socketClosed) return;
    this.socketClosed = true;
    this.transport = undefined;
    this.forwarding = false; // uWS drops a closed socket's topics itself
    this.topicsOn = false;
    stats.connectionsOpen--;
    this.cleanup();
    if (this.state === State.Done) return;
    this.wsQ.clear();
    this.evQ.clear();
    // a pending wait returns nil now; the script gets graceMs to end
    timers.schedule(this, this.deps.limits.graceMs);
    wake(this);
  }

  /** TimerNode: a recv_any timeout, or the grace period after the socket closed. */
  fire(): void {
    if (this.state === State.Done) return;
    if (this.socketClosed) {
      this.stop('script did not end after the connection closed');
      return;
    }
    if (this.state === State.RecvAny) {
      if (this.waitNew) return; // an entry left from an earlier wait; this one's timer starts at park()
      const now = performance.now();
      this.foldForwards();
      if (this.waitDeadline > now + 0.5) {
        // left from an earlier wait whose deadline came sooner: arm for the rest of this one
        timers.schedule(this, this.waitDeadline - now);
        return;
      }
      if (this.forwarding) this.stopForwarding();
      this.timedOut = true;
      wake(this);
    }
  }

  /** Stop the script now (grace period over, shutdown, deletion). */
  stop(reason: string, code = CLOSE_GOING_AWAY): void {
    if (this.state === State.Done) return;
    if (this.state !== State.Running) {
      try {
        this.inst?.kill(reason);
      } catch {
        /* already dead */
      }
    }
    this.finish(code, reason);
  }

  // ---- driving the script ----

  pump(): void {
    const st = this.state;
    if (st === State.Done || st === State.Running) return;
    const t = this.transport;
    // Cork when this run may send several messages (the first run, or more than one queued input to
    // take), so they leave in one write. A run for a single input (the fan-out case: one channel
    // event, one send) skips it: uWS corks a lone send itself, natively, so the JS cork callback
    // would only add a C++ → JS round trip per delivery. The bytes sent are the same either way.
    if (t !== undefined && (st === State.New || this.wsQ.length + this.evQ.length > 1)) {
      corking = this;
      t.cork(corkedRun);
    } else this.run();
  }

  /** Run the script until it waits; the solidb functions (shared by all sessions) act on `running`. */
  run(): void {
    const prev = running;
    running = this;
    try {
      this.drive();
    } catch (e) {
      // a runtime bug, not a Lua error: end this session, keep the gateway running
      log.error({ err: e, script: this.scriptName, conn: this.id }, 'script driver failure');
      if (this.state === State.Running) this.state = State.Recv;
      this.fail(`${this.scriptName}: internal error`, false);
    } finally {
      running = prev;
    }
  }

  private drive(): void {
    const inst = this.inst;
    if (inst === undefined) return;
    let r: RunResult;
    if (this.state === State.New) {
      this.state = State.Running;
      r = inst.run();
    } else {
      const v = this.take();
      if (v === undefined) return;
      this.state = State.Running;
      r = inst.resume(v);
    }
    for (let steps = 1; ; steps++) {
      if (r.status === 'suspended') {
        if (r.op === 'recv') {
          this.state = State.Recv;
        } else if (r.op === 'recv_any') {
          this.state = State.RecvAny;
          this.waitNew = true;
          const ms = r.args.length > 0 ? toNum(r.args[0]) : undefined;
          this.recvAnyTimeout = ms === undefined || Number.isNaN(ms) ? DEFAULT_RECV_ANY_MS : Math.max(0, ms);
        } else {
          this.state = State.Running;
          try {
            inst.kill(`unsupported operation '${r.op}'`);
          } catch {
            /* ignore */
          }
          this.fail(`${this.scriptName}: unsupported operation '${r.op}'`, false);
          return;
        }
        if (steps >= STEP_BUDGET) {
          // let others run; come back on the next drain
          if (this.ready()) wake(this);
          else this.park();
          return;
        }
        const v = this.take();
        if (v === undefined) {
          this.park();
          return;
        }
        this.state = State.Running;
        r = inst.resume(v);
        continue;
      }
      if (r.status === 'done') {
        this.finish(CLOSE_NORMAL, '');
        return;
      }
      if (r.status === 'paused') {
        // no pause slice is configured by the gateway; continue at once if it ever happens
        r = inst.resume([]);
        continue;
      }
      this.fail(r.cpuLimit ? 'CPU limit exceeded' : r.message, r.cpuLimit);
      return;
    }
  }

  /** Can the current wait be satisfied now? */
  private ready(): boolean {
    if (this.socketClosed) return true;
    if (this.state === State.Recv) return this.wsQ.length > 0;
    if (this.state === State.RecvAny) return this.wsQ.length > 0 || this.evQ.length > 0 || this.timedOut;
    return false;
  }

  /** nil for a wait on a closed connection; a script that keeps waiting (e.g. `while true do recv_any(100) end`) is stopped. */
  private closedWait(): LuaValue[] | undefined {
    if (++this.closedWaits > MAX_CLOSED_WAITS) {
      (this.logger ?? log).debug({ script: this.scriptName, conn: this.id }, 'script keeps waiting on a closed connection; stopped');
      queueMicrotask(() => this.stop('connection closed'));
      return undefined;
    }
    return this.state === State.RecvAny ? NIL2 : NIL1;
  }

  /** The values to resume the current wait with, or undefined when it must keep waiting. */
  private take(): LuaValue[] | undefined {
    if (this.state === State.Recv) {
      if (this.wsQ.length > 0) return [this.wsQ.shift().payload];
      if (this.socketClosed) return this.closedWait();
      return undefined;
    }
    if (this.state !== State.RecvAny) return undefined;
    const w = this.wsQ.peek();
    const e = this.evQ.peek();
    if (w !== undefined || e !== undefined) {
      // the wait is over; its heap entry stays (see waitDeadline) and is re-armed or ignored when it fires
      this.waitNew = false;
      this.waitDeadline = 0;
      this.timedOut = false;
      if (e === undefined || (w !== undefined && w.seq < e.seq)) return [this.wsQ.shift().payload, 'ws'];
      this.evQ.shift();
      // The payload is shared by every receiver; its JSON is decoded once (SharedJson), each receiver
      // gets its own copy (fields set in the same order as before: same key order for pairs/encode).
      if (e.kind === EV_CHANNEL) {
        const p = e.payload as Publication;
        const ev = new LuaTable();
        ev.setStr('channel', p.channel);
        ev.setStr('data', (p.shared ??= new SharedJson(p.data)).value());
        ev.setStr('timestamp', p.timestamp);
        ev.setStr('sender_id', p.senderId);
        return [ev, 'channel'];
      }
      const p = e.payload as PresenceEvent;
      const ev = new LuaTable();
      ev.setStr('event_type', p.eventType);
      ev.setStr('channel', p.channel);
      ev.setStr('user_info', (p.shared ??= new SharedJson(p.userInfo)).value());
      ev.setStr('connection_id', p.connectionId);
      ev.setStr('timestamp', p.timestamp);
      return [ev, 'presence'];
    }
    if (this.socketClosed) return this.closedWait();
    if (this.timedOut) {
      this.timedOut = false;
      return NIL2;
    }
    return undefined;
  }

  private park(): void {
    if (this.state !== State.RecvAny || this.socketClosed) return;
    if (this.forwardable && !this.forwarding) this.startForwarding();
    if (this.waitNew) {
      // a new wait: its deadline starts now
      this.waitNew = false;
      const deadline = performance.now() + Math.max(0, this.recvAnyTimeout);
      if (this.heapIndex < 0 || this.deadline > deadline) {
        timers.schedule(this, this.recvAnyTimeout);
        this.waitDeadline = this.deadline;
      } else this.waitDeadline = deadline; // an earlier entry is in the heap: fire() re-arms for the rest
    } else if (this.heapIndex < 0) {
      timers.schedule(this, Math.max(0, this.waitDeadline - performance.now()));
    }
  }

  // ---- native forwarding (forwarding.ts) ----

  /** Idle in recv_any with nothing queued: take channel publications natively, when the script still allows it. */
  private startForwarding(): void {
    const t = this.transport;
    if (t === undefined || t.subscribe === undefined || this.subs.size === 0) return;
    if (!this.deps.hub.nativeForwarding || this.wsQ.length + this.evQ.length > 0) return;
    // the forward statement reads the globals solidb and json: they must still be the originals
    const env = this.inst?.env;
    const api = this.apiTable;
    if (env === undefined || api === undefined || env.getStr('solidb') !== api) return;
    const ws = api.getStr('ws');
    if (ws !== this.apiWs || ws.getStr('send') !== apiSend) return;
    const json = env.getStr('json');
    if (!(json instanceof LuaTable) || json.getStr('encode') !== JSON_ENCODE) return;
    this.fwdJson = json;
    this.lastForward = 0;
    this.forwarding = true;
  }

  private subscribeTopics(t: Transport): void {
    if (!this.keepTopic) this.keepTopic = t.subscribe!(KEEP_TOPIC);
    const db = this.db;
    this.subs.forEach((ch) => t.subscribe!(channelTopic(channelKey(db, ch))));
    this.topicsOn = true;
  }

  /** Take the socket off its topics (before anything else reaches the script) and end the wait forwards ended. */
  private stopForwarding(): void {
    this.forwarding = false;
    this.fwdJson = undefined;
    const t = this.transport;
    const db = this.db;
    if (this.topicsOn && t !== undefined) this.subs.forEach((ch) => t.unsubscribe!(channelTopic(channelKey(db, ch))));
    this.topicsOn = false;
    this.foldForwards();
  }

  /** A forwarded publication ended the script's wait and started the next one (same timeout). */
  private foldForwards(): void {
    if (this.lastForward > 0) {
      this.waitDeadline = this.lastForward + Math.max(0, this.recvAnyTimeout);
      this.lastForward = 0;
    }
  }

  /** Subscriber: take `fw` natively, as the script would have sent it, within the backpressure rule of sendBytes. */
  forward(fw: Forward): boolean {
    // json.encode may have been replaced since (the library table is shared with other connections);
    // the receivers of one publication mostly share one json table: it is looked at once
    const json = this.fwdJson!;
    if (json !== fw.json) {
      fw.json = json;
      fw.jsonOk = json.getStr('encode') === JSON_ENCODE;
    }
    if (!fw.jsonOk) return false;
    const slack = this.sendSlack - fw.cost;
    if (slack < 0) return false; // the event path asks uWS for the real buffered amount
    if (!this.topicsOn) this.subscribeTopics(this.transport!); // the native publish follows the fan-out loop
    this.sendSlack = slack;
    this.pendingNative += fw.cost;
    this.lastForward = fw.time;
    return true;
  }

  private fail(message: string, cpuLimit: boolean): void {
    if (cpuLimit) stats.cpuLimitKills++;
    else stats.scriptErrors++;
    (this.logger ?? log).warn({ script: this.scriptName, conn: this.id, err: message, cpuLimit }, 'script error');
    this.finish(CLOSE_ERROR, closeReason(message));
  }

  private finish(code: number, reason: string): void {
    if (this.state === State.Done) return;
    this.state = State.Done;
    timers.cancel(this);
    this.inst = undefined;
    this.wsQ.clear();
    this.evQ.clear();
    this.cleanup();
    this.closeSocket(code, reason);
    this.finishedResolve?.();
    this.onFinished?.(this);
  }

  private closeSocket(code: number, reason: string): void {
    const t = this.transport;
    if (t === undefined) return;
    this.transport = undefined;
    try {
      t.end(code, reason);
    } catch {
      /* already closed */
    }
    this.onSocketClose();
  }

  /** Unsubscribe from every channel, leave every presence channel (others get "leave"). */
  private cleanup(): void {
    const { hub, presence } = this.deps;
    const db = this.db;
    for (const ch of this.subs.list()) hub.unsubscribe(this, db, ch);
    this.subs.clear();
    for (const ch of this.present.list()) {
      hub.removePresent(this, db, ch);
      presence.leave(db, ch, this.id);
    }
    this.present.clear();
  }

  print(line: string): void {
    (this.logger ??= scriptLogger(this.scriptName, this.id)).info(line);
  }

  // ---- the solidb table ----

  /** Send a byte string to the client (a binary frame when it is not valid UTF-8). */
  sendString(s: string): void {
    if (s !== lastSendStr) {
      const bytes = Buffer.from(s, 'latin1');
      if (s.length > SEND_CACHE_MAX) return this.sendBytes(bytes, !isUtf8(bytes));
      lastSendStr = s;
      lastSendBuf = bytes;
      lastSendBinary = !isUtf8(bytes);
    }
    this.sendBytes(lastSendBuf, lastSendBinary);
  }

  /** Send bytes to the client; disconnects (1008) a client that cannot keep up instead of dropping. */
  send(bytes: Buffer): void {
    this.sendBytes(bytes, !isUtf8(bytes));
  }

  /**
   * The rule: a send finding more than maxBackpressureBytes buffered closes the connection instead.
   * Asking uWS for the buffered amount on every send is a native call per delivery, so it is asked only
   * when it could be over the limit: the buffered amount grows only by what is sent (plus control
   * frames), so after reading it as b, sends totalling up to max - b (each charged its length plus
   * FRAME_OVERHEAD, with CONTROL_MARGIN kept aside) cannot find it above max. sendSlack counts that down.
   */
  private sendBytes(bytes: Buffer, isBinary: boolean): void {
    const t = this.transport;
    if (t === undefined) return;
    const cost = bytes.length + FRAME_OVERHEAD;
    let slack = this.sendSlack - cost;
    if (slack < 0) {
      const max = this.deps.limits.maxBackpressureBytes;
      const buffered = t.getBufferedAmount() + this.pendingNative;
      if (buffered > max) {
        stats.slowConsumerCloses++;
        this.closeSocket(CLOSE_POLICY, 'slow consumer');
        return;
      }
      slack = max - buffered - CONTROL_MARGIN - cost;
    }
    this.sendSlack = slack;
    this.pendingNative = 0; // a send first writes what uWS still holds for this socket
    stats.messagesOut++;
    if (t.send(bytes, isBinary) === 2) {
      stats.slowConsumerCloses++;
      this.closeSocket(CLOSE_POLICY, 'slow consumer');
    }
  }

  private api(): LuaTable {
    // fresh tables per connection (a script may change its own), the functions shared (see `running`)
    const ws = (this.apiWs = table({
      send: apiSend,
      recv: recvFn,
      recv_any: recvAnyFn,
      close: apiClose,
      channel: table({ subscribe: apiSubscribe, unsubscribe: apiUnsubscribe, broadcast: apiBroadcast, list: apiChannelList }),
      presence: table({ join: apiJoin, leave: apiLeave, list: apiPresenceList }),
    }));
    return table({ ws, error: httpOnlyError });
  }

  // ---- the solidb.ws functions, on the running session ----

  luaSend(data: LuaValue): void {
    if (this.transport === undefined) return;
    this.sendString(typeof data === 'string' ? data : data instanceof LuaTable ? luaToJson(data) : checkString(data, 1, 'send'));
  }

  luaClose(): void {
    this.closeSocket(CLOSE_NORMAL, '');
  }

  luaSubscribe(ch: string): boolean {
    if (this.socketClosed || this.state === State.Done) return false;
    if (this.subs.add(ch)) this.deps.hub.subscribe(this, this.db, ch);
    return true;
  }

  luaUnsubscribe(ch: string): void {
    if (this.subs.delete(ch)) this.deps.hub.unsubscribe(this, this.db, ch);
  }

  luaBroadcast(ch: string, data: LuaValue): void {
    this.deps.hub.publish(this.db, ch, luaToJson(data), this.id);
  }

  luaChannels(): LuaTable {
    return list(this.subs.list());
  }

  luaJoin(ch: string, info: LuaValue): boolean {
    if (this.socketClosed || this.state === State.Done) return false;
    const userInfo = luaToJson(info ?? new LuaTable()); // may raise (a function in it): nothing changed then
    if (this.present.add(ch)) this.deps.hub.addPresent(this, this.db, ch);
    this.deps.presence.join(this.db, ch, this.id, userInfo);
    return true;
  }

  luaLeave(ch: string): void {
    if (!this.present.delete(ch)) return;
    this.deps.hub.removePresent(this, this.db, ch);
    this.deps.presence.leave(this.db, ch, this.id);
  }

  luaPresence(ch: string): LuaTable {
    return presenceList(this.deps.presence, this.db, ch);
  }
}

// The session whose script is running (scripts never run nested, see scheduler.ts): the solidb
// functions are shared by all connections instead of a set of closures per connection.
let running: Session | undefined;
let corking: Session | undefined;

function corkedRun(): void {
  const s = corking!;
  corking = undefined;
  s.run();
}

function cur(): Session {
  if (running === undefined) return builtinError('solidb.ws used outside of its script');
  return running;
}

/**
 * A suspending built-in (recv, recv_any): checks its arguments on the caller's stack (so a bad argument
 * is reported at the script's line), then suspends the script with `op` and the checked arguments.
 */
function waitFn(op: string, check: (...args: LuaValue[]) => LuaValue[]): LuaValue {
  return withGen(
    (..._args: LuaValue[]): LuaValue => builtinError('attempt to yield across a C-call boundary'),
    function* (...args: LuaValue[]) {
      const checked = check(...args);
      return (yield new Suspend(op, checked)) as LuaValue;
    },
  );
}

/** recv_any's timeout: a number, or a string convertible to one (as Lua converts); nil: the default. */
function timeoutArg(v: LuaValue): LuaValue {
  if (v === undefined) return undefined;
  return coerceNum(v) ?? argError(1, 'recv_any', `number expected, got ${luaTypeName(v)}`);
}

function printLine(line: string): void {
  if (running !== undefined) running.print(line);
  else log.info(line);
}

const apiSend = (data: LuaValue): LuaValue => {
  cur().luaSend(data);
  return NONE;
};
const apiClose = (): LuaValue => {
  cur().luaClose();
  return NONE;
};
const apiSubscribe = (name: LuaValue): LuaValue => cur().luaSubscribe(checkString(name, 1, 'subscribe'));
const apiUnsubscribe = (name: LuaValue): LuaValue => {
  cur().luaUnsubscribe(checkString(name, 1, 'unsubscribe'));
  return true;
};
const apiBroadcast = (name: LuaValue, data: LuaValue): LuaValue => {
  cur().luaBroadcast(checkString(name, 1, 'broadcast'), data);
  return true;
};
const apiChannelList = (): LuaValue => cur().luaChannels();
const apiJoin = (name: LuaValue, info: LuaValue): LuaValue => cur().luaJoin(checkString(name, 1, 'join'), info);
const apiLeave = (name: LuaValue): LuaValue => {
  cur().luaLeave(checkString(name, 1, 'leave'));
  return true;
};
const apiPresenceList = (name: LuaValue): LuaValue => cur().luaPresence(checkString(name, 1, 'list'));

/** In a WebSocket script solidb.error(msg) is a plain Lua error (it ends the script: close 1011). */
function httpOnlyError(msg: LuaValue): never {
  return builtinError(typeof msg === 'string' ? msg : msg === undefined ? 'error' : checkString(msg, 1, 'error'));
}

export function presenceList(presence: PresenceService, db: string, channel: string): LuaTable {
  return list(
    presence.list(db, channel).map((r) =>
      table({ connection_id: r.connectionId, user_info: (r.shared ??= new SharedJson(r.userInfo)).value(), joined_at: r.joinedAt }),
    ),
  );
}
