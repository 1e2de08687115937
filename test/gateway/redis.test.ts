// Several gateway nodes on one real Redis (redis-server spawned here): broadcasts and presence cross
// nodes, a killed node's users leave after the heartbeat TTL, a lost Redis link comes back.
import t from 'tap';
import { Redis } from 'ioredis';
import { startServer, connect, freePort, eventually, startRedis, type Server, type Client } from './helpers.js';

t.setTimeout(180_000);

const TTL_MS = 3000;

const chat = (room: string, name: string) => `/api/custom/_system/chat?room=${room}&name=${name}`;

async function presenceNames(s: Server, channel: string): Promise<string[]> {
  const r = await s.admin('GET', `/_api/database/_system/channels/${channel}/presence`);
  return r.json.members.map((m: any) => m.user_info.name);
}

/** Poll a node's presence of `channel` until it is exactly `names` (in order). */
async function presenceIs(s: Server, channel: string, names: string[]): Promise<void> {
  await eventually(`${channel} presence = ${names.join(',')}`, async () => {
    const got = await presenceNames(s, channel);
    return JSON.stringify(got) === JSON.stringify(names) ? true : undefined;
  });
}

async function joinChat(s: Server, room: string, name: string): Promise<{ c: Client; users: string[] }> {
  const c = await connect(s, chat(room, name));
  const init = await c.nextJson();
  if (init.type !== 'init') throw new Error(`expected init, got ${JSON.stringify(init)}`);
  return { c, users: init.users.map((u: any) => u.user_info.name) };
}

