// Channels and presence are per database: scripts of two databases using the same channel name never
// see each other's broadcasts or presence, on one node (native forwarding on and off) and across nodes
// on Redis, where the same database on two nodes still shares its channels.
import t, { type Test } from 'tap';
import { Redis } from 'ioredis';
import { startServer, connect, eventually, startRedis, type Server, type Client } from './helpers.js';
import { forwardsChannels } from '../../src/forward-analysis.js';

t.setTimeout(180_000);

// Forwards channel events as they are (a native forward when enabled); client messages: {pub, ch?}
// broadcasts, {who} lists presence, {sub} subscribes more. Presence events are reported with the
// channel name the script sees.
const FWD = `
local room = request.query.room or "room"
solidb.ws.channel.subscribe(room)
solidb.ws.presence.join(room, {name = request.query.name})
solidb.ws.send(json.encode({type = "ready", who = solidb.ws.presence.list(room)}))
while true do
  local msg, msg_type = solidb.ws.recv_any(60000)
  if msg == nil then break end
  if msg_type == "ws" then
    local d = json.decode(msg)
    if d.pub then solidb.ws.channel.broadcast(d.ch or room, d.pub) end
    if d.who then solidb.ws.send(json.encode({type = "who", who = solidb.ws.presence.list(d.who)})) end
    if d.sub then solidb.ws.channel.subscribe(d.sub) solidb.ws.send(json.encode({type = "subbed", subs = solidb.ws.channel.list()})) end
  elseif msg_type == "channel" then
    solidb.ws.send(json.encode(msg.data))
  elseif msg_type == "presence" then
    solidb.ws.send(json.encode({type = "presence", ev = msg.event_type, channel = msg.channel, name = msg.user_info.name}))
  end
end
`;

// The same, but the channel branch reports the event's channel name: it always runs (never forwarded).
const RAW = FWD.replace('solidb.ws.send(json.encode(msg.data))', 'solidb.ws.send(json.encode({type = "raw", channel = msg.channel, data = msg.data}))');

// An HTTP script: broadcasts its body on "room" and answers with the presence of "room".
const HTTP_PUB = `
solidb.ws.channel.broadcast("room", request.body)
return {who = solidb.ws.presence.list("room")}
`;

const DBS = ['alpha', 'beta'];

async function registerAll(s: Server): Promise<void> {
  for (const db of DBS) {
    await s.register(db, 'fwd', 'fwd', ['WS'], FWD);
    await s.register(db, 'raw', 'raw', ['WS'], RAW);
    await s.register(db, 'pub', 'pub', ['POST'], HTTP_PUB);
  }
}

