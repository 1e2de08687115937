// Unit tests of the gateway's own structures: the timer heap, the route registry, and a session driven
// by a fake script instance and a fake socket (no compiler involved).
import t from 'tap';
import { TimerHeap, type TimerNode } from '../../src/timers.js';
import { Registry } from '../../src/registry.js';
import { ChannelHub } from '../../src/channels.js';
import { PresenceService } from '../../src/presence.js';
import { memoryEngine } from '../../src/engine.js';
import { Session, type Transport } from '../../src/session.js';
import type { InstanceFactory, RunResult, LuaValue } from '../../src/lua.js';
import { LuaTable } from '../../src/lua.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('timer heap: order, cancel, reschedule, one Node timer', async (t) => {
  const heap = new TimerHeap();
  const fired: string[] = [];
  const node = (name: string): TimerNode => ({ deadline: 0, heapIndex: -1, fire: () => fired.push(name) });
  const nodes = Array.from({ length: 200 }, (_, i) => node('n' + i));
  // (far enough ahead that a loaded machine cannot make them due before the rescheduled n1)
  nodes.forEach((n, i) => heap.schedule(n, 250 + ((i * 37) % 40)));
  t.equal(heap.size, 200);
  for (let i = 0; i < 200; i += 2) heap.cancel(nodes[i]);
  heap.schedule(nodes[1], 1); // reschedule earlier
  t.equal(heap.size, 100);
  const deadline = Date.now() + 10_000;
  while (fired.length < 100 && Date.now() < deadline) await sleep(50);
  t.equal(fired.length, 100);
  t.equal(fired[0], 'n1');
  t.notOk(fired.some((f) => Number(f.slice(1)) % 2 === 0), 'cancelled nodes never fire');
  t.equal(heap.size, 0);
});

t.test('registry: static before params, 404 vs 405, params decoded', async (t) => {
  const r = new Registry();
  const v = (id: string, path: string, methods: string[]) => ({
    meta: { id, db: 'd', name: id, path, methods, auth: 'none' as const, description: null, created_at: 0, updated_at: 0, version: 1 },
    chunkName: id + '.lua',
    factory: (() => {
      throw new Error('unused');
    }) as InstanceFactory,
  });
  r.set(v('p', 'users/:id', ['GET']));
  r.set(v('s', 'users/me', ['GET']));
  r.set(v('w', 'chat', ['WS']));
  let m = r.match('d', 'users/me', 'GET');
  t.ok(m.ok && m.version.meta.id === 's');
  m = r.match('d', 'users/a%20b', 'GET');
  t.ok(m.ok && m.version.meta.id === 'p' && m.params.id === 'a b');
  t.same(r.match('d', 'chat', 'GET'), { ok: false, status: 405, allow: ['WS'] });
  t.same(r.match('d', 'nope', 'GET'), { ok: false, status: 404 });
  t.same(r.match('x', 'chat', 'WS'), { ok: false, status: 404 });
  t.ok(r.conflict('d', 'users/:other', ['GET']));
  t.notOk(r.conflict('d', 'users/:other', ['POST']));
  r.remove('s');
  m = r.match('d', 'users/me', 'GET');
  t.ok(m.ok && m.version.meta.id === 'p');
});

/** A fake script: a list of steps, each answering the previous resume's values with a RunResult. */
let lastGlobals: Record<string, LuaValue> = {};
/** Call a solidb.ws.* built-in the fake script was given, e.g. api('channel', 'subscribe')('c'). */
const api = (...path: string[]) => {
  let v: LuaValue = (lastGlobals.solidb as LuaTable).get('ws');
  for (const k of path) v = (v as LuaTable).get(k);
  return v as (...a: LuaValue[]) => LuaValue;
};
function fakeFactory(steps: ((input: LuaValue[]) => RunResult)[], log: LuaValue[][]): InstanceFactory {
  return (opts) => {
    lastGlobals = opts.globals;
    let i = 0;
    return {
      run: () => steps[i++]([]),
      resume: (values) => {
        log.push(values);
        return steps[i++](values);
      },
      kill: () => {},
    };
  };
}