t.test('nodes on one Redis', async (t) => {
  const redis = await startRedis(t);
  if (redis === undefined) return;
  const nodeArgs = (id: string) => ['--redis', redis.url, '--node-id', id, '--heartbeat-ttl-ms', String(TTL_MS)];
  const a = await startServer({ args: nodeArgs('node-a') });
  t.teardown(() => a.cleanup());
  const b = await startServer({ args: nodeArgs('node-b') });
  t.teardown(() => b.cleanup());
  for (const s of [a, b]) t.ok(s.logs.some((l) => l.msg === 'redis engine ready'), 'the node runs the Redis engine');

  let alice: Client;
  let carol: Client;

  await t.test('presence and broadcasts cross nodes, once and in order', async (t) => {
    const al = await joinChat(a, 'x', 'Alice');
    alice = al.c;
    t.same(al.users, ['Alice']);
    await presenceIs(b, 'chat:x', ['Alice']); // node B's replica has the user who joined on A
    const bob = await joinChat(b, 'x', 'Bob');
    t.same(bob.users, ['Alice', 'Bob'], 'presence.list on B shows the user of A, in join order');
    t.match(await alice.nextJson(), { type: 'presence_join', user: { name: 'Bob' } }, 'a join on B reaches A');

    const N = 40;
    for (let i = 1; i <= N; i++) alice.send({ type: 'message', text: `m${i}` });
    for (let i = 1; i <= N; i++) t.same(await bob.c.nextJson(), { type: 'chat', from: 'Alice', text: `m${i}` }, `B gets m${i}`);
    for (let i = 1; i <= N; i++) t.same(await alice.nextJson(), { type: 'chat', from: 'Alice', text: `m${i}` }, `A's sender gets m${i}`);
    // Bob's answer crosses Redis after Alice's messages did: were their echoes delivered again on A,
    // they would come before it
    bob.c.send({ type: 'message', text: 'done' });
    t.same(await bob.c.nextJson(), { type: 'chat', from: 'Bob', text: 'done' });
    t.same(await alice.nextJson(), { type: 'chat', from: 'Bob', text: 'done' }, 'no echo duplicates on the publishing node');

    const r = await b.admin('POST', '/_api/database/_system/channels/chat:x/broadcast', { type: 'chat', from: 'ops', text: 'from B' });
    t.equal(r.status, 200);
    t.same(await alice.nextJson(), { type: 'chat', from: 'ops', text: 'from B' }, 'an admin broadcast on B reaches A');
    t.same(await bob.c.nextJson(), { type: 'chat', from: 'ops', text: 'from B' });

    bob.c.close();
    t.match(await alice.nextJson(), { type: 'presence_leave', user: { name: 'Bob' } }, 'a leave on B reaches A');
    await presenceIs(a, 'chat:x', ['Alice']);
  });

  await t.test("a killed node's users leave after the heartbeat TTL", async (t) => {
    const dave = await joinChat(a, 'x', 'Dave');
    t.same(dave.users, ['Alice', 'Dave']);
    t.match(await alice.nextJson(), { type: 'presence_join', user: { name: 'Dave' } });
    await presenceIs(b, 'chat:x', ['Alice', 'Dave']);
    const c = await joinChat(b, 'x', 'Carol');
    carol = c.c;
    t.same(c.users, ['Alice', 'Dave', 'Carol']);
    t.match(await alice.nextJson(), { type: 'presence_join', user: { name: 'Carol' } });

    a.proc.kill('SIGKILL');
    await a.exited;
    const left = [await carol.nextJson(TTL_MS * 10), await carol.nextJson(TTL_MS * 10)];
    t.same(left.map((m) => m.type), ['presence_leave', 'presence_leave']);
    t.same(left.map((m) => m.user.name).sort(), ['Alice', 'Dave'], "both of A's users left");
    t.same(await presenceNames(b, 'chat:x'), ['Carol']);
    t.equal(await carol.quiet(TTL_MS), undefined, 'each leave is emitted once (reapers look every TTL/3)');
    const r = new Redis(redis.url);
    try {
      t.same(await r.smembers('moongate:nodes'), ['node-b'], 'the dead node is gone from Redis');
      t.equal(await r.exists('moongate:presence:node-a'), 0);
    } finally {
      r.disconnect();
    }
  });

  await t.test('a lost Redis link comes back; presence is restored', async (t) => {
    await redis.stop();
    await b.waitForLog((l) => l.msg === 'redis link lost; reconnecting', 10_000);
    await redis.start(); // a fresh, empty Redis on the same port
    await b.waitForLog((l) => l.msg === 'redis link restored' && l.link === 'commands', 20_000);
    await b.waitForLog((l) => l.msg === 'redis link restored' && l.link === 'subscriber', 20_000);
    await b.waitForLog((l) => l.msg === 'this node had been taken for dead; its presence records were restored', 20_000);
    // a new node sees B's records, written back after the restart
    const c = await startServer({ args: nodeArgs('node-c') });
    t.teardown(() => c.cleanup());
    await presenceIs(c, 'chat:x', ['Carol']);
    const frank = await joinChat(c, 'x', 'Frank');
    t.same(frank.users, ['Carol', 'Frank']);
    t.match(await carol.nextJson(), { type: 'presence_join', user: { name: 'Frank' } }, "B's subscription came back");
    frank.c.send({ type: 'message', text: 'after the restart' });
    t.same(await carol.nextJson(), { type: 'chat', from: 'Frank', text: 'after the restart' });
    carol.send({ type: 'message', text: 'back' });
    t.same(await carol.nextJson(), { type: 'chat', from: 'Carol', text: 'back' });
    t.same(await frank.c.nextJson(), { type: 'chat', from: 'Frank', text: 'after the restart' });
    t.same(await frank.c.nextJson(), { type: 'chat', from: 'Carol', text: 'back' });
    frank.c.close();
    t.match(await carol.nextJson(), { type: 'presence_leave', user: { name: 'Frank' } });
    await presenceIs(c, 'chat:x', ['Carol']);

    // a node that stops cleanly removes its records and heartbeat before it exits (no TTL to wait for)
    await b.stop();
    const r = new Redis(redis.url);
    try {
      t.same(await r.smembers('moongate:nodes'), ['node-c']);
      t.equal(await r.exists('moongate:presence:node-b'), 0);
    } finally {
      r.disconnect();
    }
    await presenceIs(c, 'chat:x', []);
  });
});

t.test('an unreachable Redis is a clear start-up error', async (t) => {
  const port = await freePort();
  await t.rejects(startServer({ args: ['--redis', `redis://127.0.0.1:${port}`, '--no-examples'] }), /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+/);
});