/** Connect a script of `db` as `name`; returns the client and the names its presence.list showed at start. */
async function enter(s: Server, db: string, name: string, script = 'fwd', room = 'room'): Promise<{ c: Client; who: string[] }> {
  const c = await connect(s, `/api/custom/${db}/${script}?name=${name}&room=${encodeURIComponent(room)}`);
  const ready = await c.nextJson();
  if (ready.type !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(ready)}`);
  return { c, who: ready.who.map((r: any) => r.user_info.name) };
}

async function forwardedTotal(s: Server): Promise<number> {
  const m = await (await fetch(s.http + '/_api/metrics')).text();
  return Number(/^moongate_forwarded_total (\d+)/m.exec(m)?.[1] ?? NaN);
}

async function adminPresence(s: Server, db: string, channel: string): Promise<string[]> {
  const r = await s.admin('GET', `/_api/database/${db}/channels/${encodeURIComponent(channel)}/presence`);
  if (r.status !== 200) throw new Error(`presence ${db}/${channel}: ${r.status} ${r.text}`);
  return r.json.members.map((m: any) => m.user_info.name);
}

/**
 * `c`'s next message is `marker`: anything that leaked in before it (a broadcast or presence event of
 * another database, delivered in order before the marker published after it) fails the test.
 */
async function nextIs(t: Test, c: Client, marker: unknown, what: string): Promise<void> {
  t.same(await c.nextJson(), marker, what);
}

for (const native of [true, false]) {
  t.test(`one node, native forwarding ${native ? 'on' : 'off'}: two databases, one channel name`, async (t) => {
    const s = await startServer({ args: ['--no-examples', ...(native ? [] : ['--no-native-forwarding'])] });
    t.teardown(() => s.cleanup());
    await registerAll(s);
    t.ok(forwardsChannels(FWD), 'the fwd script qualifies for native forwarding');
    t.notOk(forwardsChannels(RAW), 'the raw script does not');

    // presence: each database sees only its own members, and only its own join events
    const a1 = await enter(s, 'alpha', 'A1');
    t.same(a1.who, ['A1']);
    const b1 = await enter(s, 'beta', 'B1');
    t.same(b1.who, ['B1'], "beta's presence.list does not show alpha's member");
    const a2 = await enter(s, 'alpha', 'A2', 'raw');
    t.same(a2.who, ['A1', 'A2']);
    t.same(await a1.c.nextJson(), { type: 'presence', ev: 'join', channel: 'room', name: 'A2' }, 'a join in alpha reaches alpha');
    const b2 = await enter(s, 'beta', 'B2', 'raw');
    t.same(b2.who, ['B1', 'B2']);
    t.same(await b1.c.nextJson(), { type: 'presence', ev: 'join', channel: 'room', name: 'B2' }, 'a join in beta reaches beta');
    // presence events of beta did not reach alpha (they would be queued before this answer)
    a1.c.send({ who: 'room' });
    t.same((await a1.c.nextJson()).who.map((r: any) => r.user_info.name), ['A1', 'A2'], 'no beta join event in alpha, presence.list only alpha');
    a2.c.send({ who: 'room' });
    t.same((await a2.c.nextJson()).who.map((r: any) => r.user_info.name), ['A1', 'A2']);
    t.same(await adminPresence(s, 'alpha', 'room'), ['A1', 'A2']);
    t.same(await adminPresence(s, 'beta', 'room'), ['B1', 'B2']);

    // broadcasts: alpha's reach alpha only. The raw clients publish, so the fwd clients, idle in
    // recv_any, take them natively when forwarding is on (their sockets on their channels' uWS topics)
    const before = await forwardedTotal(s);
    a2.c.send({ pub: { from: 'A2', n: 1 } });
    t.same(await a2.c.nextJson(), { type: 'raw', channel: 'room', data: { from: 'A2', n: 1 } }, 'the sender gets its broadcast; msg.channel is the plain name');
    t.same(await a1.c.nextJson(), { from: 'A2', n: 1 }, 'alpha gets it');
    b2.c.send({ pub: { from: 'B2', n: 2 } });
    await nextIs(t, b2.c, { type: 'raw', channel: 'room', data: { from: 'B2', n: 2 } }, "beta's sender gets its own broadcast, not alpha's before it");
    await nextIs(t, b1.c, { from: 'B2', n: 2 }, 'beta gets only beta');
    a2.c.send({ pub: { from: 'A2', n: 3 } });
    await nextIs(t, a2.c, { type: 'raw', channel: 'room', data: { from: 'A2', n: 3 } }, 'alpha (raw) got no beta broadcast');
    await nextIs(t, a1.c, { from: 'A2', n: 3 }, 'alpha got no beta broadcast (the next one is its own)');
    const after = await forwardedTotal(s);
    if (native) t.ok(after >= before + 3, `the fwd clients took them natively (forwarded ${before} → ${after})`);
    else t.equal(after, 0, 'nothing forwarded natively when it is off');
    a2.c.close();
    await nextIs(t, a1.c, { type: 'presence', ev: 'leave', channel: 'room', name: 'A2' }, "A2's leave reaches alpha");

    // the admin API: per database
    const r = await s.admin('POST', '/_api/database/beta/channels/room/broadcast', { from: 'ops', db: 'beta' });
    t.same(r.json, { ok: true, db: 'beta', channel: 'room', subscribers: 2 });
    await nextIs(t, b1.c, { from: 'ops', db: 'beta' }, 'an admin broadcast to beta reaches beta');
    await nextIs(t, b2.c, { type: 'raw', channel: 'room', data: { from: 'ops', db: 'beta' } }, 'beta (raw)');
    await s.admin('POST', '/_api/database/alpha/channels/room/broadcast', { from: 'ops', db: 'alpha' });
    await nextIs(t, a1.c, { from: 'ops', db: 'alpha' }, 'alpha got the alpha admin broadcast and not the beta one before it');
    const list = await s.admin('GET', '/_api/channels');
    t.same(
      list.json.channels.filter((c: any) => c.channel === 'room'),
      [
        { db: 'alpha', channel: 'room', subscribers: 1, presence: 1 },
        { db: 'beta', channel: 'room', subscribers: 2, presence: 2 },
      ],
      'GET /_api/channels lists each database apart',
    );
    t.same((await s.admin('GET', '/_api/channels?db=beta')).json.channels, [{ db: 'beta', channel: 'room', subscribers: 2, presence: 2 }]);
    t.same((await s.admin('GET', '/_api/database/alpha/channels')).json.channels, [{ db: 'alpha', channel: 'room', subscribers: 1, presence: 1 }]);
    t.equal((await s.admin('POST', '/_api/channels/room/broadcast', { x: 1 })).status, 404, 'no gateway-wide broadcast any more');
    t.equal((await s.admin('GET', '/_api/channels/room/presence')).status, 404);
    t.equal((await s.admin('GET', '/_api/database/bad%20db/channels')).status, 400);
    t.equal((await s.admin('DELETE', '/_api/database/alpha/channels/room/broadcast')).status, 405);

    // an HTTP script broadcasts and lists in its own database
    const h = await fetch(s.http + '/api/custom/beta/pub', { method: 'POST', body: JSON.stringify({ from: 'http' }) });
    t.same((await h.json()).who.map((r: any) => r.user_info.name), ['B1', 'B2'], "an HTTP script's presence.list is its database's");
    await nextIs(t, b1.c, { from: 'http' }, "an HTTP script's broadcast reaches its database");
    await nextIs(t, b2.c, { type: 'raw', channel: 'room', data: { from: 'http' } }, 'beta (raw)');
    a1.c.send({ pub: { from: 'A1', n: 3 } });
    await nextIs(t, a1.c, { from: 'A1', n: 3 }, 'the HTTP broadcast of beta did not reach alpha');

    // names that would collide under a naive (database + separator + name) topic or key cannot
    // reach another database
    const forgedNames = ['1:beta:room', '4:beta:room', 'beta:room', 'beta/room', 'beta\u0000room', 'croom', ':room', 'k'];
    for (const forged of forgedNames) {
      a1.c.send({ sub: forged });
      t.equal((await a1.c.nextJson()).type, 'subbed');
    }
    const a3 = await enter(s, 'alpha', 'A3', 'raw');
    t.same(a3.who, ['A1', 'A3']);
    t.same(await a1.c.nextJson(), { type: 'presence', ev: 'join', channel: 'room', name: 'A3' });
    a3.c.send({ pub: { from: 'A3', n: 4 } }); // a1 takes it idle: natively, on all its channels' topics
    await nextIs(t, a3.c, { type: 'raw', channel: 'room', data: { from: 'A3', n: 4 } }, 'alpha broadcast');
    await nextIs(t, a1.c, { from: 'A3', n: 4 }, 'alpha broadcast (fwd)');
    b2.c.send({ pub: { from: 'B2', n: 5 } });
    await nextIs(t, b2.c, { type: 'raw', channel: 'room', data: { from: 'B2', n: 5 } }, 'beta broadcast');
    await nextIs(t, b1.c, { from: 'B2', n: 5 }, 'beta broadcast (fwd)');
    for (const forged of ['1:beta:room', 'beta:room', 'croom']) {
      a1.c.send({ pub: { from: 'A1', forged }, ch: forged });
      t.same(await a1.c.nextJson(), { from: 'A1', forged }, `alpha's own "${forged}" reaches alpha`);
    }
    a3.c.send({ pub: { from: 'A3', n: 6 } });
    await nextIs(t, a1.c, { from: 'A3', n: 6 }, "beta's broadcast on room never reached alpha's look-alike channels");
    await nextIs(t, a3.c, { type: 'raw', channel: 'room', data: { from: 'A3', n: 6 } }, 'nor alpha (raw)');
    b2.c.send({ pub: { from: 'B2', n: 7 } });
    await nextIs(t, b2.c, { type: 'raw', channel: 'room', data: { from: 'B2', n: 7 } }, "alpha's look-alike broadcasts never reached beta's room (raw)");
    await nextIs(t, b1.c, { from: 'B2', n: 7 }, 'nor beta (fwd)');
    a3.c.close();
    await nextIs(t, a1.c, { type: 'presence', ev: 'leave', channel: 'room', name: 'A3' }, "A3's leave");

    // leaving: beta's members leaving is not seen in alpha
    b2.c.close();
    await nextIs(t, b1.c, { type: 'presence', ev: 'leave', channel: 'room', name: 'B2' }, 'a leave in beta reaches beta');
    a1.c.send({ who: 'room' });
    t.same((await a1.c.nextJson()).who.map((r: any) => r.user_info.name), ['A1'], 'no beta leave in alpha');
    t.same(await adminPresence(s, 'beta', 'room'), ['B1']);
    a1.c.close();
    b1.c.close();
  });
}