class FakeSocket implements Transport {
  sent: string[] = [];
  ended: [number | undefined, string | undefined] | undefined;
  onEnd: (() => void) | undefined;
  send(m: Uint8Array): number {
    this.sent.push(Buffer.from(m).toString());
    return 1;
  }
  end(code?: number, reason?: string): void {
    this.ended = [code, reason];
    this.onEnd?.();
  }
  cork(cb: () => void): void {
    cb();
  }
  getBufferedAmount(): number {
    return 0;
  }
}

t.test('session with a fake script: recv_any order, recv skipping events, timeout, close codes', async (t) => {
  const engine = memoryEngine();
  const hub = new ChannelHub(engine.broker);
  const presence = new PresenceService(engine.presence, engine.broker);
  const deps = { hub, presence, limits: { maxQueue: 4, maxBackpressureBytes: 1 << 20, graceMs: 200, cpuLimitMs: 100 } };
  const got: LuaValue[][] = [];
  const wait = (op: string, ...args: LuaValue[]): RunResult => ({ status: 'suspended', op, args });
  const sock = new FakeSocket();
  let subscribed: LuaValue;
  const steps = [
    // the solidb functions act on the session whose script is running: call them from a step
    () => ((subscribed = api('channel', 'subscribe')('c')), wait('recv')),
    () => wait('recv_any', 1000),
    () => wait('recv_any', 1000),
    () => wait('recv_any', 20),
    (): RunResult => ({ status: 'done', values: [] }),
  ];
  const s = new Session(sock, 'fake.lua', 'db1', fakeFactory(steps, got), new LuaTable(), deps);
  sock.onEnd = () => s.onSocketClose();
  s.start();
  t.equal(subscribed, true);
  t.throws(() => api('channel', 'list')(), 'not usable outside of a script run');
  hub.publish('db2', 'c', '{"n":0}', undefined); // another database's channel of that name: not delivered
  hub.publish('db1', 'c', '{"n":1}', undefined); // queued: recv takes client messages only
  s.onMessage('hello');
  t.same(got[0], ['hello'], 'recv got the client message');
  t.equal(got.length, 2, 'recv_any got the queued channel event at once');
  t.equal(got[1][1], 'channel');
  t.equal((got[1][0] as LuaTable).get('channel'), 'c', 'the channel name without the database');
  t.equal(((got[1][0] as LuaTable).get('data') as LuaTable).get('n'), 1, 'the broadcast of its own database');
  s.onMessage('second');
  t.same(got[2], ['second', 'ws']);
  await sleep(60);
  t.same(got[3], [undefined, undefined], 'recv_any(20) timed out with nil, nil');
  t.same(sock.ended, [1000, ''], 'script end closes with 1000');
  t.equal(hub.subscriberCount('db1', 'c'), 0, 'cleanup unsubscribed');

  // queue overflow → 1008
  const sock2 = new FakeSocket();
  const s2 = new Session(sock2, 'fake.lua', 'db1', fakeFactory([() => (api('channel', 'subscribe')('c'), wait('recv')), () => ({ status: 'done', values: [] })], []), new LuaTable(), deps);
  sock2.onEnd = () => s2.onSocketClose();
  s2.start();
  for (let i = 0; i < 5; i++) hub.publish('db1', 'c', '{}', undefined);
  t.same(sock2.ended, [1008, 'event queue overflow']);

  // error → 1011 with the message
  const sock3 = new FakeSocket();
  const s3 = new Session(sock3, 'fake.lua', 'db1', fakeFactory([() => ({ status: 'error', error: undefined, message: 'fake.lua:3: boom', cpuLimit: false })], []), new LuaTable(), deps);
  s3.start();
  t.same(sock3.ended, [1011, 'fake.lua:3: boom']);
});