t.test('two nodes on Redis: the same database shares across nodes, two databases never meet', async (t) => {
  const redis = await startRedis(t);
  if (redis === undefined) return;
  const nodeArgs = (id: string) => ['--no-examples', '--redis', redis.url, '--node-id', id, '--heartbeat-ttl-ms', '3000'];
  const nA = await startServer({ args: nodeArgs('node-a') });
  t.teardown(() => nA.cleanup());
  const nB = await startServer({ args: nodeArgs('node-b') });
  t.teardown(() => nB.cleanup());
  await registerAll(nA);
  await registerAll(nB);
  const presenceIs = (s: Server, db: string, names: string[]) =>
    eventually(`${db} presence on a node = ${names.join(',')}`, async () => {
      const got = await adminPresence(s, db, 'room');
      return JSON.stringify(got) === JSON.stringify(names) ? true : undefined;
    });

  // alpha on both nodes, beta on both nodes; each join is awaited on the other node first
  const aA = await enter(nA, 'alpha', 'aA');
  await presenceIs(nB, 'alpha', ['aA']);
  await presenceIs(nB, 'beta', []);
  const bA = await enter(nA, 'beta', 'bA', 'raw');
  t.same(bA.who, ['bA'], "beta's presence.list on A does not show alpha's member");
  await presenceIs(nB, 'beta', ['bA']);
  const aB = await enter(nB, 'alpha', 'aB', 'raw');
  t.same(aB.who, ['aA', 'aB'], "alpha on B sees alpha's member of A, not beta's");
  await nextIs(t, aA.c, { type: 'presence', ev: 'join', channel: 'room', name: 'aB' }, "alpha's join on B reaches alpha on A, and no beta join came before it");
  const bB = await enter(nB, 'beta', 'bB');
  t.same(bB.who, ['bA', 'bB'], "beta on B sees beta's member of A, not alpha's");
  await nextIs(t, bA.c, { type: 'presence', ev: 'join', channel: 'room', name: 'bB' }, "beta's join on B reaches beta on A");
  await presenceIs(nA, 'alpha', ['aA', 'aB']);
  await presenceIs(nA, 'beta', ['bA', 'bB']);

  // broadcasts: across nodes within a database, never across databases
  aB.c.send({ pub: { from: 'aB', n: 1 } });
  await nextIs(t, aB.c, { type: 'raw', channel: 'room', data: { from: 'aB', n: 1 } }, 'the sender on B');
  await nextIs(t, aA.c, { from: 'aB', n: 1 }, "alpha's broadcast on B reaches alpha on A (beta's join came to no alpha client)");
  bA.c.send({ pub: { from: 'bA', n: 2 } });
  await nextIs(t, bA.c, { type: 'raw', channel: 'room', data: { from: 'bA', n: 2 } }, "beta's sender on A gets its own, not alpha's before it");
  await nextIs(t, bB.c, { from: 'bA', n: 2 }, "beta's broadcast on A reaches beta on B, and alpha's did not");
  aB.c.send({ pub: { from: 'aB', n: 3 } });
  await nextIs(t, aB.c, { type: 'raw', channel: 'room', data: { from: 'aB', n: 3 } }, "alpha on B: beta's broadcast of A did not come first");
  await nextIs(t, aA.c, { from: 'aB', n: 3 }, "alpha on A: beta's broadcast did not come first");

  // admin broadcasts on one node reach that database on every node
  await nB.admin('POST', '/_api/database/beta/channels/room/broadcast', { from: 'ops' });
  await nextIs(t, bA.c, { type: 'raw', channel: 'room', data: { from: 'ops' } }, 'an admin broadcast to beta on B reaches beta on A');
  await nextIs(t, bB.c, { from: 'ops' }, 'and beta on B');
  aA.c.send({ pub: { from: 'aA', n: 4 } });
  await nextIs(t, aA.c, { from: 'aA', n: 4 }, 'not alpha on A');
  await nextIs(t, aB.c, { type: 'raw', channel: 'room', data: { from: 'aA', n: 4 } }, 'nor alpha on B');

  // listings are per database, with cluster-wide presence counts
  const list = (await nA.admin('GET', '/_api/channels')).json.channels;
  t.same(list, [
    { db: 'alpha', channel: 'room', subscribers: 1, presence: 2 },
    { db: 'beta', channel: 'room', subscribers: 1, presence: 2 },
  ]);

  // Redis names carry the database
  const r = new Redis(redis.url);
  try {
    const chans = (await r.pubsub('CHANNELS', 'moongate:ch:*')) as string[];
    t.same(chans.sort(), ['moongate:ch:4:beta:room', 'moongate:ch:5:alpha:room'], 'one Redis channel per (database, channel)');
    const fields = ((await r.hkeys('moongate:presence:node-a')) as string[]).map((f) => f.slice(f.indexOf(' ') + 1)).sort();
    t.same(fields, ['4:beta:room', '5:alpha:room'], "node A's presence records are per database");
  } finally {
    r.disconnect();
  }

  // leaves: a beta member leaving is seen by beta only
  bB.c.close();
  await nextIs(t, bA.c, { type: 'presence', ev: 'leave', channel: 'room', name: 'bB' }, "beta's leave on B reaches beta on A");
  aB.c.close();
  await nextIs(t, aA.c, { type: 'presence', ev: 'leave', channel: 'room', name: 'aB' }, "alpha on A: the next event is alpha's leave, not beta's");
  await presenceIs(nA, 'beta', ['bA']);
  await presenceIs(nA, 'alpha', ['aA']);

  // a node stopping: its users leave, in each database
  await nA.stop();
  await presenceIs(nB, 'alpha', []);
  await presenceIs(nB, 'beta', []);
  aA.c.close();
  bA.c.close();
});
